"""The carry-over page (/a/<slug>/<year>/carry-over/), the empty year's link to it, a
measure's link to the year it came from and went to, and the year each role lands on."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from prongsai.assessments.services import record_result
from prongsai.demo.agency import PASSWORD
from prongsai.measures import services
from prongsai.measures.models import Measure, StatusUpdate
from prongsai.thai.dates import fiscal_year_of

YEAR = fiscal_year_of(timezone.localdate())
URL = f"/a/ummao/{YEAR}/carry-over/"


def measure(demo, number, year=2565):
    return Measure.objects.get(agency=demo, fiscal_year=year, number=number)


def checkbox(html: str, pk: int) -> str:
    found = re.search(rf'<input type="checkbox" name="measures" value="{pk}"[^>]*>', html)
    assert found, pk
    return found.group(0)


def test_the_unfinished_measures_are_ticked(demo, coordinator, as_user):
    response = as_user(coordinator).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"ยกมาตรการมาปีงบประมาณ {YEAR}" in html
    # 1, 2 and 5 are in progress; 3, 4 and 6 are done
    for number in (1, 2, 5):
        assert " checked" in checkbox(html, measure(demo, number).pk), number
    for number in (3, 4, 6):
        box = checkbox(html, measure(demo, number).pk)
        assert " checked" not in box and " disabled" not in box, number
    # each row shows its status and divisions
    row = html.split(f'id="carry-{measure(demo, 3).pk}"', 1)[1].split("</tr>", 1)[0]
    assert "ดำเนินการเสร็จเรียบร้อยแล้ว" in row and "กองคลัง" in row
    assert 'name="csrfmiddlewaretoken"' in html


def test_carrying_over_redirects_to_the_new_year(demo, coordinator, as_user):
    client = as_user(coordinator)
    chosen = [measure(demo, n).pk for n in (1, 5)]
    response = client.post(URL + "?from=2565", {"measures": chosen})
    assert response.status_code == 302 and response["Location"] == f"/a/ummao/{YEAR}/"
    carried = Measure.objects.filter(agency=demo, fiscal_year=YEAR).order_by("number")
    assert [m.carried_from_id for m in carried] == chosen
    assert {u.status for u in StatusUpdate.objects.filter(measure__in=carried)} == {"not_started"}
    page = client.get(response["Location"]).content.decode()
    assert f"ยกมาตรการ 2 รายการจากปี 2565 มาปี {YEAR} แล้ว" in page
    assert page.count("ยังไม่ดำเนินการ</span>") >= 2
    # a reload of the form page now shows them carried, with a link, and not to be chosen
    html = client.get(URL).content.decode()
    assert " disabled" in checkbox(html, chosen[0])
    assert f"ยกไปแล้ว: มาตรการที่ 1 ของปี {YEAR}" in html
    assert f'href="/a/ummao/m/{carried[0].pk}/"' in html
    # posting the same again is refused and changes nothing
    again = client.post(URL, {"measures": chosen[:1]})
    assert again.status_code == 400
    assert "มาตรการที่เลือกยกไปไม่ได้" in again.content.decode()
    assert Measure.objects.filter(agency=demo, fiscal_year=YEAR).count() == 2


def test_nothing_ticked_or_a_stranger_measure_is_refused(demo, coordinator, as_user, other_agency):
    client = as_user(coordinator)
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "เลือกมาตรการที่จะยกไปอย่างน้อยหนึ่งรายการ" in response.content.decode()
    theirs = services.create_measure(
        actor="test",
        agency=other_agency,
        fiscal_year=2565,
        title="มาตรการของหน่วยงานอื่น",
        steps=["ขั้นตอน"],
        divisions=list(other_agency.divisions.all()),
    )
    response = client.post(URL, {"measures": [measure(demo, 1).pk, theirs.pk]})
    assert response.status_code == 400
    response = client.post(URL, {"measures": ["x"]})
    assert response.status_code == 400
    assert not Measure.objects.filter(fiscal_year=YEAR).exists()


def test_an_earlier_year_can_be_chosen(demo, coordinator, as_user):
    newer = services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2566,
        title="มาตรการของปี 2566",
        steps=["ขั้นตอน"],
        divisions=list(demo.divisions.all()[:1]),
    )
    client = as_user(coordinator)
    html = client.get(URL).content.decode()  # the latest earlier year first
    assert "มาตรการของปี 2566" in html and f'value="{measure(demo, 1).pk}"' not in html
    assert '<option value="2565">' in html
    html = client.get(URL, {"from": "2565"}).content.decode()
    assert f'value="{measure(demo, 1).pk}"' in html and f'value="{newer.pk}"' not in html
    # a year without measures, or not a year, falls back to the latest
    for asked in ("2560", "abc", str(YEAR)):
        html = client.get(URL, {"from": asked}).content.decode()
        assert f'value="{newer.pk}"' in html, asked
    # the measures of the year asked for are the choices of the post
    response = client.post(URL + "?from=2565", {"measures": [newer.pk]})
    assert response.status_code == 400


def test_a_year_with_nothing_before_it(demo, coordinator, as_user):
    html = as_user(coordinator).get("/a/ummao/2565/carry-over/").content.decode()
    assert "ก่อนปี 2565 ยังไม่มีปีใดที่มีมาตรการให้ยกมา" in html
    assert 'href="/a/ummao/2565/import/"' in html and "<table" not in html


def test_no_further_than_the_next_year(demo, coordinator, as_user):
    client = as_user(coordinator)
    html = client.get(f"/a/ummao/{YEAR + 2}/carry-over/").content.decode()
    assert f"ยกมาตรการไปได้ถึงปีงบประมาณ {YEAR + 1} (ปีถัดไป) เท่านั้น" in html
    assert "<table" not in html
    response = client.post(f"/a/ummao/{YEAR + 2}/carry-over/", {"measures": [measure(demo, 1).pk]})
    assert response.status_code == 400
    assert not Measure.objects.filter(fiscal_year=YEAR + 2).exists()


def test_the_previous_years_ita_result_is_offered_as_the_basis(demo, coordinator, as_user):
    client = as_user(coordinator)
    html = client.get(URL).content.decode()
    assert f"ยังไม่ได้บันทึกผล ITA ปี {YEAR - 1}" in html
    assert f'href="/a/ummao/{YEAR - 1}/result/"' in html
    record_result(
        actor=coordinator,
        agency=demo,
        fiscal_year=YEAR - 1,
        published_total="87.25",
    )
    html = client.get(URL).content.decode()
    basis = html.split('id="analysis-basis"', 1)[1]
    assert f"ITA {YEAR - 1}: 87.25" in basis
    assert f'href="/a/ummao/{YEAR}/analysis/"' in basis


@pytest.mark.parametrize(
    ("persona", "code"),
    [("reporter_chang", 403), ("executive", 403), ("viewer", 403), ("outsider", 404)],
)
def test_only_the_coordinator_of_the_agency(demo, request, as_user, persona, code):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(URL).status_code == code
    assert client.post(URL, {"measures": [measure(demo, 1).pk]}).status_code == code
    assert not Measure.objects.filter(fiscal_year=YEAR).exists()


def test_anonymous_goes_to_log_in(demo, client):
    response = client.post(URL, {"measures": [measure(demo, 1).pk]})
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_post_without_the_csrf_token_is_refused(demo, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(URL, {"measures": [measure(demo, 1).pk]})
    assert response.status_code == 403
    assert not Measure.objects.filter(fiscal_year=YEAR).exists()


# --- the empty year, the measure pages ----------------------------------------------------


def test_the_empty_year_links_to_the_carry_over(demo, coordinator, viewer, as_user):
    html = as_user(coordinator).get(f"/a/ummao/{YEAR}/").content.decode()
    assert f'href="{URL}?from=2565" id="start-carry-over"' in html
    assert "ยกมาตรการของปี 2565 มาใช้ต่อ" in html and "ยังไม่เปิด" not in html
    assert f'href="/a/ummao/{YEAR}/import/"' in html
    assert f'href="/a/ummao/{YEAR}/measures/new/"' in html
    assert "carry-over" not in as_user(viewer).get(f"/a/ummao/{YEAR}/").content.decode()
    # nothing earlier to carry: no carry-over step
    empty_early = as_user(coordinator).get("/a/ummao/2560/").content.decode()
    assert 'id="start-year"' in empty_early and "carry-over" not in empty_early


def test_a_measure_links_to_where_it_came_from_and_went(demo, coordinator, viewer, as_user):
    source = measure(demo, 2)
    [carried] = services.carry_over(coordinator, demo, 2565, YEAR, [source.pk])
    client = as_user(viewer)
    html = client.get(f"/a/ummao/m/{carried.pk}/").content.decode()
    came = html.split('id="carried-from"', 1)[1].split("</li>", 1)[0]
    assert "ยกมาจากปี 2565" in came and f'href="/a/ummao/m/{source.pk}/"' in came
    html = client.get(f"/a/ummao/m/{source.pk}/").content.decode()
    went = html.split('class="carried-to"', 1)[1].split("</li>", 1)[0]
    assert f"ยกไปปี {YEAR}" in went and f'href="/a/ummao/m/{carried.pk}/"' in went
    plain = client.get(f"/a/ummao/m/{measure(demo, 3).pk}/").content.decode()
    assert "carried-from" not in plain and "carried-to" not in plain


# --- where each role lands after log-in ---------------------------------------------------

LANDING_ROLES = {
    "coordinator": "ummao-coordinator",
    "reporter": "ummao-reporter-chang",
    "executive": "ummao-executive",
    "viewer": "ummao-viewer",
}


def landing(username: str) -> str:
    """The page a person sees right after logging in."""
    client = Client()
    response = client.post("/login/", {"username": username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    return response.content.decode()


def card_years(html: str) -> set[str]:
    """The fiscal years the ummao card's links lead to."""
    card = html.split('id="home-ummao"', 1)[1].split("</section>", 1)[0]
    return set(re.findall(r'href="/a/ummao/(\d{4})/', card))


@pytest.mark.parametrize("role", LANDING_ROLES)
def test_each_role_lands_on_the_year_that_needs_them(demo, coordinator, role):
    username = LANDING_ROLES[role]
    # the current year has no measures: the latest year that has them
    html = landing(username)
    assert "ปีงบประมาณ 2565" in html
    years = card_years(html) - ({str(YEAR)} if role == "coordinator" else set())
    assert years == {"2565"}, years  # (the coordinator is also offered to start this year)
    # once measures are carried into the current year, everybody lands there
    services.carry_over(coordinator, demo, 2565, YEAR, [measure(demo, 1).pk])
    html = landing(username)
    assert f"ปีงบประมาณ {YEAR}" in html
    assert card_years(html) == {str(YEAR)}
    # and the year page's links to other years lead to both
    page = Client()
    page.post("/login/", {"username": username, "password": PASSWORD})
    year_page = page.get(f"/a/ummao/{YEAR}/").content.decode()
    assert 'href="/a/ummao/2565/"' in year_page


def test_the_page_reads_in_a_fixed_number_of_queries(
    demo, coordinator, as_user, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(coordinator)
    services.carry_over(coordinator, demo, 2565, YEAR, [measure(demo, 1).pk])
    with CaptureQueriesContext(connection) as before:
        assert client.get(URL).status_code == 200
    for n in range(5):
        services.create_measure(
            actor=coordinator,
            agency=demo,
            fiscal_year=2565,
            title=f"มาตรการเพิ่ม {n}",
            steps=["ขั้นตอน"],
            divisions=list(demo.divisions.all()),
        )
    services.carry_over(coordinator, demo, 2565, YEAR, [measure(demo, 7).pk])
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = client.get(URL).content.decode()
    assert html.count('name="measures"') == 11
