"""The link checker's fetcher against a local server, and its refusals of internal
addresses (no connection is ever made to them)."""

import hashlib
import socket
import time

import pytest

from prongsai.oit import fetch
from prongsai.oit.fetch import HostSlots, Limits
from tests.oit.server import HUGE_BYTES, local_server

LOCAL = Limits(
    connect_timeout=1, total_timeout=1, max_bytes=64 * 1024, user_agent="ua", allow_private=True
)
STRICT = Limits(connect_timeout=1, total_timeout=1, max_bytes=64 * 1024, user_agent="ua")


@pytest.fixture
def server():
    with local_server() as (base, state):
        yield base, state


def get(url, limits=LOCAL, **kwargs):
    return fetch.fetch(url, limits, HostSlots(), **kwargs)


def test_a_page_that_answers(server):
    base, state = server
    result = get(f"{base}/ok")
    assert (result.status_code, result.error) == (200, "")
    assert result.final_url == f"{base}/ok"
    assert result.content_type == "text/html; charset=utf-8"
    assert result.elapsed_ms >= 0
    method, path, host, agent, cookie = state.requests[-1]
    assert (method, path, agent) == ("HEAD", "/ok", "ua")
    assert host == base.removeprefix("http://")


def test_a_redirect_is_followed_to_its_end(server):
    base, state = server
    result = get(f"{base}/moved")
    assert result.status_code == 200
    assert result.final_url == f"{base}/ok"
    assert [r[1] for r in state.requests] == ["/moved", "/ok"]
    # the cookie set by the first answer is not sent back
    assert all(r[4] == "" for r in state.requests)


def test_a_missing_page(server):
    base, _ = server
    result = get(f"{base}/missing")
    assert result.status_code == 404
    assert result.error == ""


def test_get_when_head_is_refused(server):
    base, state = server
    result = get(f"{base}/get-only")
    assert result.status_code == 200
    assert [r[0] for r in state.requests] == ["HEAD", "GET"]


def test_endless_redirects_stop(server):
    base, state = server
    result = get(f"{base}/loop")
    assert result.error == "redirects"
    assert len(state.requests) == fetch.MAX_REDIRECTS + 1


def test_a_slow_site_times_out(server):
    base, state = server
    started = time.monotonic()
    result = get(f"{base}/slow")
    assert result.error == "timeout"
    assert result.status_code is None
    assert time.monotonic() - started < state.slow_seconds - 0.5


def test_a_huge_body_is_not_read_past_the_limit(server):
    base, state = server
    result = get(f"{base}/huge", want_body=True)
    assert result.error == "too_large"
    time.sleep(0.2)
    assert state.huge_sent < HUGE_BYTES / 2
    # without the body asked for, the answer's head is enough
    state.huge_sent = 0
    result = get(f"{base}/huge")
    assert (result.status_code, result.error) == (200, "")
    time.sleep(0.2)
    assert state.huge_sent < HUGE_BYTES / 2


def test_the_body_digest(server):
    base, state = server
    state.pdf = b"%PDF-1.4 the published bytes"
    result = get(f"{base}/p/ummao/2565/implementation.pdf", want_body=True)
    assert result.sha256 == hashlib.sha256(state.pdf).hexdigest()
    assert result.content_type == "application/pdf"


@pytest.fixture
def no_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"connection attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://192.168.1.1:8080/",
        "http://localhost/",
        "https://localhost./",
    ],
)
def test_internal_addresses_are_refused_without_a_connection(url, no_connection):
    result = get(url, STRICT)
    assert result.error == "private"
    assert result.status_code is None


def fake_dns(monkeypatch, names):
    calls = []

    def resolver(host, port, *args, **kwargs):
        calls.append(host)
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "unknown")
        family = socket.AF_INET6 if ":" in names[host][0] else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (a, port)) for a in names[host]]

    monkeypatch.setattr(fetch, "getaddrinfo", resolver)
    return calls


def test_a_name_with_any_internal_address_is_refused(monkeypatch, no_connection):
    fake_dns(monkeypatch, {"mixed.example": ["8.8.8.8", "127.0.0.1"]})
    assert get("http://mixed.example/", STRICT).error == "private"


def test_an_unknown_name(monkeypatch, no_connection):
    fake_dns(monkeypatch, {})
    assert get("https://nowhere.example/", STRICT).error == "dns"


@pytest.mark.parametrize(
    "url", ["ftp://example.org/", "javascript:alert(1)", "http://user:pw@example.org/", "http://"]
)
def test_addresses_that_are_not_web_links(url, no_connection):
    assert get(url, STRICT).error == "bad_url"


def test_a_redirect_to_an_internal_host_is_refused(server, monkeypatch):
    """A public name (its address pinned: the connection goes where the check said, with
    the name as Host) redirects to a name of the internal network: never fetched."""
    base, state = server
    port = int(base.rsplit(":", 1)[1])
    lookups = fake_dns(
        monkeypatch, {"public.example": ["8.8.8.8"], "internal.example": ["10.0.0.1"]}
    )
    real_connect = socket.create_connection
    connections = []

    def to_local_server(address, *args, **kwargs):
        connections.append(address)
        assert address == ("8.8.8.8", port)
        return real_connect(("127.0.0.1", port), *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", to_local_server)
    result = get(f"http://public.example:{port}/to-internal", STRICT)
    assert result.error == "private"
    assert result.status_code == 302
    assert lookups == ["public.example", "internal.example"]
    assert connections == [("8.8.8.8", port)]
    assert state.requests[0][2] == f"public.example:{port}"


def test_the_checked_address_is_the_one_connected(server, monkeypatch):
    """DNS rebinding: a second answer of the resolver is never used for the connection."""
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    answers = iter([["8.8.4.4"], ["127.0.0.1"]])

    def rebinding(host, p, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, p)) for a in next(answers)]

    monkeypatch.setattr(fetch, "getaddrinfo", rebinding)
    real_connect = socket.create_connection
    connections = []

    def spy(address, *args, **kwargs):
        connections.append(address)
        return real_connect(("127.0.0.1", port), *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", spy)
    result = get(f"http://rebind.example:{port}/ok", STRICT)
    assert result.status_code == 200
    assert connections == [("8.8.4.4", port)]


def test_at_most_two_requests_at_a_time_to_one_host():
    import threading

    slots = HostSlots(per_host=2)
    inside = []
    peak = []
    lock = threading.Lock()

    def work():
        with slots.slot("one.example"):
            with lock:
                inside.append(1)
                peak.append(len(inside))
            time.sleep(0.05)
            with lock:
                inside.pop()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert max(peak) == 2
