"""Publishing takes a ticked confirmation and then shows the public link; the memo preview
says it is being prepared until the PDF covers the note (CSS only)."""

import pytest
from tests.e2e.login import log_in
from tests.e2e.test_public import membership

from prongsai.demo.agency import load_demo
from prongsai.demo.report import load_demo_report
from prongsai.public import services_reports
from prongsai.public.models import Publication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publishing_asks_for_the_tick_then_shows_the_public_link(live_server, page):
    agency, _ = load_demo()
    report = load_demo_report(agency)
    services_reports.decide_report(
        membership=membership("ummao-executive"),
        report=report,
        approve=True,
        expected_version=report.version,
    )
    log_in(page, live_server.url, "ummao-coordinator")
    page.goto(f"{live_server.url}/a/ummao/2565/reports/")
    section = page.locator("#report-implementation")
    section.locator("button[type=submit]", has_text="เผยแพร่ต่อสาธารณะ").click()
    error = page.locator("#confirm-implementation-error")
    assert "กรุณาติ๊กยืนยันการเผยแพร่" in error.inner_text()
    assert Publication.objects.count() == 0

    page.check("#confirm-implementation")
    page.locator("#report-implementation button[type=submit]", has_text="เผยแพร่ต่อสาธารณะ").click()
    page.wait_for_url("**/a/ummao/2565/reports/")
    assert Publication.objects.count() == 1
    published = page.locator("#published-implementation")
    assert published.locator("a[href='/p/ummao/2565/']").count() == 1
    assert page.locator("#report-implementation button", has_text="เผยแพร่ต่อสาธารณะ").count() == 0
    page.reload()
    assert Publication.objects.count() == 1


def test_the_preview_says_it_is_being_prepared_behind_the_frame(live_server, page):
    load_demo()
    log_in(page, live_server.url, "ummao-coordinator")
    held = []
    # Hold the PDF back, as the first rendering does for a few seconds.
    page.route("**/memo/implementation.pdf*", lambda route: held.append(route))
    page.goto(f"{live_server.url}/a/ummao/2565/memo/implementation/", wait_until="commit")
    wait = page.locator("#preview-wait")
    wait.wait_for(state="visible")
    assert "กำลังจัดทำตัวอย่างเอกสาร" in wait.inner_text()
    frame = page.locator("iframe.preview")
    # measured once the stylesheet applies (the page's load event waits on the held PDF)
    page.wait_for_function(
        "getComputedStyle(document.querySelector('#preview-wait')).position === 'absolute'"
    )
    note, box = wait.bounding_box(), frame.bounding_box()
    assert note and box
    assert box["x"] <= note["x"] and note["y"] >= box["y"]
    assert note["y"] + note["height"] <= box["y"] + box["height"]
    # The frame lies above the note and is see-through until its PDF paints over it.
    styles = page.evaluate(
        """() => {
          const f = getComputedStyle(document.querySelector('iframe.preview'));
          const w = getComputedStyle(document.querySelector('#preview-wait'));
          return [f.backgroundColor, Number(f.zIndex), Number(w.zIndex)];
        }"""
    )
    assert styles[0] == "rgba(0, 0, 0, 0)" and styles[1] > styles[2]
    for route in held:
        route.continue_()
