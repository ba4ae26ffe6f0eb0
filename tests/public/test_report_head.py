"""A report's memo head (date, number, subject, addressee, signer): set by the coordinator
until the report is submitted, shown with its defaults, used by previews and publications,
and covered by the approval."""

import datetime as dt

import pypdfium2 as pdfium
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from tests.public.helpers import AS_OF, YEAR, approve, membership_of, publish, submit

from prongsai.agencies.models import Agency
from prongsai.audit.models import AuditEvent
from prongsai.audit.services import verify_chain
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.memos.head import MemoHead
from prongsai.memos.kinds import MemoKind
from prongsai.memos.service import build_memo
from prongsai.public import selectors, services_heads, services_reports
from prongsai.public.models import Publication, Report, ReportState

FORM = {
    "dated": "05/04/2565",
    "number": "๒๕๐",
    "subject": "รายงานผลการดำเนินการตามมาตรการ รอบ ๖ เดือน",
    "addressee": "เรียน นายกเทศมนตรีตำบลอุ่มเม่า",
    "signer_name": "นางสาวใจดี ซื่อตรง",
    "signer_title": "หัวหน้าสำนักปลัดเทศบาล",
    "version": "0",
}
KIND = MemoKind.IMPLEMENTATION


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def section(html: str, kind: str) -> str:
    """The part of the reports page about one report."""
    start = html.index(f'id="report-{kind}"')
    end = html.find('<section class="card"', start)
    return html[start : end if end != -1 else len(html)]


def url(name, *args):
    return reverse(f"public:{name}", args=["ummao", YEAR, *args])


def set_head(coordinator, expected_version=0, kind=KIND, **fields):
    return services_heads.set_report_head(
        membership=membership_of(coordinator),
        fiscal_year=YEAR,
        kind=kind,
        head=MemoHead(**fields),
        expected_version=expected_version,
    )


def test_the_coordinator_sets_the_head_through_the_page(demo, coordinator, as_user):
    client = as_user(coordinator)
    response = client.post(url("report_head", KIND), FORM)
    assert response.status_code == 302
    report = Report.objects.get(kind=KIND)
    assert report.state == ReportState.DRAFT
    assert (report.dated, report.number, report.subject) == (
        dt.date(2022, 4, 5),
        "๒๕๐",
        FORM["subject"],
    )
    assert report.addressee == "นายกเทศมนตรีตำบลอุ่มเม่า"  # the memo writes เรียน itself
    assert (report.signer_name, report.signer_title) == ("นางสาวใจดี ซื่อตรง", "หัวหน้าสำนักปลัดเทศบาล")
    event = AuditEvent.objects.filter(agency=demo, action="report.head").get()
    assert event.payload["fields"] == [
        "dated",
        "number",
        "subject",
        "addressee",
        "signer_name",
        "signer_title",
    ]
    assert verify_chain(demo).ok
    page = client.get(url("reports")).content.decode()
    assert "5 เมษายน 2565" in page and "นางสาวใจดี ซื่อตรง" in page
    # Still never submitted: the page says so and offers to submit it.
    assert "ยังไม่ได้ส่งขออนุมัติ" in page
    assert 'value="05/04/2565"' in page


def test_the_page_shows_the_defaults_marked_as_such(demo, coordinator, as_user):
    page = as_user(coordinator).get(url("reports")).content.decode()
    assert "31 มีนาคม 2565" in page  # the implementation report's default date
    assert "1 ตุลาคม 2564" in page  # the measures memo's
    assert page.count("(ค่าเริ่มต้น)") >= 6
    assert f'placeholder="{demo.head_title}"' in page
    set_head(coordinator, number="๑๒")
    row = {r.kind: r for r in selectors.report_rows(demo, YEAR)}[KIND]
    shown = {f.name: (f.value, f.is_default) for f in row.head}
    assert shown["number"] == ("๑๒", False)
    assert shown["date"] == (dt.date(2022, 3, 31), True)
    assert shown["addressee"] == (demo.head_title, True)


@pytest.mark.parametrize(
    ("persona", "code"),
    [
        ("executive", 403),
        ("reporter_chang", 403),
        ("viewer", 403),
        ("complaint_officer", 403),
        ("outsider", 404),
    ],
)
def test_only_the_coordinator_may_set_it(request, demo, as_user, persona, code):
    client = as_user(request.getfixturevalue(persona))
    assert client.post(url("report_head", KIND), FORM).status_code == code
    assert not Report.objects.exists()
    page = as_user(request.getfixturevalue("executive")).get(url("reports")).content.decode()
    assert "แก้ไขหัวบันทึกและผู้ลงนาม" not in page


def test_anonymous_is_sent_to_log_in(demo, client):
    response = client.post(url("report_head", KIND), FORM)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Report.objects.exists()


def test_the_service_checks_the_role_too(demo, executive):
    with pytest.raises(PermissionDenied, match="ผู้ประสานงาน"):
        set_head(executive, number="๑")
    assert not Report.objects.exists()


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_a_submitted_or_approved_report_keeps_its_head(
    demo, coordinator, executive, as_user, state
):
    report = submit(coordinator)
    if state == "approved":
        report = approve(executive, report)
    before = (report.version, report.signer_name)
    response = as_user(coordinator).post(
        url("report_head", KIND), {**FORM, "version": str(report.version)}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "แก้ไขหัวบันทึกได้เฉพาะก่อนส่งขออนุมัติ" in html
    assert 'id="error-implementation"' in html  # at the top of that report
    report.refresh_from_db()
    assert (report.version, report.signer_name) == before
    page = as_user(coordinator).get(url("reports")).content.decode()
    assert "แก้ไขหัวบันทึกและผู้ลงนาม" not in section(page, KIND)
    assert "แก้ไขหัวบันทึกและผู้ลงนาม" in section(page, "measures")
    assert not AuditEvent.objects.filter(action="report.head").exists()


def test_a_returned_report_takes_a_new_head_and_is_submitted_again(
    demo, coordinator, executive, as_user
):
    submitted = submit(coordinator)
    report = services_reports.decide_report(
        membership=membership_of(executive),
        report=submitted,
        approve=False,
        comment="ใส่ชื่อผู้ลงนาม",
        expected_version=submitted.version,
    )
    assert report.state == ReportState.RETURNED
    response = as_user(coordinator).post(
        url("report_head", KIND), {**FORM, "version": str(report.version)}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED and report.signer_name == "นางสาวใจดี ซื่อตรง"
    report = submit(coordinator)
    assert report.state == ReportState.SUBMITTED
    row = {r.kind: r for r in selectors.report_rows(demo, YEAR)}[KIND]
    assert row.submissions == 2


def test_a_stale_form_is_refused_and_shows_what_changed(demo, coordinator, as_user):
    set_head(coordinator, signer_name="นายก่อน มาเร็ว")  # version 1, then the other edit:
    set_head(coordinator, expected_version=1, signer_name="นายก่อน มาเร็ว", number="๙")
    client = as_user(coordinator)
    response = client.post(url("report_head", KIND), {**FORM, "version": "1"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "มีผู้อื่นแก้ไขรายการนี้ระหว่างที่ท่านแก้ไข" in html
    assert "นายก่อน มาเร็ว" in html and "๙" in html
    assert 'name="version" value="2"' in html  # the next save rests on what was shown
    report = Report.objects.get(kind=KIND)
    assert (report.version, report.signer_name) == (2, "นายก่อน มาเร็ว")
    assert client.post(url("report_head", KIND), {**FORM, "version": "2"}).status_code == 302
    report.refresh_from_db()
    assert (report.version, report.signer_name) == (3, "นางสาวใจดี ซื่อตรง")


def test_two_first_heads_do_not_both_create_the_report(demo, coordinator):
    set_head(coordinator, number="๑")
    with pytest.raises(StaleEdit) as info:
        set_head(coordinator, number="๒")
    assert info.value.changes == {"number": ("๒", "๑")}
    assert Report.objects.get().number == "๑"


@pytest.mark.parametrize(
    ("dated", "message"),
    [
        ("31/03/2022", "ปี 2022 เป็นปี ค.ศ. กรุณากรอกปี พ.ศ."),
        ("31/02/2565", "ไม่มีวันที่ 31/02/2565 ในปฏิทิน"),
        ("01/10/2565", "วันที่ต้องไม่หลัง 30 กันยายน 2565"),  # FY 2566 already
        ("30/09/2564", "วันที่ต้องไม่ก่อน 1 ตุลาคม 2564"),
        ("พรุ่งนี้", "กรอกวันที่แบบ วว/ดด/ปปปป"),
    ],
)
def test_a_bad_date_is_explained_by_its_box_and_nothing_changes(
    demo, coordinator, as_user, dated, message
):
    response = as_user(coordinator).post(url("report_head", KIND), {**FORM, "dated": dated})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count(message) == 1
    assert html.index('id="head-dated-implementation"') < html.index(message)
    assert f'value="{dated}"' in html  # kept for correction
    assert not Report.objects.exists()


def test_the_service_refuses_a_date_outside_the_year(demo, coordinator):
    with pytest.raises(ValidationFailed, match="วันที่ของบันทึกต้องอยู่ระหว่าง") as info:
        set_head(coordinator, date=dt.date(2022, 10, 1))
    assert info.value.field == "dated"
    assert not Report.objects.exists()


def test_too_long_and_control_characters(demo, coordinator, as_user):
    response = as_user(coordinator).post(url("report_head", KIND), {**FORM, "number": "๑" * 21})
    assert response.status_code == 400
    assert "ข้อความยาวเกิน 20 ตัวอักษร" in response.content.decode()
    set_head(coordinator, signer_name="นาย\x00ทดสอบ\x0b ระบบ")
    assert Report.objects.get().signer_name == "นายทดสอบ ระบบ"


def test_the_stored_head_is_what_memos_and_previews_print(demo, coordinator):
    set_head(coordinator, number="๒๕๐", signer_name="นางสาวใจดี ซื่อตรง")
    memo = build_memo(demo, YEAR, KIND)
    assert memo.header.document_number == "กส ๗๓๖๐๑/๒๕๐"
    assert memo.header.date == dt.date(2022, 3, 31)  # the default still
    assert memo.signature is not None and memo.signature.name == "นางสาวใจดี ซื่อตรง"
    # `as_of` (render --as-of, the preview's box) dates it; the rest stays stored.
    memo = build_memo(demo, YEAR, KIND, as_of=dt.date(2022, 2, 1))
    assert memo.header.date == dt.date(2022, 2, 1)
    assert memo.header.document_number == "กส ๗๓๖๐๑/๒๕๐"


def test_the_published_pdf_carries_the_head(demo, coordinator, executive):
    set_head(coordinator, date=dt.date(2022, 4, 5), signer_name="นางสาวใจดี ซื่อตรง")
    publication = publish(coordinator, approve(executive, submit(coordinator)))
    document = publication.documents.get()
    text = "".join(pdf_text(document.file.read()).split())
    assert "(นางสาวใจดีซื่อตรง)" in text
    assert "๕เมษายน๒๕๖๕" in text
    assert "ข้อมูลณวันที่๓๑มีนาคม๒๕๖๕" in text  # the data as of the report's own date


def test_the_preview_of_a_report_never_submitted_is_dated_in_its_year(
    demo, coordinator, as_user, fake_pdf
):
    as_user(coordinator).get(url("report_preview", "measures"))
    assert fake_pdf == [("ummao", YEAR, "measures", dt.date(2021, 10, 1))]


def test_the_approval_covers_the_head(demo, coordinator, executive, fake_pdf):
    """The default signer is the agency's: changed after the approval, the memo is no longer
    the one approved, so it is not published."""
    report = approve(executive, submit(coordinator))
    Agency.objects.filter(pk=demo.pk).update(signer_name="นายใหม่ หลังอนุมัติ")
    demo.refresh_from_db()
    row = {r.kind: r for r in selectors.report_rows(demo, YEAR)}[KIND]
    assert row.approved_changed
    with pytest.raises(ValidationFailed, match="เปลี่ยนไปหลังผู้บริหารอนุมัติ"):
        publish(coordinator, report)
    assert Publication.objects.count() == 0 and fake_pdf == []


def test_unchanged_head_writes_nothing(demo, coordinator):
    assert set_head(coordinator) is None
    set_head(coordinator, number="๑")
    assert set_head(coordinator, expected_version=1, number="๑").version == 1
    assert AuditEvent.objects.filter(action="report.head").count() == 1


def test_a_draft_report_needs_submitting_still(demo, coordinator):
    set_head(coordinator, number="๑")
    needs = selectors.report_needs({demo.pk: YEAR})[demo.pk]
    assert needs.to_submit == 2
    assert selectors.report_date(demo, YEAR, KIND) is None
    assert submit(coordinator).as_of == AS_OF


def test_a_bad_form_for_a_submitted_report_says_why_nothing_changed(demo, coordinator, as_user):
    report = submit(coordinator)
    data = {**FORM, "dated": "31/03/2022", "version": str(report.version)}
    response = as_user(coordinator).post(url("report_head", KIND), data)
    assert response.status_code == 400
    assert "แก้ไขหัวบันทึกได้เฉพาะก่อนส่งขออนุมัติ" in section(response.content.decode(), KIND)
