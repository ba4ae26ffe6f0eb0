"""Upload → preview → confirm, and upload → findings, on the web."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path, reverse
from tests.pending_catalogue import in_english

from prongsai.imports.lint import CODES
from prongsai.imports.lint_labels import LABELS, finding_label
from prongsai.measures.models import Measure

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "seed-ummao-2565.txt"

# The project's URLs with the imports included (prongsai.urls may or may not include them yet).
from prongsai import urls as project_urls  # noqa: E402

urlpatterns = list(project_urls.urlpatterns)
if not any(getattr(p, "namespace", None) == "imports" for p in urlpatterns):
    urlpatterns.append(path("", include("prongsai.imports.urls")))


@pytest.fixture(autouse=True)
def _urls(settings):
    settings.ROOT_URLCONF = __name__


def upload_url(year=2566, slug="ummao"):
    return reverse("imports:upload", args=[slug, year])


def seed_file(name="seed.txt", content=None):
    return SimpleUploadedFile(name, content if content is not None else SEED.read_bytes())


def test_upload_preview_confirm(demo, coordinator, as_user):
    client = as_user(coordinator)
    assert client.get(upload_url()).status_code == 200
    response = client.post(upload_url(), {"file": seed_file()})
    assert response.status_code == 200
    page = response.content.decode()
    assert "ให้ความรู้เรื่องการประเมินคุณธรรม" in page
    assert "กองการศึกษา" in page and "ดำเนินการเสร็จเรียบร้อยแล้ว" in page
    # the findings are shown by the Thai names of their kinds, not by their codes
    assert "finding-province_code" in page and "finding-misspelling" in page
    assert "รหัสจังหวัดในเลขที่หนังสือไม่ตรง" in page and "คำสะกดผิด" in page
    assert "<code>province_code</code>" not in page
    assert not Measure.objects.filter(fiscal_year=2566).exists()  # nothing written yet
    token = response.context["token"]
    # The memo is of 2565: importing it as 2566 takes the ticked choice (see below).
    confirmed = client.post(
        reverse("imports:confirm", args=["ummao", 2566]), {"token": token, "as_year": "2566"}
    )
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("agency_year", args=["ummao", 2566])
    assert Measure.objects.filter(agency=demo, fiscal_year=2566).count() == 6


def test_the_token_is_bound_to_agency_year_and_user(demo, coordinator, as_user):
    client = as_user(coordinator)
    token = client.post(upload_url(), {"file": seed_file()}).context["token"]
    response = client.post(reverse("imports:confirm", args=["ummao", 2567]), {"token": token})
    assert response.status_code == 302
    assert not Measure.objects.filter(fiscal_year__in=[2566, 2567]).exists()
    forged = client.post(reverse("imports:confirm", args=["ummao", 2566]), {"token": token + "x"})
    assert forged.status_code == 302
    assert not Measure.objects.filter(fiscal_year=2566).exists()


def test_confirm_is_post_only(demo, coordinator, as_user):
    client = as_user(coordinator)
    assert client.get(reverse("imports:confirm", args=["ummao", 2566])).status_code == 405


def test_a_year_with_measures_shows_no_confirm_button(demo, coordinator, as_user):
    response = as_user(coordinator).post(upload_url(2565), {"file": seed_file()})
    assert response.status_code == 200
    assert response.context["can_save"] is False
    assert reverse("imports:confirm", args=["ummao", 2565]) not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("memo.docx", b"not a zip", "ไม่ใช่ไฟล์ DOCX"),
        ("memo.txt", b"\0\1\2\3" * 100, "ไฟล์นี้ไม่ใช่ไฟล์ข้อความ"),
        ("memo.pdf", b"%PDF-1.4 ...", "ไฟล์ PDF อ่านเป็นบันทึกข้อความไม่ได้"),
        ("memo.docx", b"PK\x03\x04" + b"\0" * 64, "ZIP"),
    ],
)
def test_bad_files_are_refused_with_the_reason(demo, coordinator, as_user, name, content, reason):
    response = as_user(coordinator).post(upload_url(), {"file": seed_file(name, content)})
    assert response.status_code == 400
    page = response.content.decode()
    after_field = page[page.index('name="file"') :]
    assert reason in after_field[: after_field.index("</form>")]  # next to the file field
    assert not Measure.objects.filter(fiscal_year=2566).exists()


def test_a_huge_file_is_refused(demo, coordinator, as_user, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    response = as_user(coordinator).post(upload_url(), {"file": seed_file()})
    assert response.status_code == 400 and "ไฟล์ใหญ่เกิน 0 MB" in response.content.decode()
    client = as_user(coordinator)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with in_english():
        english = client.post(upload_url(), {"file": seed_file()}).content.decode()
    assert "the file is larger than 0 MB" in english and "ไฟล์ใหญ่เกิน" not in english


def test_tis620_upload(demo, coordinator, as_user):
    content = SEED.read_text("utf-8").encode("tis_620")
    response = as_user(coordinator).post(upload_url(), {"file": seed_file("seed.txt", content)})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 6


def test_only_coordinators_import(demo, as_user, reporter_palad, executive, viewer, outsider):
    for user in (reporter_palad, executive, viewer):
        assert as_user(user).get(upload_url()).status_code == 403
        assert as_user(user).post(upload_url(), {"file": seed_file()}).status_code == 403
    assert as_user(outsider).get(upload_url()).status_code == 404  # another agency's page
    anonymous = as_user(None).get(upload_url())
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_it_checks_ownership_on_confirm(demo, coordinator, outsider, as_user):
    token = as_user(coordinator).post(upload_url(), {"file": seed_file()}).context["token"]
    response = as_user(outsider).post(
        reverse("imports:confirm", args=["ummao", 2566]), {"token": token}
    )
    assert response.status_code == 404
    assert not Measure.objects.filter(fiscal_year=2566).exists()


def test_not_a_fiscal_year(demo, coordinator, as_user):
    assert as_user(coordinator).get("/a/ummao/1999/import/").status_code == 404


# ------------------------------------------------------------------ lint on the web


def lint_url(slug="ummao"):
    return reverse("imports:lint", args=[slug])


def test_lint_page_shows_findings_with_excerpts(demo, viewer, as_user):
    client = as_user(viewer)  # any member may check a document
    assert client.get(lint_url()).status_code == 200
    response = client.post(lint_url(), {"file": seed_file()})
    assert response.status_code == 200
    page = response.content.decode()
    for code in ("mixed_digits", "province_code", "foreign_agency", "year_mismatch", "misspelling"):
        assert f"finding-{code}" in page and f"<code>{code}</code>" not in page
        assert str(finding_label(code)) in page  # the kind's Thai name, not its code
    assert "824๐๑/205" in page and "องค์การบริหารส่วนตำบลสามเรือน" in page


def test_lint_page_in_english(demo, viewer, as_user):
    client = as_user(viewer)
    client.cookies["django_language"] = "en"
    page = client.post(lint_url(), {"file": seed_file()}, HTTP_ACCEPT_LANGUAGE="en").content
    assert "mixes Thai and Arabic digits" in page.decode()
    with in_english():
        english = client.post(lint_url(), {"file": seed_file()}).content.decode()
    assert "Thai and Arabic digits mixed" in english and "ตัวเลขไทยปนตัวเลขอารบิก" not in english


def test_lint_page_clean_docx_of_the_agency(demo, viewer, as_user):
    from prongsai.demo.agency import AS_OF, YEAR
    from prongsai.memos.service import render_memo

    memo = render_memo(demo, YEAR, "implementation", "docx", as_of=AS_OF)
    upload = seed_file(memo.filename, memo.content)
    response = as_user(viewer).post(lint_url(), {"file": upload})
    assert response.status_code == 200 and response.context["findings"] == []
    assert "ไม่พบข้อผิดพลาด" in response.content.decode()


def test_lint_page_judges_a_memo_as_the_agency_s_own(demo, viewer, as_user):
    """Under /a/ummao/ a clean memo of another agency is a copied one."""
    content = (DATA / "clean-khonkaen.docx").read_bytes()
    response = as_user(viewer).post(lint_url(), {"file": seed_file("clean.docx", content)})
    codes = {finding.code for finding, _message, _label in response.context["findings"]}
    assert codes == {"province_code", "foreign_agency"}


def test_lint_page_bad_file(demo, viewer, as_user):
    response = as_user(viewer).post(lint_url(), {"file": seed_file("x.txt", b"")})
    assert response.status_code == 400


def test_lint_page_checks_ownership(demo, outsider, as_user):
    assert as_user(outsider).get(lint_url()).status_code == 404
    assert as_user(None).get(lint_url()).status_code == 302


def test_pages_have_no_inline_script_or_style(demo, coordinator, as_user):
    client = as_user(coordinator)
    pages = [
        client.get(upload_url()).content.decode(),
        client.post(upload_url(), {"file": seed_file()}).content.decode(),
        client.post(lint_url(), {"file": seed_file()}).content.decode(),
    ]
    for page in pages:
        assert "<script>" not in page and "style=" not in page and "<style" not in page


def test_a_post_without_a_file_says_so(demo, coordinator, as_user):
    response = as_user(coordinator).post(upload_url(), {})
    assert response.status_code == 400 and response.context["form"].errors


def test_every_finding_code_has_one_translated_name():
    assert set(LABELS) == set(CODES)
    assert finding_label("mixed_digits") == "ตัวเลขไทยปนตัวเลขอารบิก"
    with in_english():
        assert finding_label("year_mismatch") == "Fiscal year does not fit the document"
    assert finding_label("no_such_code") == "no_such_code"


# ------------------------------------------------------------------ another year's memo

CONFIRM_2566 = ("imports:confirm", ["ummao", 2566])


def test_another_year_s_memo_is_warned_at_the_top_and_needs_the_tick(demo, coordinator, as_user):
    client = as_user(coordinator)
    response = client.post(upload_url(), {"file": seed_file()})  # a 2565 memo into 2566
    page = response.content.decode()
    warning = page.index('id="other-year"')
    assert warning < page.index("<table")  # at the top, before what was read
    assert "บันทึกนี้เป็นของปีงบประมาณ 2565 แต่ท่านกำลังนำเข้าเป็นปี 2566" in page
    assert 'name="as_year" value="2566"' in page and "นำเข้าเป็นปี 2566" in page
    assert 'href="/a/ummao/2565/import/"' in page  # or import it as its own year
    token = response.context["token"]
    refused = client.post(reverse(CONFIRM_2566[0], args=CONFIRM_2566[1]), {"token": token})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert 'id="id_as_year_error"' in text and "กรุณาติ๊กช่อง" in text
    assert not Measure.objects.filter(fiscal_year=2566).exists()
    # A tick for another year is no tick for this one.
    wrong = client.post(
        reverse(CONFIRM_2566[0], args=CONFIRM_2566[1]), {"token": token, "as_year": "2565"}
    )
    assert wrong.status_code == 400 and not Measure.objects.filter(fiscal_year=2566).exists()
    ticked = client.post(
        reverse(CONFIRM_2566[0], args=CONFIRM_2566[1]), {"token": token, "as_year": "2566"}
    )
    assert ticked.status_code == 302
    assert Measure.objects.filter(agency=demo, fiscal_year=2566).count() == 6
    # The redirect's page is a GET: a reload imports nothing twice.
    client.get(ticked["Location"])
    assert Measure.objects.filter(agency=demo, fiscal_year=2566).count() == 6


def test_a_memo_of_the_same_year_is_not_warned_about(demo, coordinator, as_user):
    response = as_user(coordinator).post(upload_url(2565), {"file": seed_file()})
    assert response.context["result"].fiscal_year == 2565
    assert response.context["other_year"] is False
    assert 'id="other-year"' not in response.content.decode()
    assert 'name="as_year"' not in response.content.decode()


def test_a_refused_import_says_so_at_the_top_with_the_next_step(demo, coordinator, as_user):
    response = as_user(coordinator).post(upload_url(2565), {"file": seed_file()})
    page = response.content.decode()
    refused = page.index('id="import-refused"')
    assert refused < page.index("<table")
    assert "นำเข้าไม่ได้ ยังไม่ได้บันทึกมาตรการใด" in page
    assert "ขั้นต่อไป" in page and 'href="/a/ummao/2565/"' in page
