"""Each demo role logs in at a desktop and a phone size and lands on its home: the
heading, what needs them with counts, and no sideways scrolling."""

import datetime as dt
import os

import pytest

from prongsai.agencies.models import Membership
from prongsai.demo.agency import PASSWORD, load_demo
from prongsai.public import services_cases, services_reports
from prongsai.public.models import CaseKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1366, "height": 768}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
# username → the counts its home shows (id of the count's link → number)
HOMES = {
    "ummao-coordinator": {"need-overdue": "3", "need-to-submit": "1", "need-returned": "0"},
    "ummao-reporter-chang": {"need-stale": "3"},
    "ummao-executive": {"need-waiting": "1"},
    "ummao-viewer": {
        "progress-done": "3",
        "progress-in_progress": "3",
        "progress-not_started": "0",
    },
    "ummao-complaints": {"need-new-cases": "1"},
}
SHOTS = os.environ.get("PRONGSAI_SCREENSHOTS")  # a folder to keep screenshots in, if set


@pytest.fixture
def agency(transactional_db):
    agency, _logins = load_demo()
    coordinator = Membership.objects.get(agency=agency, role="coordinator")
    services_reports.submit_report(
        membership=coordinator, fiscal_year=2565, kind="measures", as_of=dt.date(2022, 3, 31)
    )
    services_cases.submit_feedback(
        agency=agency, kind=CaseKind.COMMENT, subject="ขอเพิ่มไฟส่องสว่าง", body="ซอย 3"
    )
    return agency


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_each_role_lands_on_its_home(live_server, browser, agency, size):
    for username, expected in HOMES.items():
        context = browser.new_context(locale="th-TH", **VIEWPORTS[size])
        page = context.new_page()
        errors = []
        page.on(
            "console", lambda m, seen=errors: seen.append(m.text) if m.type == "error" else None
        )
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        assert page.locator("h1").inner_text() == "งานที่รอท่าน"
        card = page.locator("#home-ummao")
        assert "เทศบาลตำบลอุ่มเม่า" in card.locator("h2").inner_text()
        for key, count in expected.items():
            link = page.locator(f"#{key}")
            assert link.locator("b.count").inner_text() == count, (username, key)
            assert link.is_visible()
        width = VIEWPORTS[size]["viewport"]["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/home-{username}-{size}.png", full_page=True)
        # the first count leads to a page the role may use
        first = page.locator(f"#{next(iter(expected))}")
        first.click()
        page.wait_for_load_state()
        assert "ท่านไม่มีสิทธิ์ใช้หน้านี้" not in page.content()
        assert errors == [], errors
        context.close()


def test_a_refused_page_is_thai_with_a_way_home(live_server, browser, agency):
    context = browser.new_context(locale="th-TH", **VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "ummao-reporter-chang")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    response = page.goto(f"{live_server.url}/a/ummao/history/")
    assert response.status == 403
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == "ท่านไม่มีสิทธิ์ใช้หน้านี้"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/403-phone.png", full_page=True)
    page.click("text=กลับหน้าหลัก")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "งานที่รอท่าน"
    context.close()
