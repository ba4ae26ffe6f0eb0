"""Chromium through the production server: `prongsai serve` (gunicorn, 2 workers) with the
production settings (DEBUG off, database cache, static files from whitenoise), not
pytest-django's live server."""

import pytest
from tests.servers import prongsai, site_env, start_server

from prongsai.demo.agency import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    env = site_env(tmp_path_factory.mktemp("production-server"))
    loaded = prongsai(env, "demo")
    assert loaded.returncode == 0, loaded.stderr
    running = start_server(env, "browser")
    yield running
    running.stop()


def test_log_in_and_open_the_agency_year_page(server, page):
    failed, static = [], []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on(
        "response",
        lambda r: static.append(r.request.resource_type) if "/static/" in r.url else None,
    )
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{server.url}/login/")
    page.fill("#id_username", "ummao-coordinator")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{server.url}/")

    page.goto(f"{server.url}/a/ummao/2565/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#measure-table tbody tr").count() >= 1
    # The stylesheet and scripts came from the production server (whitenoise, DEBUG off).
    assert "stylesheet" in static and "script" in static, static
    assert not failed and not errors, (failed, errors)
