"""The agency-year page's body is cached per version of the agency's data: a change made
through a service shows at once, and a cached body never reaches someone it was not
rendered for (another agency, role, language, own-divisions filter)."""

from django.core.cache import cache
from django.urls import reverse

from prongsai.demo.agency import YEAR
from prongsai.measures import services
from prongsai.measures.models import Measure, Status

URL = reverse("agency_year", args=["ummao", YEAR])


def body(response):
    """The page below its header (whose forms carry a fresh CSRF token each time)."""
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<main id="main"') :]


def test_a_change_through_a_service_shows_on_the_next_view(demo, coordinator, as_user):
    client = as_user(coordinator)
    measure = Measure.objects.filter(agency=demo, fiscal_year=YEAR).order_by("number").first()
    before = body(client.get(URL))
    assert body(client.get(URL)) == before  # the second view is the cached body
    services.update_measure(
        actor=coordinator,
        measure=measure,
        expected_version=measure.version,
        title="ชื่อมาตรการที่แก้แล้ว",
    )
    after = body(client.get(URL))
    assert "ชื่อมาตรการที่แก้แล้ว" in after and "ชื่อมาตรการที่แก้แล้ว" not in before
    done_before = client.get(URL, {"status": Status.DONE}).content.decode().count("/a/ummao/m/")
    services.report_status(actor=coordinator, measure=measure, status=Status.DONE)
    done_after = client.get(URL, {"status": Status.DONE}).content.decode().count("/a/ummao/m/")
    assert done_after == done_before + 1


def test_the_body_holds_nothing_of_one_person(demo, coordinator, as_user):
    html = body(as_user(coordinator).get(URL))
    assert "csrfmiddlewaretoken" not in html
    assert coordinator.get_username() not in html


def test_each_role_gets_its_own_actions(demo, coordinator, executive, as_user):
    create = reverse("measure_create", args=["ummao", YEAR])
    assert create in body(as_user(coordinator).get(URL))
    # the coordinator's body is cached now; the executive (no divisions either) may not add
    assert create not in body(as_user(executive).get(URL))
    assert create in body(as_user(coordinator).get(URL))


def test_own_divisions_filter_is_each_reporters_own(demo, reporter_chang, reporter_palad, as_user):
    def listed(user):
        html = body(as_user(user).get(URL, {"division": "mine"}))
        return set(html.split('<div id="measure-table">')[1].split("/a/ummao/m/")[1:])

    def expected(user):
        divisions = user.memberships.get(agency=demo).divisions.all()
        return set(
            Measure.objects.filter(agency=demo, fiscal_year=YEAR, divisions__in=divisions)
            .values_list("pk", flat=True)
            .distinct()
        )

    for user in (reporter_chang, reporter_palad, reporter_chang):
        shown = {int(row.split("/")[0]) for row in listed(user)}
        assert shown == expected(user)
    assert expected(reporter_chang) != expected(reporter_palad)


def test_another_agency_never_gets_a_cached_body(demo, coordinator, outsider, as_user):
    assert demo.name in body(as_user(coordinator).get(URL))
    assert as_user(outsider).get(URL).status_code in (403, 404)
    own = reverse("agency_year", args=["samruean", YEAR])
    html = body(as_user(outsider).get(own))
    assert "สามเรือน" in html and demo.name not in html


def test_each_language_gets_its_own_body(demo, coordinator, as_user):
    client = as_user(coordinator)
    thai = body(client.get(URL))
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    english = body(client.get(URL))
    assert "มาตรการทั้งหมด" in thai and "มาตรการทั้งหมด" not in english
    cache.clear()
    assert body(client.get(URL)) == english
