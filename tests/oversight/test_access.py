"""Oversight scopes: the nation sees everything, a province only itself, a district only
itself; nothing outside a scope exists (404); the agency view is read-only."""

import pytest

from tests.conftest import client_for


def status(user, url):
    return client_for(user).get(url).status_code


@pytest.mark.parametrize(
    "url",
    ["/o/2565/", "/o/2565/46/", "/o/2565/64/", "/o/2565/46/4607/", "/o/2565/64/6406/",
     "/o/2565/a/ummao/", "/o/2565/a/samruean/"],
)  # fmt: skip
def test_the_national_scope_sees_every_place(demo, other_agency, national, url):
    assert status(national, url) == 200


@pytest.mark.parametrize(
    ("url", "code"),
    [("/o/2565/", 404), ("/o/2565/46/", 200), ("/o/2565/64/", 404), ("/o/2565/46/4607/", 200),
     ("/o/2565/46/4601/", 200), ("/o/2565/64/6406/", 404), ("/o/2565/a/ummao/", 200),
     ("/o/2565/a/samruean/", 404)],
)  # fmt: skip
def test_a_province_scope_sees_only_its_province(demo, other_agency, kalasin, url, code):
    assert status(kalasin, url) == code


@pytest.mark.parametrize(
    ("url", "code"),
    [("/o/2565/", 404), ("/o/2565/46/", 404), ("/o/2565/46/4607/", 200), ("/o/2565/46/4601/", 404),
     ("/o/2565/64/6406/", 404), ("/o/2565/a/ummao/", 200), ("/o/2565/a/samruean/", 404)],
)  # fmt: skip
def test_a_district_scope_sees_only_its_district(demo, other_agency, yang_talat, url, code):
    assert status(yang_talat, url) == code


def test_a_district_outside_its_province_is_no_page(demo, national):
    assert status(national, "/o/2565/46/6406/") == 404
    assert status(national, "/o/2565/a/nobody/") == 404


def test_members_operators_and_visitors_see_no_oversight_page(demo, coordinator, client):
    assert status(coordinator, "/o/2565/") == 404
    assert status(coordinator, "/o/2565/46/") == 404
    assert status(coordinator, "/o/2565/a/ummao/") == 404
    response = client.get("/o/2565/46/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_agency_view_reads_and_offers_no_action(demo, kalasin, coordinator):
    from prongsai.measures.models import Measure
    from prongsai.measures.services import report_status

    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    report_status(actor=coordinator, measure=measure, status="done", links=["https://e.org/x"])
    response = client_for(kalasin).get("/o/2565/a/ummao/")
    body = response.content.decode()
    assert measure.title[:40] in body
    assert "ดำเนินการเสร็จเรียบร้อยแล้ว" in body
    # no links into the agency's own pages: no edit, evidence, memo or complaint
    assert 'href="/a/' not in body and "<form" not in body.split("</header>")[-1]


def test_an_overseer_lands_on_the_page_of_their_scope(demo, kalasin, yang_talat, national):
    from django.utils import timezone

    from prongsai.thai.dates import fiscal_year_of

    year = fiscal_year_of(timezone.localdate())
    assert client_for(kalasin).get("/")["Location"] == f"/o/{year}/46/"
    assert client_for(yang_talat).get("/")["Location"] == f"/o/{year}/46/4607/"
    assert client_for(national).get("/")["Location"] == f"/o/{year}/"


def test_a_member_who_also_oversees_gets_a_card(demo, coordinator):
    from prongsai.agencies.models import SiteAccess, SiteRole

    SiteAccess.objects.create(user=coordinator, role=SiteRole.OVERSIGHT, scope_code="46")
    response = client_for(coordinator).get("/")
    assert response.status_code == 200
    assert 'id="home-oversight"' in response.content.decode()


def test_agencies_without_a_place_show_only_nationally(national, kalasin):
    from prongsai.agencies.models import Agency, AgencyKind

    Agency.objects.create(
        name="หน่วยงานไม่ระบุที่ตั้ง", kind=AgencyKind.GOVERNMENT, province="", head_title="อธิบดี",
        slug="nowhere",
    )  # fmt: skip
    body = client_for(national).get("/o/2565/").content.decode()
    assert "ไม่ระบุที่ตั้ง" in body
    assert status(national, "/o/2565/a/nowhere/") == 200
    assert status(kalasin, "/o/2565/a/nowhere/") == 404
