"""Buddhist-era date boxes in Debian's Chromium, on an old PC's screen (1366×768) and a
phone (390×844): a clerk types 30/06/2565 and the measure page says 30 มิถุนายน 2565; the
calendar shows พ.ศ. years; an edit form shows its stored date; no JavaScript is needed."""

import datetime as dt

import pytest
from tests.e2e.login import log_in

from prongsai.demo.agency import load_demo
from prongsai.measures.models import Measure, StatusUpdate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {
    "pc": {"viewport": {"width": 1366, "height": 768}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(params=sorted(VIEWPORTS))
def screen(request, browser):
    context = browser.new_context(locale="th-TH", **VIEWPORTS[request.param])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


def no_horizontal_scroll(page):
    width = page.viewport_size["width"]
    return page.evaluate("document.documentElement.scrollWidth") <= width + 1


def first_measure():
    return Measure.objects.get(agency__slug="ummao", fiscal_year=2565, number=1)


def test_typing_a_buddhist_era_date_in_the_status_form(live_server, screen):
    load_demo()
    measure = first_measure()
    log_in(screen, live_server.url, "ummao-reporter-chang")
    screen.goto(f"{live_server.url}/a/ummao/m/{measure.pk}/status/")
    box = screen.locator("#id_reported_on")
    assert box.get_attribute("type") == "text"
    assert box.get_attribute("placeholder") == "วว/ดด/ปปปป"
    assert box.input_value() != ""  # today, in the Buddhist era
    assert int(box.input_value().split("/")[2]) >= 2569
    screen.check("input[name=status][value=done]")
    screen.fill("#id_note", "ทดสอบวันที่ พ.ศ.")
    box.fill("30/06/2565")
    assert no_horizontal_scroll(screen)
    screen.click("main button[type=submit]")

    screen.wait_for_url(f"**/a/ummao/m/{measure.pk}/")
    history = screen.locator("#history li").first
    assert "30 มิถุนายน 2565" in history.inner_text()
    update = StatusUpdate.objects.filter(measure=measure, note="ทดสอบวันที่ พ.ศ.").get()
    assert update.reported_on == dt.date(2022, 6, 30)
    assert screen.errors == []


def test_a_ce_year_is_refused_next_to_the_box(live_server, screen):
    load_demo()
    measure = first_measure()
    log_in(screen, live_server.url, "ummao-reporter-chang")
    screen.goto(f"{live_server.url}/a/ummao/m/{measure.pk}/status/")
    screen.check("input[name=status][value=done]")
    screen.fill("#id_reported_on", "30/06/2022")
    screen.click("main button[type=submit]")
    error = screen.locator("#id_reported_on ~ .errorlist, .be-date-wrap + .errorlist").first
    assert "ปี 2022 เป็นปี ค.ศ. กรุณากรอกปี พ.ศ." in error.inner_text()
    assert screen.locator("#id_reported_on").input_value() == "30/06/2022"
    assert not StatusUpdate.objects.filter(reported_on=dt.date(2022, 6, 30)).exists()
    assert no_horizontal_scroll(screen)


def test_the_calendar_shows_buddhist_era_years_and_fills_the_box(live_server, screen):
    load_demo()
    measure = first_measure()
    log_in(screen, live_server.url, "ummao-reporter-chang")
    screen.goto(f"{live_server.url}/a/ummao/m/{measure.pk}/status/")
    screen.fill("#id_reported_on", "๓๐/๐๖/๒๕๖๕")
    screen.click(".be-date-open")
    pop = screen.locator(".be-date-pop")
    assert pop.is_visible()
    assert pop.locator(".be-date-title").inner_text() == "มิถุนายน 2565"
    assert pop.locator(".picked").inner_text() == "30"
    box = pop.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= screen.viewport_size["width"]
    assert no_horizontal_scroll(screen)
    pop.locator(".be-date-nav").last.click()  # next month
    assert pop.locator(".be-date-title").inner_text() == "กรกฎาคม 2565"
    pop.locator("button[data-day='2022-07-15']").click()
    assert not pop.is_visible()
    assert screen.locator("#id_reported_on").input_value() == "15/07/2565"
    # Days before the measure's range (a year before FY 2565 starts) are not offered.
    screen.fill("#id_reported_on", "15/10/2563")
    screen.click(".be-date-open")
    assert pop.locator("button[data-day='2020-09-30']").count() == 0  # another month
    assert pop.locator("button[data-day='2020-10-01']").is_enabled()
    pop.locator(".be-date-nav").first.click()
    assert pop.locator("button[data-day='2020-09-30']").is_disabled()
    screen.keyboard.press("Escape")
    assert not pop.is_visible()
    assert screen.errors == []


def test_the_edit_form_shows_the_stored_due_date(live_server, screen):
    load_demo()
    measure = first_measure()
    Measure.objects.filter(pk=measure.pk).update(due_date=dt.date(2022, 9, 30))
    log_in(screen, live_server.url, "ummao-coordinator")
    screen.goto(f"{live_server.url}/a/ummao/m/{measure.pk}/edit/")
    assert screen.locator("#id_due_date").input_value() == "30/09/2565"
    assert screen.locator("input[type=date]").count() == 0
    assert no_horizontal_scroll(screen)
    assert screen.errors == []


def test_the_status_form_works_without_javascript(live_server, browser):
    load_demo()
    measure = first_measure()
    context = browser.new_context(locale="th-TH", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server.url, "ummao-reporter-chang")
        page.goto(f"{live_server.url}/a/ummao/m/{measure.pk}/status/")
        assert page.locator(".be-date-open").count() == 0  # no calendar, a plain box
        page.check("input[name=status][value=in_progress]")
        page.fill("#id_reported_on", "1/7/2565")
        page.click("main button[type=submit]")
        page.wait_for_url(f"**/a/ummao/m/{measure.pk}/")
        assert "1 กรกฎาคม 2565" in page.locator("#history li").first.inner_text()
    finally:
        context.close()


def test_report_and_memo_dates_are_buddhist_era(live_server, screen):
    load_demo()
    log_in(screen, live_server.url, "ummao-coordinator")
    screen.goto(f"{live_server.url}/a/ummao/2565/reports/")
    box = screen.locator("#as_of-implementation")
    assert int(box.input_value().split("/")[2]) >= 2569  # today, in the Buddhist era
    box.fill("31/03/2565")
    screen.click("#report-implementation button[name=submit]")
    screen.wait_for_url("**/a/ummao/2565/reports/")
    card = screen.locator("#report-implementation").inner_text()
    assert "ข้อมูล ณ วันที่ 31 มีนาคม 2565" in card
    assert "03/31/2022" not in screen.content()
    assert no_horizontal_scroll(screen)

    screen.goto(f"{live_server.url}/a/ummao/2565/memo/implementation/")
    screen.fill("#id_as_of", "31/03/2565")
    screen.click("main form button[type=submit]")
    screen.wait_for_url("**as_of=**")
    assert screen.locator("#id_as_of").input_value() == "31/03/2565"
    assert "๓๑ มีนาคม ๒๕๖๕" in screen.locator("main").inner_text()
    assert no_horizontal_scroll(screen)
