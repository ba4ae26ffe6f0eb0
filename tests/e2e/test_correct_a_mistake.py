"""Correcting a mistake on a phone: a coordinator reports a status with a photo on a wrong
date, withdraws it with a reason, sees the status go back, and downloads the memo PDF —
every page in Thai."""

import struct
import zlib

import pytest

from prongsai.demo.agency import PASSWORD, load_demo
from prongsai.measures.models import Measure, StatusUpdate, StatusWithdrawal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DONE = "ดำเนินการเสร็จเรียบร้อยแล้ว"
IN_PROGRESS = "อยู่ระหว่างดำเนินการ"
ENGLISH_WORDS = ("Log in", "Status", "Withdraw", "Measure", "Fiscal year", "Reason", "History")


def small_png(width: int = 4, height: int = 4) -> bytes:
    """A real PNG (signature, IHDR, IDAT, IEND with their CRCs): a small grey square."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    pixels = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


def wrong_date_for(input_type: str | None) -> str:
    """A wrongly dated report, in whatever the date field takes: a native date field gets ISO
    (the Buddhist year typed as if it were the Christian one: 2565 CE); a Thai text field
    "วว/ดด/ปปปป" gets a Buddhist-era date with the wrong year."""
    if input_type == "date":
        return "2565-06-30"
    return "30/06/2566"


def assert_thai(page) -> None:
    assert page.evaluate("document.documentElement.lang") == "th", page.url
    text = page.locator("body").inner_text()
    english = [w for w in ENGLISH_WORDS if w in text]
    assert english == [], f"{page.url}: {english}"


def test_a_coordinator_corrects_a_wrong_status_on_a_phone(live_server, phone):
    load_demo()
    measure = Measure.objects.get(agency__slug="ummao", fiscal_year=2565, number=1)
    documents = []
    phone.on(
        "response",
        lambda r: (
            documents.append((r.url, r.headers.get("content-language")))
            if r.request.resource_type == "document"
            else None
        ),
    )
    errors = []
    phone.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    phone.goto(f"{live_server.url}/login/")
    assert_thai(phone)
    phone.fill("#id_username", "ummao-coordinator")
    phone.fill("#id_password", PASSWORD)
    phone.click("main button[type=submit]")
    phone.wait_for_url(f"{live_server.url}/")  # the home: what needs them

    phone.goto(f"{live_server.url}/a/ummao/m/{measure.pk}/")
    assert_thai(phone)
    assert IN_PROGRESS in phone.locator(".card .badge").first.inner_text()

    # the report with a photo, on a wrong date
    phone.click("text=รายงานสถานะ")
    assert_thai(phone)
    phone.check("input[name=status][value=done]")
    phone.fill("#id_note", "ติดประกาศแล้ว (ภาพถ่าย)")
    date_input = phone.locator("#id_reported_on")
    date_input.fill(wrong_date_for(date_input.get_attribute("type")))
    phone.set_input_files(
        "#id_files",
        files=[{"name": "ภาพประกาศ.png", "mimeType": "image/png", "buffer": small_png()}],
    )
    phone.click("main button[type=submit]")
    phone.wait_for_url(f"**/a/ummao/m/{measure.pk}/")
    assert_thai(phone)
    update = StatusUpdate.objects.filter(measure=measure).order_by("-pk").first()
    assert update.note == "ติดประกาศแล้ว (ภาพถ่าย)"
    assert update.evidence.get().original_name == "ภาพประกาศ.png"
    assert update.reported_on.isoformat() in ("2565-06-30", "2023-06-30")  # the wrong date
    # the mistake is now the measure's status
    assert DONE in phone.locator(".card .badge").first.inner_text()

    # withdraw it, with a reason
    item = phone.locator(f"#update-{update.pk}")
    item.locator("summary").click()
    item.locator("textarea[name=reason]").fill("ลงวันที่ผิด ปีไม่ถูกต้อง")
    item.locator("button[type=submit]").click()
    phone.wait_for_url(f"**/a/ummao/m/{measure.pk}/")
    assert_thai(phone)
    assert "ถอนรายงานสถานะแล้ว" in phone.locator("body").inner_text()
    assert IN_PROGRESS in phone.locator(".card .badge").first.inner_text()
    withdrawn = phone.locator(f"#update-{update.pk}")
    assert "withdrawn" in (withdrawn.get_attribute("class") or "")
    assert "ลงวันที่ผิด ปีไม่ถูกต้อง" in withdrawn.inner_text()
    assert withdrawn.locator("del").count() >= 1
    assert StatusWithdrawal.objects.get(update=update).reason == "ลงวันที่ผิด ปีไม่ถูกต้อง"
    # no horizontal scrolling on a phone
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375 + 1

    # the memo PDF, from the agency-year page's link
    phone.goto(f"{live_server.url}/a/ummao/2565/")
    assert_thai(phone)
    href = phone.locator("a[href$='/memo/implementation.pdf']").get_attribute("href")
    pdf = phone.request.get(f"{live_server.url}{href}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")

    assert [url for url, language in documents if language != "th"] == []
    assert errors == [], errors
