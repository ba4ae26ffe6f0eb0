"""Fetching one address for the link checker, safely (no Django here).

A link checker on a server must not become a way to reach the server's own network: every
host name is resolved here and refused when ANY of its addresses is private, loopback,
link-local, multicast, reserved or unspecified; the connection then goes to the address
that was checked (the name travels only as the Host header and TLS server name), so a
second DNS answer cannot swap it (DNS rebinding). Redirects are followed by hand, each hop
checked the same way. Timeouts, a size limit, an identifying user agent and no cookies
(http.client keeps none) make it a good network citizen.
"""

import hashlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

# The resolver; tests replace it to simulate names (the module global is read per call).
getaddrinfo: Callable[..., list[tuple]] = socket.getaddrinfo

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# HEAD answered with these is retried with GET: some servers do not implement HEAD.
HEAD_REFUSED = frozenset({400, 403, 404, 405, 406, 429, 500, 501, 502, 503})


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 5.0
    total_timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    user_agent: str = "prongsai-linkcheck/1"
    allow_private: bool = False


@dataclass
class Fetched:
    """What one check found; `error` is a code (see links.ERRORS), blank when answered."""

    url: str
    status_code: int | None = None
    final_url: str = ""
    content_type: str = ""
    elapsed_ms: int = 0
    error: str = ""
    sha256: str = ""  # of the body, when the body was asked for and read whole
    hosts: list[str] = field(default_factory=list)  # the host of each hop


class Refused(Exception):
    """The address may not be fetched, or fetching it failed; args[0] is the code."""


def is_public_address(text: str) -> bool:
    address = ipaddress.ip_address(text.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def ascii_host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii").lower().rstrip(".")
    except UnicodeError:
        raise Refused("bad_url") from None


def resolve(host: str, port: int, limits: Limits) -> str:
    """One address of `host` to connect to, after every address it has was checked."""
    try:
        infos = getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Refused("dns") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise Refused("dns")
    if not limits.allow_private and not all(is_public_address(a) for a in addresses):
        raise Refused("private")
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


class HostSlots:
    """At most `per_host` requests at a time to one host, across the checker's threads."""

    def __init__(self, per_host: int = 2) -> None:
        self.per_host = per_host
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with semaphore:
            yield


def split_target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an address this checker may fetch."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise Refused("bad_url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("bad_url")
    if parts.username is not None or parts.password is not None:
        raise Refused("bad_url")
    host = ascii_host(parts.hostname)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path


def fetch(
    url: str,
    limits: Limits,
    slots: HostSlots,
    *,
    want_body: bool = False,
) -> Fetched:
    """Check one address: HEAD (GET when HEAD is refused, or when `want_body`), redirects
    followed by hand; with `want_body` the body is read whole up to the size limit and
    its SHA-256 kept."""
    result = Fetched(url=url)
    started = time.monotonic()
    deadline = started + limits.total_timeout
    current = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            status, headers, sha = _one_hop(current, limits, slots, deadline, want_body, result)
            result.status_code = status
            result.final_url = current
            result.content_type = headers.get("content-type", "")[:200]
            result.sha256 = sha
            location = headers.get("location", "")
            if status not in REDIRECTS or not location:
                break
            current = urljoin(current, location)
        else:
            raise Refused("redirects")
    except Refused as refused:
        result.error = str(refused.args[0])
    finally:
        result.elapsed_ms = int((time.monotonic() - started) * 1000)
    return result


def _one_hop(
    url: str,
    limits: Limits,
    slots: HostSlots,
    deadline: float,
    want_body: bool,
    result: Fetched,
) -> tuple[int, dict[str, str], str]:
    scheme, host, port, path = split_target(url)
    result.hosts.append(host)
    address = resolve(host, port, limits)
    with slots.slot(host):
        if not want_body:
            status, headers, _sha = _request(
                "HEAD", scheme, host, port, address, path, limits, deadline, False
            )
            if status not in HEAD_REFUSED:
                return status, headers, ""
        return _request("GET", scheme, host, port, address, path, limits, deadline, want_body)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise Refused("timeout")
    return left


def _request(
    method: str,
    scheme: str,
    host: str,
    port: int,
    address: str,
    path: str,
    limits: Limits,
    deadline: float,
    read_body: bool,
) -> tuple[int, dict[str, str], str]:
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    timeout = min(limits.connect_timeout, _remaining(deadline))
    connection = kind(host, port, address, timeout)
    try:
        connection.connect()
        assert connection.sock is not None
        connection.sock.settimeout(_remaining(deadline))
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.putheader("User-Agent", limits.user_agent)
        connection.putheader("Accept", "*/*")
        connection.putheader("Accept-Encoding", "identity")
        connection.putheader("Connection", "close")
        connection.endheaders()
        sock = connection.sock  # getresponse hands it to the response when closing
        response = connection.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        sha = _read_digest(response, sock, headers, limits, deadline) if read_body else ""
        return response.status, headers, sha
    except Refused:
        raise
    except TimeoutError:
        raise Refused("timeout") from None
    except ssl.SSLError:
        raise Refused("tls") from None
    except (OSError, http.client.HTTPException):
        raise Refused("connection") from None
    finally:
        connection.close()


def _read_digest(
    response: http.client.HTTPResponse,
    sock: socket.socket,
    headers: dict[str, str],
    limits: Limits,
    deadline: float,
) -> str:
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise Refused("too_large")
    digest = hashlib.sha256()
    read = 0
    while True:
        sock.settimeout(_remaining(deadline))  # a trickle of bytes still ends in time
        chunk = response.read(min(CHUNK, limits.max_bytes + 1 - read))
        if not chunk:
            return digest.hexdigest()
        read += len(chunk)
        if read > limits.max_bytes:
            raise Refused("too_large")
        digest.update(chunk)
