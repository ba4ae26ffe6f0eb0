"""`prongsai serve`: gunicorn's settings, and a real server whose access log names no client."""

import pytest
from django.core.management.base import CommandError
from tests.servers import Browser, prongsai, site_env, start_server

from prongsai.web.management.commands.serve import ACCESS_LOG_FORMAT, Command, gunicorn_options


def options(**overrides):
    values = dict(
        bind="127.0.0.1:8000",
        workers=2,
        threads=4,
        access_log=False,
        proxy_protocol=False,
        proxy_allow="127.0.0.1",
        timeout=120,
    )
    values.update(overrides)
    return gunicorn_options(**values)


def test_no_access_log_unless_asked_and_never_an_address():
    assert options()["accesslog"] is None
    assert options(access_log=True)["accesslog"] == "-"
    # gunicorn's atoms for the remote address, forwarded-for and user agent are absent.
    for atom in ("%(h)s", "%(a)s", "{x-forwarded-for}i", "{user-agent}i"):
        assert atom not in ACCESS_LOG_FORMAT


def test_threads_use_the_threaded_worker_and_no_control_socket():
    assert options()["worker_class"] == "gthread"
    assert options(threads=1)["worker_class"] == "sync"
    assert options()["control_socket_disable"] is True
    assert options()["preload_app"] is False
    assert "proxy_protocol" not in options()
    assert options(proxy_protocol=True, proxy_allow="10.0.0.5")["proxy_allow_ips"] == "10.0.0.5"


def test_debug_logging_does_not_reach_gunicorn(monkeypatch):
    """gunicorn's debug messages name clients' addresses."""
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    assert options()["loglevel"] == "info"
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    assert options()["loglevel"] == "warning"


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_wrong_web_concurrency_stops_the_command(monkeypatch, value):
    monkeypatch.setenv("WEB_CONCURRENCY", value)
    with pytest.raises(CommandError, match="WEB_CONCURRENCY"):
        Command().handle(
            bind="127.0.0.1:0",
            workers=None,
            threads=None,
            timeout=120,
            access_log=False,
            proxy_protocol=False,
            proxy_allow="127.0.0.1",
        )


@pytest.mark.slow
def test_the_access_log_of_a_real_server_names_no_client(tmp_path):
    env = site_env(tmp_path)
    migrated = prongsai(env, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    server = start_server(env, "logged", workers=1, threads=2, extra=["--access-log"])
    try:
        browser = Browser()
        browser.request(
            f"{server.url}/healthz",
            headers={"User-Agent": "Secret-Agent/1.0", "X-Forwarded-For": "198.51.100.7"},
        )
    finally:
        server.stop()
    log = server.log.read_text()
    assert '"GET /healthz HTTP/1.1" 200' in log
    for revealing in ("127.0.0.1 ", "Secret-Agent", "198.51.100.7"):
        assert revealing not in log, log
