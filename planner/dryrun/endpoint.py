"""The ``--endpoint-url`` guard: parse once, resolve once, connect only to the address checked.

Only ``http(s)://HOST[:PORT][/]`` is accepted: no user info, no backslash, no whitespace or control
character, no path, query or fragment. The host is read with urllib3's parser (the one that
connects) and cross-checked with ``urllib.parse``; a disagreement is refused. The host is resolved
once and, unless ``allow_remote``, every address must be loopback. boto3 is then given the URL
rebuilt from the checked parts: for ``http`` the literal checked address, so no second lookup
(and no S3 virtual-host name such as ``bucket.localhost``) can lead anywhere else.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from urllib3.util import parse_url

from planner.errors import InvalidInput

GRAMMAR = re.compile(r"(?P<scheme>https?)://(?P<host>\[[0-9a-fA-F:.]{2,45}\]|[A-Za-z0-9][A-Za-z0-9.-]{0,252})"
                     r"(?::(?P<port>[0-9]{1,5}))?/?", re.ASCII)
DEFAULT_PORT = {"http": 80, "https": 443}
FORM = "use http(s)://HOST[:PORT] with nothing else, for example http://127.0.0.1:5000"

Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class CheckedEndpoint:
    scheme: str
    host: str  # as written, lower-case, without brackets
    port: int
    addresses: tuple[str, ...]  # what the host resolved to, IPv4 first
    url: str  # the URL boto3 connects to

    @property
    def loopback(self) -> bool:
        return all(ipaddress.ip_address(a).is_loopback for a in self.addresses)


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IP literals resolve to themselves without a lookup)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _why_malformed(url: str) -> str:
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "it contains whitespace or a control character"
    if "\\" in url:
        return "it contains a backslash"
    if "@" in url:
        return "it contains user info ('@')"
    if "?" in url or "#" in url:
        return "it has a query or fragment"
    if not re.match(r"https?://", url):
        return "it is not an http(s) URL"
    return "it has a path or characters a host name cannot have"


def check_endpoint(url: str, allow_remote: bool = False, resolver: Resolver = resolve) -> CheckedEndpoint:
    """The endpoint as checked, or :class:`InvalidInput` saying what is wrong and how to fix it."""
    match = GRAMMAR.fullmatch(url)
    if match is None:
        raise InvalidInput(f"--endpoint-url {url!r} is refused: {_why_malformed(url)}; {FORM}")
    scheme = match["scheme"]
    host = match["host"].strip("[]").lower()
    port = int(match["port"]) if match["port"] else DEFAULT_PORT[scheme]
    if not 0 < port < 65536:
        raise InvalidInput(f"--endpoint-url {url!r} is refused: port {port} is out of range 1-65535")
    # The parser that connects (urllib3) and the standard one must agree on every part.
    connecting, standard = parse_url(url), urlsplit(url)
    parts_u3 = (connecting.scheme, (connecting.host or "").strip("[]").lower(), connecting.port or DEFAULT_PORT[scheme],
                connecting.auth, connecting.path or "/", connecting.query, connecting.fragment)
    parts_std = (standard.scheme, (standard.hostname or "").lower(), standard.port or DEFAULT_PORT[scheme],
                 standard.username, standard.path or "/", standard.query or None, standard.fragment or None)
    expected = (scheme, host, port, None, "/", None, None)
    if parts_u3 != expected or parts_std != expected:
        raise InvalidInput(f"--endpoint-url {url!r} is refused: URL parsers disagree on its host; {FORM}")
    try:
        found = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise InvalidInput(f"--endpoint-url {url!r}: cannot resolve {host!r} ({exc})") from exc
    addresses = tuple(sorted(dict.fromkeys(a.split("%", 1)[0] for a in found),
                             key=lambda a: (ipaddress.ip_address(a).version, a)))
    if not addresses:
        raise InvalidInput(f"--endpoint-url {url!r}: {host!r} resolves to no address")
    remote = [a for a in addresses if not ipaddress.ip_address(a).is_loopback]
    if remote and not allow_remote:
        raise InvalidInput(f"--endpoint-url {url!r} is not a loopback address ({host} resolves to "
                           f"{', '.join(remote)}); pass --allow-remote to use it")
    if scheme == "http" and not allow_remote:
        target = addresses[0]
        literal = f"[{target}]" if ":" in target else target
    else:  # https keeps the name for the certificate check; --allow-remote keeps it for virtual hosts
        literal = f"[{host}]" if ":" in host else host
    return CheckedEndpoint(scheme, host, port, addresses, f"{scheme}://{literal}:{port}")
