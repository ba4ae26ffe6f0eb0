"""Memo downloads and the preview page: access, headers, the as-of date."""

import io

import docx
import pytest
from django.urls import reverse

from prongsai.core.policy import policy_of
from prongsai.demo.agency import YEAR
from prongsai.memos import views

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def memo_url(kind="implementation", fmt="pdf", slug="ummao", query=""):
    return reverse("memos:memo", args=(slug, YEAR, kind, fmt)) + query


def preview_url(kind="implementation", slug="ummao", query=""):
    return reverse("memos:preview", args=(slug, YEAR, kind)) + query


def test_views_declare_their_policy():
    assert policy_of(views.memo_file) == "authenticated"
    assert policy_of(views.preview) == "authenticated"


def test_url_shapes():
    assert memo_url() == "/a/ummao/2565/memo/implementation.pdf"
    assert preview_url("measures") == "/a/ummao/2565/memo/measures/"


def test_pdf_inline(as_user, coordinator):
    response = as_user(coordinator).get(memo_url(query="?as_of=2022-03-31"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="ummao-2565-implementation-2022-03-31.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # the preview page frames it
    assert response.content.startswith(b"%PDF-")


def test_docx_attachment(as_user, coordinator):
    response = as_user(coordinator).get(memo_url("measures", "docx", query="?as_of=2022-03-31"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        'attachment; filename="ummao-2565-measures-2022-03-31.docx"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    document = docx.Document(io.BytesIO(response.content))
    assert len(document.tables) == 1


def test_as_of_picks_the_status_date(as_user, coordinator):
    response = as_user(coordinator).get(memo_url(fmt="docx", query="?as_of=2022-03-30"))
    document = docx.Document(io.BytesIO(response.content))
    status = document.tables[1]
    first_column_ticks = [row.cells[2].text for row in status.rows[2:]]
    assert all("✓" in text for text in first_column_ticks)  # nothing reported yet


@pytest.mark.parametrize("value", ["31/03/2565", "2565-03-31", "yesterday"])
def test_bad_as_of_is_a_400_in_thai_and_english(as_user, coordinator, value):
    response = as_user(coordinator).get(memo_url(query=f"?as_of={value}"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "วันที่ไม่ถูกต้อง" in body and "invalid" in body


@pytest.mark.parametrize("url", [memo_url("nothing"), memo_url(fmt="odt"), preview_url("nothing")])
def test_unknown_kind_or_format_is_404(as_user, coordinator, url):
    assert as_user(coordinator).get(url).status_code == 404


@pytest.mark.parametrize("url", [memo_url(), memo_url(fmt="docx"), preview_url()])
def test_it_checks_ownership(as_user, outsider, url):
    assert as_user(outsider).get(url).status_code == 404


@pytest.mark.parametrize("url", [memo_url(), preview_url()])
def test_anonymous_is_sent_to_log_in(as_user, demo, url):
    response = as_user(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["executive", "viewer", "reporter_chang"])
def test_staff_roles_may_download(as_user, persona, request):
    user = request.getfixturevalue(persona)
    assert as_user(user).get(memo_url(fmt="docx")).status_code == 200


def test_complaint_officer_may_not(as_user, complaint_officer):
    assert as_user(complaint_officer).get(memo_url(fmt="docx")).status_code == 403


def test_post_is_not_allowed(as_user, coordinator):
    assert as_user(coordinator).post(memo_url()).status_code == 405


def test_preview_page(as_user, coordinator):
    # The box takes the Buddhist era as typed; the file links carry the ISO date.
    response = as_user(coordinator).get(preview_url(query="?as_of=31/03/2565"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="31/03/2565"' in html
    pdf = memo_url(query="?as_of=2022-03-31")
    assert f'<iframe class="preview" src="{pdf}"' in html
    # While the first PDF is being made, a Thai note behind the (see-through) frame says so.
    wait = html.index('id="preview-wait"')
    assert wait < html.index('<iframe class="preview"')
    assert "กำลังจัดทำตัวอย่างเอกสาร" in html
    assert f'href="{memo_url(fmt="docx", query="?as_of=2022-03-31")}"' in html
    assert f'href="{pdf}"' in html
    assert "๓๑ มีนาคม ๒๕๖๕" in html
    assert 'name="as_of"' in html
    assert preview_url("measures") in html
    # CSP: no inline scripts or styles.
    assert "style=" not in html
    assert "<script>" not in html and "onclick" not in html


def test_preview_defaults_to_today_and_reports_a_bad_date(as_user, coordinator):
    response = as_user(coordinator).get(preview_url(query="?as_of=yesterday"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "กรอกวันที่แบบ วว/ดด/ปปปป" in html
    assert "?as_of=" in html


def test_preview_box_takes_and_shows_the_buddhist_era(as_user, coordinator):
    response = as_user(coordinator).get(preview_url(query="?as_of=๓๐/๖/๒๕๖๕"))
    html = response.content.decode()
    assert 'value="30/06/2565"' in html and 'type="date"' not in html
    assert memo_url(query="?as_of=2022-06-30") in html
    assert "30 มิถุนายน 2565" in html or "๓๐ มิถุนายน ๒๕๖๕" in html


def test_preview_refuses_a_ce_year_by_the_box(as_user, coordinator):
    html = as_user(coordinator).get(preview_url(query="?as_of=30/06/2022")).content.decode()
    assert "ปี 2022 เป็นปี ค.ศ. กรุณากรอกปี พ.ศ." in html
    assert 'value="30/06/2022"' in html
    assert "?as_of=2022-06-30" not in html  # the files are not silently as of that day


def test_preview_range_starts_a_year_before_the_fiscal_year(as_user, coordinator):
    client = as_user(coordinator)
    html = client.get(preview_url(query="?as_of=30/09/2563")).content.decode()
    assert "วันที่ต้องไม่ก่อน 1 ตุลาคม 2563" in html
    # Today, as the page proposes for a past year's memo, is accepted.
    html = client.get(preview_url()).content.decode()
    box_value = html.split('name="as_of"')[1].split('value="')[1].split('"')[0]
    html = client.get(preview_url(query=f"?as_of={box_value}")).content.decode()
    assert "วันที่ต้อง" not in html


def test_preview_without_a_date_shows_the_memos_own_date(as_user, coordinator):
    # A past year's memo is dated in its year (the report's date, else the default), never
    # today; the file links carry no date, so the stored head decides.
    html = as_user(coordinator).get(preview_url("measures")).content.decode()
    assert 'value="01/10/2564"' in html
    assert "ลงวันที่ ๑ ตุลาคม ๒๕๖๔" in html
    assert f'<iframe class="preview" src="{memo_url("measures")}"' in html
    response = as_user(coordinator).get(memo_url("measures", "docx"))
    assert response["Content-Disposition"] == (
        'attachment; filename="ummao-2565-measures-2021-10-01.docx"'
    )
