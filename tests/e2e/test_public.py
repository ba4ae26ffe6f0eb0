"""The public pages on a phone (375 px) in Debian's Chromium: the published year page, and
an anonymous complaint followed up with its receipt code."""

import pytest
from django.contrib.auth import get_user_model

from prongsai.agencies.models import Membership
from prongsai.demo.agency import load_demo
from prongsai.demo.report import load_demo_report
from prongsai.public import services_cases, services_reports
from prongsai.public.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 375


def membership(username):
    user = get_user_model().objects.get(username=username)
    return Membership.objects.select_related("agency", "user").get(user=user)


def publish_demo():
    agency, _ = load_demo()
    report = load_demo_report(agency)
    report = services_reports.decide_report(
        membership=membership("ummao-executive"),
        report=report,
        approve=True,
        expected_version=report.version,
    )
    return services_reports.publish(membership=membership("ummao-coordinator"), report=report)


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH + 1


def test_year_page_on_a_phone(live_server, phone):
    publish_demo()
    errors = []
    phone.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    requests = []
    phone.on("request", lambda r: requests.append(r.url))

    response = phone.goto(f"{live_server.url}/p/ummao/2565/")
    assert response.status == 200
    assert phone.locator("ol.measures > li").count() == 6
    assert phone.locator("ol.measures .st-done").count() == 3
    assert phone.locator("ol.measures .st-in_progress").count() == 3
    assert "เผยแพร่เมื่อ" in phone.locator("footer").inner_text()
    assert no_horizontal_scroll(phone)
    # Light: the page and one stylesheet, nothing else.
    assert len(requests) == 2, requests
    assert errors == [], errors

    link = phone.locator("a[href='/p/ummao/2565/implementation.pdf']")
    assert link.count() == 1
    pdf = phone.request.get(f"{live_server.url}/p/ummao/2565/implementation.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")

    phone.click("ol.measures > li >> nth=1 >> summary")
    assert phone.locator("ol.measures > li >> nth=1 >> details ol li").count() == 2
    assert no_horizontal_scroll(phone)


def test_anonymous_complaint_and_follow_up_on_a_phone(live_server, phone):
    load_demo()
    phone.goto(f"{live_server.url}/p/ummao/feedback/")
    assert no_horizontal_scroll(phone)
    phone.check("input[name=kind][value=complaint]")
    phone.fill("#id_subject", "เรียกรับเงินค่าอนุญาต")
    phone.fill("#id_body", "มีการเรียกรับเงินเพิ่มเติมนอกเหนือค่าธรรมเนียม")
    phone.click("main button[type=submit]")
    receipt = phone.locator("#receipt").inner_text().replace(" ", "")
    assert len(receipt) == 16 and receipt.isdigit()
    assert no_horizontal_scroll(phone)

    case = Case.objects.get()
    services_cases.reply(
        membership=membership("ummao-complaints"), case=case, body="รับเรื่องไว้ตรวจสอบแล้ว"
    )
    phone.click("main a.button")  # ติดตามเรื่อง
    phone.fill("#id_receipt", f"{receipt[:8]} {receipt[8:]}")
    phone.click("main button[type=submit]")
    thread = phone.locator("ol.thread").inner_text()
    assert "รับเรื่องไว้ตรวจสอบแล้ว" in thread
    assert "/feedback/case/" in phone.url and receipt not in phone.url
    phone.fill("#id_body", "ขอบคุณครับ มีภาพถ่ายเพิ่มเติม")
    phone.click("main button[type=submit]")
    assert "ส่งข้อความของท่านแล้ว" in phone.locator("main").inner_text()
    assert case.messages.count() == 3
    assert no_horizontal_scroll(phone)
