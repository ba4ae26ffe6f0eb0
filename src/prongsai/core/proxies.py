"""The client's address behind a trusted reverse proxy.

Behind a proxy every request comes from the proxy's address, so the log-in throttle and
the feedback rate limit would count all visitors as one. When the request comes from an
address listed in TRUSTED_PROXIES, REMOTE_ADDR becomes the nearest address in
X-Forwarded-For that is not itself a trusted proxy (the header is read right to left: the
proxy appends the address it saw, while anything to its left was sent by the client and
may be forged). From any other peer the header is ignored. The address is only used in
memory (prongsai.public.ratelimit keeps a keyed hash), never stored or logged.
"""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(remote: str, forwarded_for: str, trusted: frozenset[str]) -> str:
    """The address to count: `remote` unless it is a trusted proxy that names the client."""
    if not trusted or remote not in trusted or not forwarded_for:
        return remote
    for hop in reversed(forwarded_for.split(",")):
        address = _address(hop)
        if address is None:
            return remote  # a mangled header: count the proxy, as if it named no one
        if address not in trusted:
            return address
    return remote


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Checked at start-up (prongsai.env.env_addresses); normalised here.
        self.trusted = frozenset(str(ipaddress.ip_address(p)) for p in settings.TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.trusted:
            request.META["REMOTE_ADDR"] = client_address(
                str(request.META.get("REMOTE_ADDR", "")),
                str(request.META.get("HTTP_X_FORWARDED_FOR", "")),
                self.trusted,
            )
        return self.get_response(request)
