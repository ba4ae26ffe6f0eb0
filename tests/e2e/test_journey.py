"""The main journey in a real browser: a reporter logs in, reports a status with a link,
and sees it in the measure's history."""

import pytest

from prongsai.demo.agency import PASSWORD, load_demo
from prongsai.measures.models import Measure, StatusUpdate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_posts_status_with_link(live_server, page):
    load_demo()
    measure = Measure.objects.get(agency__slug="ummao", fiscal_year=2565, number=1)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "ummao-reporter-chang")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")  # the home: what needs them
    assert page.locator("h1").inner_text() == "งานที่รอท่าน"

    page.goto(f"{live_server.url}/a/ummao/2565/")
    assert page.locator("h1").inner_text().startswith("เทศบาลตำบลอุ่มเม่า")
    page.click(f"a[href='/a/ummao/m/{measure.pk}/']")
    page.click("text=รายงานสถานะ")
    page.check("input[name=status][value=done]")
    page.fill("#id_note", "จัดอบรมให้ความรู้ครบทุกกองแล้ว")
    page.fill("#id_reported_on", "30/06/2565")
    page.fill("#id_links", "https://example.org/ita/training-2565")
    page.click("main button[type=submit]")

    page.wait_for_url(f"**/a/ummao/m/{measure.pk}/")
    history = page.locator("#history li").first
    assert "ดำเนินการเสร็จเรียบร้อยแล้ว" in history.inner_text()
    assert "จัดอบรมให้ความรู้ครบทุกกองแล้ว" in history.inner_text()
    assert history.locator("a[href='https://example.org/ita/training-2565']").count() == 1
    assert StatusUpdate.objects.filter(measure=measure).first().created_by.username == (
        "ummao-reporter-chang"
    )
    assert errors == [], errors


def test_filters_work_with_htmx_on_a_phone(live_server, phone):
    load_demo()
    phone.goto(f"{live_server.url}/login/")
    phone.fill("#id_username", "ummao-coordinator")
    phone.fill("#id_password", PASSWORD)
    phone.click("main button[type=submit]")
    phone.goto(f"{live_server.url}/a/ummao/2565/")
    rows = phone.locator("#measure-table tbody tr")
    assert rows.count() == 6
    phone.select_option("#f-status", "done")
    phone.wait_for_url("**status=done**")
    assert rows.count() == 3
    # no horizontal scrolling on a phone
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375 + 1
