"""The pages a clerk uses fit the screen, on a 390x844 phone and a 1366x768 PC (Debian's
Chromium): no page is wider than the screen, and on the agency-year page the measure list
starts within the first screen, before the charts and documents."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from tests.e2e.login import log_in

from prongsai.demo.agency import load_demo
from prongsai.measures import services
from prongsai.measures.models import Measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).parent.parent / "data"
DOCX = sorted(DATA.glob("*.docx"))
LONG_LINK = "https://ita.example.go.th/evidence/2565/" + "a1b2c3d4e5" * 25 + "/report.pdf"
SCREENS = {"phone": (390, 844), "pc": (1366, 768)}


@pytest.fixture(params=sorted(SCREENS))
def screen(request, browser):
    width, height = SCREENS[request.param]
    phone = request.param == "phone"
    context = browser.new_context(
        locale="th-TH",
        viewport={"width": width, "height": height},
        is_mobile=phone,
        has_touch=phone,
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def assert_fits(page, what):
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[1], (what, widths)


def add_measures(agency, count):
    """More measures than a page holds, so the pager shows too."""
    user = get_user_model().objects.get(username="ummao-coordinator")
    divisions = list(agency.divisions.all())
    for i in range(count):
        services.create_measure(
            actor=user,
            agency=agency,
            fiscal_year=2566,
            title=f"มาตรการทดสอบความยาวของชื่อบนหน้าจอโทรศัพท์ลำดับที่ {i + 1}",
            steps=["ขั้นตอนที่หนึ่ง"],
            divisions=divisions[i % 4 : i % 4 + 2],
        )


def test_agency_year_page_shows_the_measures_first(live_server, screen):
    agency, _ = load_demo()
    add_measures(agency, 55)
    log_in(screen, live_server.url)
    for year in (2565, 2566):
        screen.goto(f"{live_server.url}/a/ummao/{year}/")
        screen.wait_for_load_state("networkidle")  # the charts are images
        assert_fits(screen, f"agency page {year}")
        first_row = screen.locator("#measure-table tbody tr").first
        top = first_row.evaluate("row => row.getBoundingClientRect().top + window.scrollY")
        assert top <= 900 and top <= screen.viewport_size["height"], top
        # The documents and charts come after the list on a phone, beside it on a PC.
        charts = screen.locator("img.chart").first.bounding_box()
        docx = screen.locator("#documents a", has_text="DOCX").first.bounding_box()
        label = screen.locator("#documents li").first.locator("a").first.bounding_box()
        assert abs(docx["y"] + docx["height"] / 2 - (label["y"] + label["height"] / 2)) < 20
        if screen.viewport_size["width"] < 600:
            assert charts["y"] > top and docx["y"] > top
            assert charts["width"] >= 300  # drawn about 1:1, not shrunk beside another chart
    # The pager works and keeps a filter.
    screen.select_option("#f-status", "none")
    screen.wait_for_url("**status=none**")
    screen.click(".pager a[rel=next]")
    screen.wait_for_url("**page=2**")
    assert "status=none" in screen.url
    assert screen.locator("#measure-table tbody tr").count() == 55 - 50
    assert screen.locator("#measure-table").count() == 1
    assert_fits(screen, "page 2")
    assert screen.console_errors == []


def test_long_evidence_link_and_history_fit(live_server, screen):
    load_demo()
    measure = Measure.objects.get(agency__slug="ummao", fiscal_year=2565, number=1)
    user = get_user_model().objects.get(username="ummao-coordinator")
    assert len(LONG_LINK) >= 300
    services.report_status(
        actor=user,
        measure=measure,
        status="done",
        note="ลิงก์ยาว",
        reported_on=dt.date(2022, 6, 30),
        links=[LONG_LINK],
    )
    log_in(screen, live_server.url)
    screen.goto(f"{live_server.url}/a/ummao/m/{measure.pk}/")
    link = screen.locator(f"#history a[href='{LONG_LINK}']")
    assert link.count() == 1 and link.get_attribute("title") == LONG_LINK
    assert_fits(screen, "measure with a long link")
    for path in (
        "/a/ummao/history/",
        f"/a/ummao/history/measure/{measure.pk}/",
        f"/a/ummao/m/{measure.pk}/status/",
        f"/a/ummao/m/{measure.pk}/edit/",
        "/a/ummao/2565/measures/new/",
        "/a/ummao/2565/import/",
        "/a/ummao/lint/",
        "/a/ummao/2565/reports/",
        "/a/ummao/2565/analysis/",
        "/a/ummao/2564/result/",
        "/a/ummao/2565/memo/implementation/",
    ):
        screen.goto(f"{live_server.url}{path}")
        assert_fits(screen, path)
    assert screen.console_errors == []


def test_import_preview_and_lint_results_fit(live_server, screen):
    load_demo()
    log_in(screen, live_server.url)
    assert DOCX
    for docx in DOCX:
        screen.goto(f"{live_server.url}/a/ummao/2568/import/")
        screen.set_input_files("input[type=file]", str(docx))
        screen.click("main form button[type=submit]")
        screen.wait_for_load_state()
        assert screen.locator("table.import-preview tbody tr").count() > 0, docx.name
        assert_fits(screen, f"preview of {docx.name}")
        if screen.viewport_size["width"] < 600:
            # cells stack as label/value lines, each as wide as the row
            cell = screen.locator("table.import-preview tbody td").nth(1).bounding_box()
            assert cell["width"] > 300, docx.name

        screen.goto(f"{live_server.url}/a/ummao/lint/")
        screen.set_input_files("input[type=file]", str(docx))
        screen.click("main form button[type=submit]")
        screen.wait_for_load_state()
        assert screen.locator("h2").first.inner_text().startswith(docx.name)
        assert_fits(screen, f"lint of {docx.name}")
    assert screen.console_errors == []
