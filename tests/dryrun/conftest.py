"""A real moto server on a free loopback port (moto's ThreadedMotoServer)."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def moto_server() -> Iterator[tuple[object, str]]:
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(Exception):  # already stopped by the fault-injection test
            server.stop()
