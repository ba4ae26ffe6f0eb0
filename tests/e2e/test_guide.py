"""The user guide's walk: the demo as each role, doing what docs/guide says they do.

Every run checks that the steps of the guide work. With PRONGSAI_GUIDE_SCREENSHOTS=1 it also
saves the guide's screenshots (PNG, 1366x768 and a 390x844 phone) into docs/guide/img/, so
an ordinary run never rewrites the committed pictures:

    PRONGSAI_GUIDE_SCREENSHOTS=1 pytest -q -m browser tests/e2e/test_guide.py
"""

import os
from pathlib import Path

import pytest

from prongsai.demo.agency import PASSWORD, load_demo
from prongsai.demo.report import load_demo_report
from prongsai.measures.models import Measure
from prongsai.web.guide import GUIDE_DIR, PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMG = Path(__file__).resolve().parents[2] / "docs" / "guide" / "img"
SAVE = os.environ.get("PRONGSAI_GUIDE_SCREENSHOTS") == "1"
PC = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


class Walk:
    def __init__(self, browser, base):
        self.browser = browser
        self.base = base
        self.saved: list[str] = []

    def open(self, viewport=PC, username=None):
        context = self.browser.new_context(locale="th-TH", viewport=viewport)
        page = context.new_page()
        if username:
            page.goto(f"{self.base}/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_load_state()
        return page

    def go(self, page, path):
        response = page.goto(self.base + path)
        assert response.status == 200, path
        return page

    def shot(self, page, name):
        self.saved.append(name)
        if SAVE:
            IMG.mkdir(parents=True, exist_ok=True)
            page.wait_for_timeout(1500)  # the PDF viewer of the memo page draws late
            page.screenshot(path=str(IMG / f"{name}.png"))


def test_the_guide_walk_as_each_role(live_server, browser):
    agency, _ = load_demo()
    load_demo_report(agency)
    measure = Measure.objects.get(agency__slug="ummao", fiscal_year=2565, number=1)
    walk = Walk(browser, live_server.url)

    # Log-in, and the guide behind the "คู่มือ" link of every staff page.
    page = walk.open()
    walk.go(page, "/login/")
    walk.shot(page, "login")
    page.click("header >> text=คู่มือ")
    assert page.locator("main li a").count() == len(PAGES)
    page.click("main >> text=คู่มือผู้รายงานผล")
    assert page.locator("main h2").count() >= 1

    # Coordinator: the year's measures, a new measure, the memo, sending the report.
    page = walk.open(username="ummao-coordinator")
    walk.go(page, "/a/ummao/2565/")
    assert page.locator("#measure-table tbody tr").count() == 6
    walk.shot(page, "coordinator-agency-year")
    page.click("text=เพิ่มมาตรการ")
    assert page.locator("fieldset legend", has_text="ผู้รับผิดชอบ").count() == 1
    walk.shot(page, "coordinator-measure-new")
    walk.go(page, "/a/ummao/2565/memo/implementation/")
    walk.shot(page, "coordinator-memo")
    walk.go(page, "/a/ummao/2565/reports/")
    assert "รออนุมัติ" in page.locator("#report-implementation").inner_text()
    walk.shot(page, "coordinator-reports")

    # Reporter: a measure of the division, reporting its status (PC and phone).
    for viewport, suffix in ((PC, ""), (PHONE, "-phone")):
        page = walk.open(viewport, username="ummao-reporter-chang")
        walk.go(page, f"/a/ummao/m/{measure.pk}/")
        if not suffix:
            walk.shot(page, "reporter-measure")
        page.click("main >> text=รายงานสถานะ")
        page.check("input[name=status][value=done]")
        page.fill("#id_note", "จัดอบรมครบทุกกองแล้ว")
        page.fill("#id_reported_on", "30/06/2565")  # within fiscal year 2565
        page.fill("#id_links", "https://example.org/ita/training-2565")
        walk.shot(page, f"reporter-status{suffix}")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/a/ummao/m/{measure.pk}/")
    assert "จัดอบรมครบทุกกองแล้ว" in page.locator("#history").inner_text()

    # Executive: approve the report, read the ITA result.
    page = walk.open(username="ummao-executive")
    walk.go(page, "/a/ummao/2565/reports/")
    walk.shot(page, "executive-reports")
    page.click("#report-implementation >> button[value=approve]")
    page.wait_for_load_state()
    assert "อนุมัติแล้ว" in page.locator("#report-implementation").inner_text()
    walk.go(page, "/a/ummao/2564/result/")  # the demo's recorded result
    walk.shot(page, "executive-result")

    # Coordinator publishes the approved report.
    page = walk.open(username="ummao-coordinator")
    walk.go(page, "/a/ummao/2565/reports/")
    page.check("#confirm-implementation")
    page.locator("#report-implementation button[type=submit]", has_text="เผยแพร่ต่อสาธารณะ").click()
    # After publishing, the report shows its public link instead of the button.
    page.locator("#published-implementation a[href='/p/ummao/2565/']").wait_for()

    # Viewer: the year on a phone, read only.
    page = walk.open(PHONE, username="ummao-viewer")
    walk.go(page, "/a/ummao/2565/")
    assert page.locator("text=เพิ่มมาตรการ").count() == 0
    walk.shot(page, "viewer-agency-year-phone")

    # Citizen on a phone: the published year, a complaint and its receipt.
    page = walk.open(PHONE)
    walk.go(page, "/p/ummao/2565/")
    walk.shot(page, "citizen-year-phone")
    walk.go(page, "/p/ummao/feedback/")
    page.check("input[name=kind][value=complaint]")
    page.fill("#id_subject", "ขอทราบกำหนดซ่อมถนน")
    page.fill("#id_body", "ถนนหน้าโรงเรียนชำรุด ขอทราบว่าจะซ่อมเมื่อใด")
    walk.shot(page, "citizen-feedback-phone")
    page.click("main button[type=submit]")
    receipt = page.locator("#receipt").inner_text().replace(" ", "")
    walk.shot(page, "citizen-receipt-phone")

    # Complaint officer: the inbox, a case, a reply.
    page = walk.open(username="ummao-complaints")
    walk.go(page, "/a/ummao/complaints/")
    walk.shot(page, "complaints-inbox")
    page.click("main >> text=ขอทราบกำหนดซ่อมถนน")
    page.fill("#id_body", "กองช่างจะซ่อมภายในเดือนนี้ ขอบคุณที่แจ้ง")
    walk.shot(page, "complaints-case")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    # The citizen reads the answer with the receipt code.
    page = walk.open(PHONE)
    walk.go(page, "/p/ummao/feedback/case/")
    page.fill("#id_receipt", receipt)
    page.click("main button[type=submit]")
    assert "กองช่างจะซ่อมภายในเดือนนี้" in page.locator("ol.thread").inner_text()
    walk.shot(page, "citizen-case-phone")

    # Every picture the guide shows is one this walk takes, and the other way round.
    shown = set()
    for name in PAGES:
        for line in (GUIDE_DIR / f"{name}.md").read_text(encoding="utf-8").splitlines():
            if line.startswith("![") and "/img/" in line:
                shown.add(line.rsplit("/img/", 1)[1].removesuffix(".png)"))
    assert shown == set(walk.saved)
    assert all((IMG / f"{name}.png").is_file() for name in walk.saved)
