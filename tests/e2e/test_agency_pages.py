"""The coordinator's own pages on a phone: the profile's memo head follows what is typed
(htmx, nothing saved until Save), and the divisions page works with its small forms."""

import pytest
from playwright.sync_api import expect
from tests.e2e.login import log_in

from prongsai.agencies.models import Agency, Division
from prongsai.demo.agency import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_memo_head_follows_the_typing(live_server, phone):
    load_demo()
    errors = []
    phone.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(phone, live_server.url)
    phone.goto(f"{live_server.url}/a/ummao/2565/")
    phone.click("text=ข้อมูลหน่วยงาน")
    head = phone.locator("#head-preview")
    assert "กส ๗๓๖๐๑/" in head.inner_text()

    phone.fill("#id_telephone", "0 4381 1234")
    phone.fill("#id_document_number", "73602")
    phone.fill("#id_signer_name", "นางสาวสมหญิง รักงาน")
    expect(head).to_contain_text("(นางสาวสมหญิง รักงาน)")
    text = head.inner_text()
    assert "โทร. ๐ ๔๓๘๑ ๑๒๓๔" in text and "กส ๗๓๖๐๒/" in text
    assert "(นางสาวสมหญิง รักงาน)" in text
    assert Agency.objects.get(slug="ummao").signer_name == ""  # nothing saved yet
    # the page fits the phone: nothing wider than the screen
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    phone.click("#profile-form button[type=submit]")
    phone.wait_for_selector("text=บันทึกข้อมูลหน่วยงานแล้ว")
    agency = Agency.objects.get(slug="ummao")
    assert agency.signer_name == "นางสาวสมหญิง รักงาน" and agency.document_number == "73602"
    assert errors == []


def test_divisions_are_moved_renamed_and_retired_on_a_phone(live_server, phone):
    agency, _ = load_demo()
    log_in(phone, live_server.url)
    phone.goto(f"{live_server.url}/a/ummao/divisions/")
    first, second = Division.objects.filter(agency=agency)[:2]
    phone.click(f"#division-{second.pk} button[aria-label*='ขึ้น']")
    phone.wait_for_load_state()
    assert list(Division.objects.filter(agency=agency)[:2]) == [second, first]

    row = phone.locator(f"#division-{first.pk}")
    row.locator("summary").click()
    row.locator("input[name=name]").fill("สำนักปลัดเทศบาล")
    row.locator("text=บันทึกชื่อ").click()
    phone.wait_for_selector("text=เปลี่ยนชื่อส่วนราชการแล้ว")
    assert Division.objects.get(pk=first.pk).name == "สำนักปลัดเทศบาล"

    phone.locator(f"#division-{first.pk} button:text('เลิกใช้')").click()
    phone.wait_for_selector("text=นำกลับมาใช้")
    assert Division.objects.get(pk=first.pk).retired_at is not None
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
