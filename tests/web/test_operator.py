"""The operator's pages: only site operators see them (404 for everybody else), agencies
are added by DOPA place, the first coordinator is invited and the link shown once."""

import pytest
from django.core import mail
from django.test import Client

from prongsai.agencies.models import Agency, Membership, Role
from prongsai.registry.invitations import usable_invitation
from prongsai.registry.services import create_agency


@pytest.fixture
def invite_urls(settings):
    settings.ROOT_URLCONF = "tests.registry.invite_urls"
    settings.SITE_URL = "https://prongsai.example.org"


PAGES = ["/operator/", "/operator/agencies/new/", "/operator/agencies/ummao/"]


def test_only_operators_see_the_operator_pages(demo, operator, coordinator, as_user):
    for url in PAGES:
        assert as_user(operator).get(url).status_code == 200, url
        assert as_user(coordinator).get(url).status_code == 404, url
        assert as_user(None).get(url)["Location"].startswith("/login/"), url
    assert as_user(coordinator).post("/operator/agencies/new/", {}).status_code == 404
    assert as_user(operator).get("/operator/agencies/nowhere/").status_code == 404


def test_an_operator_sees_no_agency_work_without_a_membership(demo, operator, as_user):
    client = as_user(operator)
    assert client.get("/a/ummao/2565/").status_code == 404
    assert client.get("/a/ummao/history/").status_code == 404
    home = client.get("/")
    assert home.status_code == 200
    assert b'href="/operator/"' in home.content
    assert "ยังไม่ได้เป็นสมาชิก".encode() not in home.content


def test_the_list_searches_and_counts_members(demo, other_agency, outsider, operator, as_user):
    page = as_user(operator).get("/operator/").content.decode()
    assert "เทศบาลตำบลอุ่มเม่า" in page and "องค์การบริหารส่วนตำบลสามเรือน" in page
    found = as_user(operator).get("/operator/", {"q": "สามเรือน"}).content.decode()
    assert "สามเรือน" in found and "อุ่มเม่า" not in found
    assert (
        as_user(operator)
        .get("/operator/", {"q": "สุโขทัย"})
        .content.decode()
        .count("/operator/agencies/samruean/")
        == 1
    )


def test_the_list_pages_by_fifty(operator, as_user):
    for i in range(51):
        create_agency(
            actor="test", slug=f"a{i:02d}", name=f"อบต.ทดสอบ{i:02d}", subdistrict_code="460703"
        )
    client = as_user(operator)
    first = client.get("/operator/").content.decode()
    assert first.count('href="/operator/agencies/a') == 50 and "หน้า 1 จาก 2" in first
    second = client.get("/operator/", {"page": 2}).content.decode()
    assert second.count('href="/operator/agencies/a') == 1


def test_an_operator_adds_an_agency_by_the_pickers(operator, as_user):
    client = as_user(operator)
    response = client.post(
        "/operator/agencies/new/",
        {
            "name": "อบต.สามเรือน",
            "province": "64",
            "district": "6406",
            "subdistrict": "640603",
            "document_number": "72401",
        },
    )
    agency = Agency.objects.get()
    assert response["Location"] == f"/operator/agencies/{agency.slug}/"
    assert agency.slug == "samruean" and agency.kind == "sao"
    assert agency.document_code == "สท ๗๒๔๐๑"
    page = client.get(response["Location"]).content.decode()
    assert "ตำบลสามเรือน อำเภอศรีสำโรง จังหวัดสุโขทัย" in page


def test_a_typed_code_wins_and_a_bad_one_is_named(operator, as_user):
    client = as_user(operator)
    bad = client.post(
        "/operator/agencies/new/", {"name": "เทศบาลตำบลอุ่มเม่า", "subdistrict_code": "469999"}
    )
    assert bad.status_code == 400 and "“469999”" in bad.content.decode()
    none = client.post("/operator/agencies/new/", {"name": "เทศบาลตำบลอุ่มเม่า"})
    assert "เลือกตำบลหรือพิมพ์รหัสตำบล" in none.content.decode()
    unknown = client.post(
        "/operator/agencies/new/", {"name": "สำนักงานอะไร", "subdistrict_code": "460703"}
    )
    assert "โปรดระบุประเภท" in unknown.content.decode()
    assert not Agency.objects.exists()
    good = client.post(
        "/operator/agencies/new/",
        {"name": "เทศบาลตำบลอุ่มเม่า", "subdistrict_code": "460703", "slug": "ummao"},
    )
    assert good["Location"] == "/operator/agencies/ummao/"
    again = client.post(
        "/operator/agencies/new/",
        {"name": "อบต.อุ่มเม่า", "subdistrict_code": "460703", "slug": "ummao"},
    )
    assert "“ummao” ถูกใช้แล้ว" in again.content.decode()
    assert Agency.objects.count() == 1


def test_the_pickers_follow_the_choice(demo, operator, as_user):
    client = as_user(operator)
    by_province = client.get("/operator/agencies/new/place/", {"province": "46"}).content.decode()
    assert 'value="4607"' in by_province and "ยางตลาด" in by_province
    assert 'value="460703"' not in by_province
    by_code = client.get(
        "/operator/agencies/new/place/",
        {"subdistrict_code": "460703", "name": "เทศบาลตำบลอุ่มเม่า", "province": "10"},
    ).content.decode()
    assert 'value="460703" selected' in by_code and 'value="4607" selected' in by_code
    # ummao is the demo's: the suggestion moves on to a free slug
    assert 'name="slug" id="id_slug" value="ummao-subdistrict-municipality"' in by_code
    kept = client.get(
        "/operator/agencies/new/place/",
        {"subdistrict_code": "460703", "name": "เทศบาลตำบลอุ่มเม่า", "slug": "mine"},
    ).content.decode()
    assert 'value="mine"' in kept


def test_the_first_coordinator_is_invited_and_the_link_shown_once(
    demo, other_agency, operator, invite_urls, as_user
):
    client = as_user(operator)
    response = client.post("/operator/agencies/samruean/", {"email": "First@Example.org"})
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="first@example.org")
    assert membership.agency == other_agency and membership.role == Role.COORDINATOR
    assert len(mail.outbox) == 1
    page = client.get("/operator/agencies/samruean/").content.decode()
    link = next(w for w in mail.outbox[0].body.split() if "/invite/" in w)
    assert link in page and "แสดงเพียงครั้งนี้ครั้งเดียว" in page
    assert usable_invitation(link.rstrip("/").rsplit("/", 1)[1]).user == membership.user
    assert link not in client.get("/operator/agencies/samruean/").content.decode()
    # the link never reached another agency's page
    assert "/invite/" not in client.get("/operator/agencies/ummao/").content.decode()


def test_the_invitation_form_is_csrf_protected(demo, operator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(operator)
    assert client.post("/operator/agencies/ummao/", {"email": "x@example.org"}).status_code == 403
    assert client.post("/operator/agencies/new/", {"name": "อบต.ก"}).status_code == 403
    page = client.get("/operator/agencies/ummao/").content.decode()
    assert page.count("csrfmiddlewaretoken") >= 2  # log-out and the invitation form
    assert not Membership.objects.filter(user__username="x@example.org").exists()


def test_a_bad_email_is_refused_on_the_form(demo, operator, as_user):
    response = as_user(operator).post("/operator/agencies/ummao/", {"email": "not-an-address"})
    assert response.status_code == 400
    already = as_user(operator).post("/operator/agencies/ummao/", {"email": "ummao-coordinator"})
    assert already.status_code == 400
