"""Upload limits shown before the upload; a refusal names its file; links typed without
https:// are taken as https."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.pending_catalogue import in_english

from prongsai.core.errors import UploadRejected
from prongsai.core.uploads import about_file, display_name, upload_help
from prongsai.measures import services
from prongsai.measures.models import Evidence, Measure, StatusUpdate

EXE = b"MZ\x90\x00" + b"\x00" * 64


def measure(demo, number=3):
    return Measure.objects.get(agency=demo, fiscal_year=2565, number=number)


def status_url(demo):
    return reverse("status_create", args=["ummao", measure(demo).pk])


def file_input_and_help(page: str, name: str) -> str:
    """The page from the file input named `name` to the end of its field."""
    start = page.index(f'name="{name}"')
    return page[start : start + 1500]


# --- the limits before the upload ----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda demo: status_url(demo),
        lambda demo: reverse("imports:upload", args=["ummao", 2566]),
        lambda demo: reverse("imports:lint", args=["ummao"]),
        lambda demo: reverse("assessments:result_import", args=["ummao", 2565]),
    ],
    ids=["evidence", "import", "lint", "ita-result"],
)
def test_every_staff_file_input_says_its_limits(demo, coordinator, as_user, settings, url):
    settings.UPLOAD_MAX_BYTES = 7 * 1024 * 1024
    page = as_user(coordinator).get(url(demo)).content.decode()
    field = file_input_and_help(page, "files" if "status" in url(demo) else "file")
    assert "ไม่เกิน 7 MB" in field and "ชนิดไฟล์ที่รับ" in field
    assert 'accept="' in page[page.index('type="file"') - 200 : page.index('type="file"') + 200]


def test_public_file_inputs_say_their_limits_in_thai(demo, client, settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the public pages stay Thai
    page = client.get("/p/ummao/feedback/").content.decode()
    field = file_input_and_help(page, "files")
    assert "ไม่เกิน 3 ไฟล์ ไฟล์ละไม่เกิน 10 MB · ชนิดไฟล์ที่รับ: PDF, DOCX, XLSX, JPEG, PNG" in field


def test_the_help_follows_the_language(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    assert upload_help("CSV, XLSX") == "ไฟล์ละไม่เกิน 10 MB · ชนิดไฟล์ที่รับ: CSV, XLSX"
    with in_english():
        text = upload_help("CSV, XLSX", 3)
    assert text == "Up to 3 files, 10 MB each · accepted types: CSV, XLSX"


# --- a refusal names its file ----------------------------------------------------------------


def test_a_refused_evidence_file_is_named_next_to_the_field(demo, coordinator, as_user):
    ok = SimpleUploadedFile("photo.pdf", b"%PDF-1.4 ok")
    bad = SimpleUploadedFile("scan.docx", b"not a zip at all")
    data = {"status": "done", "note": "", "reported_on": "31/03/2565", "files": [ok, bad]}
    before = StatusUpdate.objects.count()
    response = as_user(coordinator).post(status_url(demo), data)
    assert response.status_code == 400
    field = file_input_and_help(response.content.decode(), "files")
    assert "ไฟล์ scan.docx: ชนิดไฟล์ไม่อนุญาต" in field
    assert StatusUpdate.objects.count() == before  # the good file is not kept alone
    assert not Evidence.objects.filter(original_name="photo.pdf").exists()


def test_a_refused_complaint_attachment_is_named(demo, client):
    data = {"kind": "comment", "subject": "ทดสอบ", "body": "แนบไฟล์", "contact": ""}
    data["files"] = [SimpleUploadedFile("virus.exe", EXE)]
    response = client.post("/p/ummao/feedback/", data)
    assert response.status_code == 400
    field = file_input_and_help(response.content.decode(), "files")
    assert "ไฟล์ virus.exe: ชนิดไฟล์ไม่อนุญาต" in field


def test_a_refused_memo_is_named_in_one_language(demo, coordinator, as_user, settings):
    url = reverse("imports:upload", args=["ummao", 2566])
    client = as_user(coordinator)
    page = client.post(url, {"file": SimpleUploadedFile("memo.docx", b"not a zip")})
    assert "ไฟล์ memo.docx: " in page.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with in_english():
        english = client.post(url, {"file": SimpleUploadedFile("memo.docx", b"not a zip")})
    text = english.content.decode()
    assert "File memo.docx: " in text and "ไฟล์ memo.docx" not in text


def test_a_file_name_cannot_smuggle_folders_or_direction_marks():
    assert display_name("C:\\Users\\somchai\\scan.docx") == "scan.docx"
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("invoice\u202excod.pdf") == "invoicexcod.pdf"
    assert display_name("a\nb.pdf") == "ab.pdf"
    assert display_name("") == "(ไม่มีชื่อ)"
    long = display_name("ก" * 300 + ".pdf")
    assert len(long) == 80 and long.endswith("…")
    error = about_file("x.pdf", UploadRejected("ไฟล์ว่างเปล่า", field="files"))
    assert str(error) == "ไฟล์ x.pdf: ไฟล์ว่างเปล่า" and error.field == "files"


# --- links typed without https:// ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("www.ummao.go.th/ita", "https://www.ummao.go.th/ita"),
        ("  ummao.go.th/ita?x=1 ", "https://ummao.go.th/ita?x=1"),
        ("//www.ummao.go.th/a", "https://www.ummao.go.th/a"),
        ("http://www.ummao.go.th/ita", "http://www.ummao.go.th/ita"),
        ("HTTPS://www.ummao.go.th/", "HTTPS://www.ummao.go.th/"),
    ],
)
def test_the_service_takes_a_link_without_scheme_as_https(demo, coordinator, typed, stored):
    update = services.report_status(
        actor=coordinator, measure=measure(demo), status="done", links=[typed]
    )
    assert list(update.evidence.values_list("url", flat=True)) == [stored]


@pytest.mark.parametrize("typed", ["javascript:alert(1)", "ftp://www.ummao.go.th/", "not a link"])
def test_other_schemes_and_words_are_still_refused(demo, coordinator, typed):
    from prongsai.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as refused:
        services.report_status(
            actor=coordinator, measure=measure(demo), status="done", links=[typed]
        )
    assert typed in str(refused.value) and refused.value.field == "links"


def test_the_status_form_accepts_www_links(demo, coordinator, as_user):
    data = {"status": "done", "note": "", "reported_on": "31/03/2565"}
    data["links"] = "www.ummao.go.th/ita"
    response = as_user(coordinator).post(status_url(demo), data)
    assert response.status_code == 302
    assert Evidence.objects.filter(url="https://www.ummao.go.th/ita").count() == 1


def test_an_imported_note_with_a_www_address_becomes_a_link():
    from prongsai.imports.mapping import _valid_links

    note = "ประกาศที่ www.ummao.go.th/ita และ https://ummao.go.th/x."
    assert _valid_links(note) == ["https://www.ummao.go.th/ita", "https://ummao.go.th/x"]
