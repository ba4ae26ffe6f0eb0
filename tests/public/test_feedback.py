"""Comments, praise and complaints without an account: receipt code, follow-up, replies."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from tests.pending_catalogue import in_english
from tests.public.helpers import membership_of

from prongsai.audit.models import AuditEvent
from prongsai.public import receipts, services_cases
from prongsai.public.models import Case, CaseAttachment, CaseMessage, CaseState
from prongsai.thai.digits import to_thai_digits

FEEDBACK = "/p/ummao/feedback/"
LOOKUP = "/p/ummao/feedback/case/"
RECEIPT_RE = re.compile(r'id="receipt">([0-9 ]+)<')

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + b"\x00" * 13 + b"\x00\x00\x00\x00"
PNG += b"\x00\x00\x00\x00IEND\xaeB`\x82"


def send(client, **extra):
    data = {
        "kind": "complaint",
        "subject": "เรียกรับเงินค่าอนุญาตก่อสร้าง",
        "body": "เจ้าหน้าที่เรียกเงินเพิ่มนอกเหนือค่าธรรมเนียม",
        "contact": "",
    }
    data.update(extra)
    # Post/Redirect/Get: the receipt is on the page the POST redirects to.
    return client.post(FEEDBACK, data, follow=True)


def receipt_of(response) -> str:
    match = RECEIPT_RE.search(response.content.decode())
    assert match, response.content.decode()[:2000]
    return match.group(1).replace(" ", "")


def test_anonymous_complaint_gets_a_receipt_shown_once(demo, client):
    form = client.get(FEEDBACK)
    assert form.status_code == 200 and "ร้องเรียนการทุจริต" in form.content.decode()
    response = send(client)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    receipt = receipt_of(response)
    assert len(receipt) == 16 and receipt.isdigit()
    case = Case.objects.get()
    assert case.kind == "complaint" and case.state == CaseState.RECEIVED and case.contact == ""
    # Stored only as a slow hash; the clear code exists nowhere.
    assert receipt not in case.receipt_hash and receipts.matches(receipt, case.receipt_hash)
    assert case.lookup == receipt[:6]
    # Shown once: no page shows it again.
    for url in (FEEDBACK, LOOKUP, "/p/ummao/"):
        assert receipt not in client.get(url).content.decode()
    event = AuditEvent.objects.get(action="case.receive")
    assert event.actor is None and event.actor_label == "anonymous"
    assert event.payload == {"kind": "complaint"}


def test_sender_reads_and_answers_the_officer_reply(demo, client, complaint_officer):
    receipt = receipt_of(send(client))
    case = Case.objects.get()
    services_cases.reply(
        membership=membership_of(complaint_officer),
        case=case,
        body="ได้รับเรื่องแล้ว อยู่ระหว่างตรวจสอบข้อเท็จจริง",
    )
    page = client.post(LOOKUP, {"receipt": receipt})
    text = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "ได้รับเรื่องแล้ว อยู่ระหว่างตรวจสอบข้อเท็จจริง" in text
    assert "เจ้าหน้าที่รับเรื่องร้องเรียน" in text
    assert "ummao-complaints" not in text  # the officer's account is not shown
    assert "ตอบกลับแล้ว" in text
    answer = client.post(LOOKUP, {"receipt": receipt, "action": "reply", "body": "มีหลักฐานเพิ่มเติม"})
    assert answer.status_code == 302 and answer["Location"] == LOOKUP
    notice = client.get(LOOKUP)
    assert "ส่งข้อความของท่านแล้ว" in notice.content.decode()
    assert "ส่งข้อความของท่านแล้ว" not in client.get(LOOKUP).content.decode()  # once
    assert list(case.messages.values_list("author", flat=True)) == ["sender", "officer", "sender"]
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW


def test_receipt_may_be_typed_with_spaces_dashes_or_thai_digits(demo, client):
    receipt = receipt_of(send(client))
    typed = to_thai_digits(f"{receipt[:4]} {receipt[4:8]}-{receipt[8:12]} {receipt[12:]}")
    response = client.post(LOOKUP, {"receipt": typed})
    assert response.status_code == 200
    assert "เรียกรับเงินค่าอนุญาตก่อสร้าง" in response.content.decode()


@pytest.mark.parametrize("wrong", ["flip-last", "123", "", "abcd" * 4, "other-agency"])
def test_wrong_receipt_gets_a_clear_thai_message(demo, client, other_agency, wrong):
    receipt = receipt_of(send(client))
    if wrong == "flip-last":
        wrong = receipt[:-1] + str((int(receipt[-1]) + 1) % 10)
    elif wrong == "other-agency":
        assert client.post("/p/samruean/feedback/case/", {"receipt": receipt}).status_code == 400
        return
    response = client.post(LOOKUP, {"receipt": wrong})
    assert response.status_code == 400
    text = response.content.decode()
    assert "ไม่พบเรื่องตามรหัสรับเรื่องนี้" in text or "กรุณากรอกรหัสรับเรื่อง" in text
    assert "เรียกรับเงินค่าอนุญาตก่อสร้าง" not in text


def test_the_receipt_never_travels_in_a_url(demo, client):
    assert client.get(LOOKUP, {"receipt": "1234567890123456"}).status_code == 200
    page = client.get(LOOKUP, {"receipt": "1234567890123456"}).content.decode()
    assert "1234567890123456" not in page  # GET parameters are ignored


def test_missing_fields_are_explained_and_nothing_is_stored(demo, client):
    response = send(client, kind="", subject="", body="")
    assert response.status_code == 400
    text = response.content.decode()
    assert "กรุณาเลือกประเภทเรื่อง" in text and "กรุณากรอกรายละเอียด" in text
    assert Case.objects.count() == 0


def test_praise_with_contact(demo, client):
    send(client, kind="praise", subject="ชมเชยงานทะเบียน", contact="081-234-5678")
    case = Case.objects.get()
    assert case.kind == "praise" and case.contact == "081-234-5678"


@override_settings(FEEDBACK_RATE_LIMIT_PER_HOUR=3)
def test_rate_limit_after_n_submissions_per_client(demo):
    first = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(3):
        assert send(first).status_code == 200
    blocked = send(first)
    assert blocked.status_code == 429
    assert "บ่อยเกินไป" in blocked.content.decode()
    assert Case.objects.count() == 3
    # Another client is not affected.
    assert send(Client(REMOTE_ADDR="198.51.100.8")).status_code == 200


@override_settings(FEEDBACK_RATE_LIMIT_PER_HOUR=1)
def test_receipt_guessing_is_limited(demo):
    guesser = Client(REMOTE_ADDR="198.51.100.9")
    codes = [guesser.post(LOOKUP, {"receipt": f"{i:016d}"}).status_code for i in range(8)]
    assert codes[:6] == [400] * 6 and codes[6:] == [429, 429]


def test_rate_limit_keeps_no_address(demo, settings):
    from django.core.cache import cache

    from prongsai.core.models import Counter

    client = Client(REMOTE_ADDR="198.51.100.77")
    send(client)
    keys = list(Counter.objects.values_list("key", flat=True)) + list(cache._cache.keys())
    assert any(k.startswith("public:rl:submit:") for k in keys)
    assert not any("198.51.100.77" in str(k) for k in keys)


def test_attachment_of_wrong_type_is_refused(demo, client):
    exe = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = send(client, files=[exe])
    assert response.status_code == 400
    page = response.content.decode()
    after_files = page[page.index('name="files"') :]
    assert "ชนิดไฟล์ไม่อนุญาต" in after_files[: after_files.index("</form>")]  # by the field
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0


def test_the_public_pages_refuse_in_thai_whatever_the_language_cookie(demo, client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    exe = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with in_english():
        page = send(client, files=[exe]).content.decode()
    assert "ชนิดไฟล์ไม่อนุญาต" in page and "file type not allowed" not in page


@override_settings(UPLOAD_MAX_BYTES=2048)
def test_attachment_too_large_is_refused(demo, client):
    big = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 4096, content_type="application/pdf")
    response = send(client, files=[big])
    assert response.status_code == 400 and "ไฟล์ใหญ่เกิน" in response.content.decode()
    assert Case.objects.count() == 0


def test_too_many_attachments_are_refused(demo, client):
    files = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4 x") for i in range(4)]
    response = send(client, files=files)
    assert response.status_code == 400 and "ไม่เกิน 3 ไฟล์" in response.content.decode()


def test_attachments_are_stored_without_their_name(demo, client):
    pdf = SimpleUploadedFile("สมชาย-ใจดี-หลักฐาน.pdf", b"%PDF-1.4 evidence")
    png = SimpleUploadedFile("IMG_0001.png", PNG)
    assert send(client, files=[pdf, png]).status_code == 200
    stored = list(CaseAttachment.objects.order_by("pk"))
    assert [a.content_type for a in stored] == ["application/pdf", "image/png"]
    for attachment in stored:
        assert "สมชาย" not in attachment.file.name and "IMG_0001" not in attachment.file.name
        assert attachment.message == CaseMessage.objects.get()


def test_closed_case_takes_no_more_replies(demo, client, complaint_officer):
    receipt = receipt_of(send(client))
    case = Case.objects.get()
    services_cases.change_case_state(
        membership=membership_of(complaint_officer),
        case=case,
        state="closed",
        expected_state="received",
    )
    page = client.post(LOOKUP, {"receipt": receipt}).content.decode()
    assert "เรื่องนี้ปิดแล้ว" in page and 'name="action"' not in page
    response = client.post(LOOKUP, {"receipt": receipt, "action": "reply", "body": "เพิ่มเติม"})
    assert response.status_code == 400
    assert case.messages.count() == 1


def test_feedback_form_sets_no_session(demo, client):
    response = client.get(FEEDBACK)
    assert "sessionid" not in response.cookies
    send(client)
    from django.contrib.sessions.models import Session

    assert Session.objects.count() == 0


def test_upload_stream_is_checked_by_content(demo, client):
    fake_pdf = SimpleUploadedFile("x.pdf", io.BytesIO(b"<html>hi</html>").read())
    assert send(client, files=[fake_pdf]).status_code == 400


# --- Post/Redirect/Get: a reload files nothing twice, the receipt is shown once -------------

RECEIPT_PAGE = "/p/ummao/feedback/receipt/"


def test_filing_redirects_and_a_reload_files_nothing_and_shows_no_code(demo, client):
    response = send(client)
    assert response.redirect_chain == [(RECEIPT_PAGE, 302)]
    receipt = receipt_of(response)
    assert "ระบบจะไม่แสดงรหัสนี้อีก" in response.content.decode()
    # The browser's reload: a GET of the receipt page, never the POST again.
    reload = client.get(RECEIPT_PAGE)
    text = reload.content.decode()
    assert reload.status_code == 200 and reload["Cache-Control"] == "no-store"
    assert Case.objects.count() == 1
    assert receipt not in text.replace(" ", "") and 'id="receipt"' not in text
    assert "แสดงไปแล้ว" in text and "จะไม่แสดงรหัสนี้อีก" in text


def test_the_receipt_is_carried_in_a_cookie_for_that_page_only(demo, client):
    posted = client.post(
        FEEDBACK, {"kind": "comment", "subject": "ความเห็น", "body": "รายละเอียด", "contact": ""}
    )
    assert posted.status_code == 302 and posted["Location"] == RECEIPT_PAGE
    cookie = posted.cookies["prongsai_receipt"]
    assert cookie["path"] == RECEIPT_PAGE and cookie["httponly"] and cookie["max-age"] == 600
    assert cookie["samesite"] == "Strict"
    shown = client.get(RECEIPT_PAGE)
    receipt = receipt_of(shown)
    assert shown.cookies["prongsai_receipt"]["max-age"] == 0  # deleted as it is shown
    # The clear code is in no row of the database.
    assert not any(receipt in str(row) for row in Case.objects.values_list())


def test_a_forged_or_other_agency_receipt_cookie_shows_nothing(demo, client, other_agency):
    client.cookies["prongsai_receipt"] = "1234567890123456"
    assert 'id="receipt"' not in client.get(RECEIPT_PAGE).content.decode()
    posted = client.post(
        FEEDBACK, {"kind": "comment", "subject": "ความเห็น", "body": "รายละเอียด", "contact": ""}
    )
    signed = posted.cookies["prongsai_receipt"].value
    other = Client()
    other.cookies["prongsai_receipt"] = signed  # signed for ummao, not for samruean
    page = other.get("/p/samruean/feedback/receipt/").content.decode()
    assert 'id="receipt"' not in page and "แสดงไปแล้ว" in page


def test_sender_reply_redirects_and_a_reload_sends_nothing(demo, client):
    receipt = receipt_of(send(client))
    case = Case.objects.get()
    data = {"receipt": receipt, "action": "reply", "body": "ข้อมูลเพิ่มเติม"}
    answer = client.post(LOOKUP, data)
    assert answer.status_code == 302 and answer["Location"] == LOOKUP
    again = client.get(LOOKUP)
    assert "ส่งข้อความของท่านแล้ว" in again.content.decode()
    assert receipt not in again.content.decode()
    client.get(LOOKUP)
    assert case.messages.count() == 2


@override_settings(FEEDBACK_RATE_LIMIT_PER_HOUR=1, TIME_ZONE="Asia/Bangkok")
def test_rate_limited_sender_is_told_when_to_try_again_in_bangkok_time(demo, monkeypatch):
    from prongsai.public import ratelimit

    # 2026-12-01 14:40 UTC is 21:40 in Bangkok: the next hour opens at 22:00 Bangkok time.
    now = 1_796_134_800 + 20 * 60
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    client = Client(REMOTE_ADDR="198.51.100.70")
    send(client)
    blocked = send(client)
    assert blocked.status_code == 429
    text = blocked.content.decode()
    assert "22:00 น." in text and "1 ธันวาคม 2569" in text and "เวลาประเทศไทย" in text
    assert blocked["Retry-After"] == str(20 * 60)
