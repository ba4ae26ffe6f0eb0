"""The client's address behind a trusted proxy, and only behind one."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from prongsai.core.proxies import TrustedProxyMiddleware, client_address
from prongsai.env import env_addresses

PROXY = "10.0.0.5"
TRUSTED = frozenset({PROXY})


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, "198.51.100.7", "198.51.100.7"),  # the proxy names the client
        # A client's forged entries sit left of the one the proxy appended.
        (PROXY, "203.0.113.1, 198.51.100.7", "198.51.100.7"),
        (PROXY, "198.51.100.7, 10.0.0.5", "198.51.100.7"),  # two trusted hops
        ("198.51.100.9", "203.0.113.1", "198.51.100.9"),  # not a proxy: header ignored
        (PROXY, "", PROXY),  # no header: the proxy itself
        (PROXY, "not-an-address", PROXY),  # mangled: as if none
        (PROXY, "10.0.0.5", PROXY),  # only proxies named
    ],
)
def test_client_address(remote, forwarded, expected):
    assert client_address(remote, forwarded, TRUSTED) == expected


def test_nothing_trusted_changes_nothing():
    assert client_address(PROXY, "198.51.100.7", frozenset()) == PROXY


def seen_address(remote, forwarded):
    seen = {}

    def view(request):
        seen["addr"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    TrustedProxyMiddleware(view)(request)
    return seen["addr"]


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_middleware_sets_the_clients_address_behind_the_proxy():
    assert seen_address(PROXY, "198.51.100.7") == "198.51.100.7"
    assert seen_address("198.51.100.9", "203.0.113.1") == "198.51.100.9"


@override_settings(TRUSTED_PROXIES=[])
def test_middleware_without_trusted_proxies_ignores_the_header():
    assert seen_address(PROXY, "198.51.100.7") == PROXY


def test_a_wrong_trusted_proxy_stops_start_up(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5,proxy.example")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        env_addresses("TRUSTED_PROXIES")
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, ::1")
    assert env_addresses("TRUSTED_PROXIES") == ["10.0.0.5", "::1"]
