"""The divisions page and the agency's profile page (with the memo head preview)."""

import pytest
from django.test import Client

from prongsai.agencies.models import Agency, Division
from prongsai.measures.models import Measure
from prongsai.registry import divisions as divisions_services

DIVISIONS = "/a/ummao/divisions/"
PROFILE = "/a/ummao/profile/"
PREVIEW = "/a/ummao/profile/head-preview/"


def names(agency):
    return list(Division.objects.filter(agency=agency).values_list("name", flat=True))


def chang(agency):
    return Division.objects.get(agency=agency, name="กองช่าง")


@pytest.mark.parametrize("url", [DIVISIONS, PROFILE, PREVIEW])
def test_access(
    url, demo, as_user, coordinator, reporter_chang, executive, outsider
):  # coordinator OK, other roles 403, another agency 404, anonymous to the log-in page
    assert as_user(coordinator).get(url).status_code == 200
    assert as_user(reporter_chang).get(url).status_code == 403
    assert as_user(executive).get(url).status_code == 403
    assert as_user(outsider).get(url).status_code == 404
    response = as_user(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_posts_need_the_csrf_token(demo, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    division = chang(demo)
    assert client.post(DIVISIONS, {"name": "กองใหม่"}).status_code == 403
    assert client.post(f"{DIVISIONS}{division.pk}/retire/").status_code == 403
    assert client.post(PROFILE, {"name": "ชื่อใหม่"}).status_code == 403
    assert "กองใหม่" not in names(demo) and chang(demo).retired_at is None
    page = client.get(DIVISIONS).content.decode()
    assert page.count("csrfmiddlewaretoken") >= 4 * len(names(demo)) - 2


def test_another_agencys_division_is_not_found(demo, coordinator, other_agency, as_user):
    foreign = Division.objects.get(agency=other_agency)
    client = as_user(coordinator)
    for action in ("rename", "move", "retire", "restore"):
        assert client.post(f"{DIVISIONS}{foreign.pk}/{action}/").status_code == 404
    assert Division.objects.get(pk=foreign.pk).retired_at is None


def test_divisions_page_lists_counts_and_changes(demo, coordinator, as_user):
    client = as_user(coordinator)
    page = client.get(DIVISIONS).content.decode()
    measures = Measure.objects.filter(divisions=chang(demo)).count()
    row = page[page.index(f'id="division-{chang(demo).pk}"') :]
    assert f'data-label="มาตรการ">{measures}<' in row
    assert 'data-label="สมาชิก">1<' in row  # ummao-reporter-chang

    response = client.post(DIVISIONS, {"name": "กองสวัสดิการสังคม"})
    assert response.status_code == 302
    assert names(demo)[-1] == "กองสวัสดิการสังคม"
    response = client.post(DIVISIONS, {"name": "กองช่าง"})
    assert response.status_code == 400
    assert "มีส่วนราชการชื่อ “กองช่าง” แล้ว" in response.content.decode()

    division = chang(demo)
    response = client.post(f"{DIVISIONS}{division.pk}/rename/", {"name": "สำนักปลัด"})
    assert response.status_code == 400 and "มีส่วนราชการชื่อ" in response.content.decode()
    client.post(f"{DIVISIONS}{division.pk}/rename/", {"name": "กองช่างโยธา"})
    assert Division.objects.get(pk=division.pk).name == "กองช่างโยธา"

    order = names(demo)
    at = order.index("กองช่างโยธา")
    client.post(f"{DIVISIONS}{division.pk}/move/", {"direction": "up"})
    moved = names(demo)
    assert moved[at - 1] == "กองช่างโยธา" and moved[at] == order[at - 1]
    client.post(f"{DIVISIONS}{division.pk}/move/", {"direction": "down"})
    assert names(demo) == order
    first = Division.objects.get(agency=demo, name=order[0])
    assert client.post(f"{DIVISIONS}{first.pk}/move/", {"direction": "up"}).status_code == 302
    assert client.post(f"{DIVISIONS}{first.pk}/move/", {"direction": "x"}).status_code == 302
    assert names(demo) == order

    client.post(f"{DIVISIONS}{division.pk}/retire/")
    assert Division.objects.get(pk=division.pk).retired_at is not None
    assert "เลิกใช้" in client.get(DIVISIONS).content.decode()
    client.post(f"{DIVISIONS}{division.pk}/restore/")
    assert Division.objects.get(pk=division.pk).retired_at is None


def test_a_retired_division_shows_on_old_measures_only(demo, coordinator, as_user):
    division = chang(demo)
    old = Measure.objects.filter(agency=demo, divisions=division).first()
    divisions_services.retire_division(actor=coordinator, division=division)
    client = as_user(coordinator)
    new_form = client.get("/a/ummao/2566/measures/new/").content.decode()
    assert f'value="{division.pk}"' not in new_form and "กองช่าง" not in new_form
    edit_form = client.get(f"/a/ummao/m/{old.pk}/edit/").content.decode()
    assert f'value="{division.pk}"' in edit_form
    assert "กองช่าง" in client.get(f"/a/ummao/m/{old.pk}/").content.decode()
    assert "กองช่าง" in client.get(f"/a/ummao/{old.fiscal_year}/").content.decode()


def test_the_agency_year_page_links_both_pages_for_coordinators(
    demo, coordinator, reporter_chang, as_user
):
    page = as_user(coordinator).get("/a/ummao/2565/").content.decode()
    assert f'href="{DIVISIONS}"' in page and f'href="{PROFILE}"' in page
    page = as_user(reporter_chang).get("/a/ummao/2565/").content.decode()
    assert DIVISIONS not in page and PROFILE not in page


def test_profile_page_shows_the_place_and_the_printed_head(demo, coordinator, as_user):
    page = as_user(coordinator).get(PROFILE).content.decode()
    assert "เทศบาลตำบล" in page and "(460703)" in page and "(4607)" in page and "(46)" in page
    assert "สำนักปลัด เทศบาลตำบลอุ่มเม่า โทร. ๐-๔๓๖๐-๑๕๒๕" in page
    assert "กส ๗๓๖๐๑/" in page
    assert "นายกเทศมนตรีตำบลอุ่มเม่า" in page and "หัวหน้าสำนักปลัดเทศบาล" in page
    assert f'hx-get="{PREVIEW}"' in page and 'hx-include="#profile-form"' in page


def test_the_preview_shows_what_is_typed_in_thai_digits_and_saves_nothing(
    demo, coordinator, as_user
):
    response = as_user(coordinator).get(
        PREVIEW,
        {
            "name": "เทศบาลตำบลทดลอง",
            "reporting_unit": "กองคลัง",
            "telephone": "0 4381 1234",
            "document_number": "73602",
            "head_title": "นายกเทศมนตรีตำบลทดลอง",
            "signer_name": "นางสาวสมหญิง รักงาน",
            "signer_position": "ผู้อำนวยการกองคลัง",
            "website": "https://example.org/1",
        },
    )
    page = response.content.decode()
    assert "กองคลัง เทศบาลตำบลทดลอง โทร. ๐ ๔๓๘๑ ๑๒๓๔" in page
    assert "กส ๗๓๖๐๒/" in page  # the province's letters with the typed number
    assert "นายกเทศมนตรีตำบลทดลอง" in page
    assert "(นางสาวสมหญิง รักงาน)" in page and "ผู้อำนวยการกองคลัง" in page
    assert "<html" not in page  # a fragment
    saved = Agency.objects.get(pk=demo.pk)
    assert saved.name == "เทศบาลตำบลอุ่มเม่า" and saved.version == demo.version


def test_the_preview_escapes_hostile_text(demo, coordinator, as_user):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    page = (
        as_user(coordinator)
        .get(PREVIEW, {"name": hostile, "head_title": hostile, "signer_name": hostile})
        .content.decode()
    )
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page


def test_profile_post_saves_refuses_bad_input_and_stale_forms(demo, coordinator, as_user):
    client = as_user(coordinator)
    form = {name: getattr(demo, name) or "" for name in divisions_services.PROFILE_FIELDS} | {
        "version": demo.version
    }
    response = client.post(PROFILE, form | {"website": "javascript:alert(1)"})
    assert response.status_code == 400 and "เว็บไซต์" in response.content.decode()
    assert Agency.objects.get(pk=demo.pk).version == demo.version

    response = client.post(PROFILE, form | {"head_name": "นายสมชาย ใจดี"})
    assert response.status_code == 302
    saved = Agency.objects.get(pk=demo.pk)
    assert saved.head_name == "นายสมชาย ใจดี" and saved.version == demo.version + 1

    response = client.post(PROFILE, form | {"head_name": "คนอื่น"})  # the old version
    assert response.status_code == 409
    page = response.content.decode()
    assert "มีผู้อื่นแก้ไขรายการนี้" in page and "คนอื่น" in page
    assert f'name="version" value="{saved.version}"' in page
    assert Agency.objects.get(pk=demo.pk).head_name == "นายสมชาย ใจดี"


def test_the_divisions_page_reads_a_fixed_number_of_queries(demo, coordinator, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(coordinator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DIVISIONS).status_code == 200
        return len(captured)

    few = queries()
    for n in range(10):
        divisions_services.new_division(actor=coordinator, agency=demo, name=f"กองที่ {n}")
    assert queries() == few
