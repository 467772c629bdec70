"""The endpoint guard: the address checked is the address connected to, and proxies are not used.

The bypass this guards against: ``urllib.parse`` reads the host after the last ``@`` while urllib3
(which connects) ends the host at a backslash, so ``http://10.1.2.3\\@127.0.0.1:5999`` looked like
loopback and connected to 10.1.2.3.
"""

from __future__ import annotations

import ipaddress
import socket
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from urllib3.util import parse_url

from planner.dryrun.backend import EndpointBackend
from planner.dryrun.endpoint import check_endpoint
from planner.dryrun.runner import run_dry_run
from planner.errors import InvalidInput
from planner.pipeline import analyze
from tests.conftest import BLUEPRINTS


def offline_resolver(host: str, port: int) -> list[str]:
    """IP literals resolve to themselves, localhost to loopback, every other name to a remote address."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return ["127.0.0.1", "::1"] if host == "localhost" else ["203.0.113.7"]


@pytest.mark.parametrize("url", [
    "http://10.1.2.3\\@127.0.0.1:5999",  # backslash: urllib3 ends the host before it
    "http://user@127.0.0.1:5000",  # user info
    "http://10.1.2.3@127.0.0.1:5000",
    "http://127.0.0.1:5000/../x", "http://127.0.0.1:5000?x=1", "http://127.0.0.1:5000#f",
    "http://127.0.0.1 :5000", "http://127.0.0.1:5000\n", "http://127.0.0.1:99999", "ftp://127.0.0.1",
    "http://203.0.113.7:5000", "http://example.com:5000",
])
def test_malformed_or_remote_endpoints_are_refused(url: str) -> None:
    with pytest.raises(InvalidInput, match="--endpoint-url"):
        check_endpoint(url, resolver=offline_resolver)


def test_backslash_bypass_is_refused_through_the_backend() -> None:
    with pytest.raises(InvalidInput, match="backslash"):
        EndpointBackend("http://10.1.2.3\\@127.0.0.1:5999")


def test_localhost_is_connected_to_by_its_checked_address() -> None:
    checked = check_endpoint("http://localhost:5000/", resolver=offline_resolver)
    assert checked.url == "http://127.0.0.1:5000"


_URL_PIECES = st.sampled_from(["http://", "https://", "127.0.0.1", "10.1.2.3", "localhost", "example.com", "@",
                               "\\", ":", "5000", "/", "[::1]", "[", "]", "%", "#", "?", " ", ".", "-", "user"])


@settings(max_examples=600, deadline=None)
@given(st.lists(_URL_PIECES, min_size=1, max_size=8).map("".join))
def test_any_accepted_endpoint_connects_only_to_loopback(url: str) -> None:
    try:
        checked = check_endpoint(url, resolver=offline_resolver)
    except InvalidInput:
        return
    # What urllib3 (the parser that connects) reads from the original and from what boto3 is given.
    for text in (url, checked.url):
        host = (parse_url(text).host or "").strip("[]")
        assert all(ipaddress.ip_address(a).is_loopback for a in offline_resolver(host, 0)), (url, text)


def test_proxy_variables_are_not_used_for_a_loopback_endpoint(
        moto_server: tuple[object, str], monkeypatch: pytest.MonkeyPatch) -> None:
    _, url = moto_server
    proxy = socket.socket()
    proxy.bind(("127.0.0.1", 0))
    proxy.listen(8)
    proxy.settimeout(0.2)
    connections: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = proxy.accept()
            except OSError:
                continue
            connections.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{proxy.getsockname()[1]}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, address)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    try:
        result = run_dry_run(analyze(BLUEPRINTS / "minimal-vm.yaml"), EndpointBackend(url))
    finally:
        stop.set()
        thread.join()
        proxy.close()
    assert connections == [], "the dry-run connected to the proxy"
    assert result.ok, result.findings
