"""The oversight pages' bodies are kept per version of their provinces' data: a change made
through any service shows on the next view exactly as an uncached render shows it, and a
kept body never reaches a scope, language, day or query it was not rendered for."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prongsai.agencies import versions as place_versions
from prongsai.agencies.access import Scope
from prongsai.measures import services
from prongsai.measures.models import Measure, Status
from prongsai.oversight import page_cache, selectors
from prongsai.registry.services import check_agency, register_agency
from tests.conftest import client_for

YEAR = 2565
NATIONAL = reverse("oversight:national", args=[YEAR])
KALASIN = reverse("oversight:province", args=[YEAR, "46"])
YANG_TALAT = reverse("oversight:district", args=[YEAR, "46", "4607"])


def body(response):
    """The page between its header and the export form (both carry a fresh CSRF token)."""
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index('id="export-job"')]


def forget():
    """Empty the shared cache and this process's copies of the bodies."""
    cache.clear()
    page_cache.BODIES.clear()


@pytest.fixture(autouse=True)
def _nothing_kept():
    forget()


def uncached(client, url, **query):
    forget()
    return body(client.get(url, query))


@pytest.mark.parametrize("url", [NATIONAL, KALASIN, YANG_TALAT])
def test_a_kept_body_is_used_and_a_change_shows_on_the_next_view(demo, coordinator, national, url):
    client = client_for(national)
    first = body(client.get(url))
    with CaptureQueriesContext(connection) as second_view:
        assert body(client.get(url)) == first
    with CaptureQueriesContext(connection) as fresh_view:
        assert uncached(client, url) == first
    # the kept body spares the figures' queries
    assert len(second_view) < len(fresh_view) - 4
    measure = Measure.objects.filter(agency=demo, fiscal_year=YEAR).order_by("number").first()
    services.report_status(actor=coordinator, measure=measure, status=Status.DONE)
    body(client.get(url))  # kept again, under the new version
    after = body(client.get(url))
    assert after != first
    assert after == uncached(client, url)


def test_a_write_gives_only_its_own_province_a_new_version(demo, coordinator):
    kalasin = place_versions.province_token("46")
    assert kalasin  # the demo was written through the services
    spec = check_agency(slug="thot-sop", name="เทศบาลตำบลทดสอบ", subdistrict_code="100101")
    register_agency(actor=None, spec=spec)
    bangkok = place_versions.province_token("10")
    assert bangkok and place_versions.province_token("46") == kalasin
    measure = Measure.objects.filter(agency=demo, fiscal_year=YEAR).first()
    services.report_status(actor=coordinator, measure=measure, status=Status.IN_PROGRESS)
    assert place_versions.province_token("46") != kalasin
    assert place_versions.province_token("10") == bangkok


def test_each_scope_gets_its_own_body(demo, national, kalasin):
    assert f'href="{NATIONAL}"' in body(client_for(national).get(KALASIN))
    # the national reader's body of the province page is kept; the province's own reader
    # must not get its link to the national page
    province_view = body(client_for(kalasin).get(KALASIN))
    assert f'href="{NATIONAL}"' not in province_view
    assert province_view == uncached(client_for(kalasin), KALASIN)


def test_each_language_gets_its_own_body(demo, national):
    client = client_for(national)
    thai = body(client.get(NATIONAL))
    client.post(reverse("set_language"), {"language": "en", "next": NATIONAL})
    english = body(client.get(NATIONAL))
    assert "ทั้งประเทศ" in thai and "ทั้งประเทศ" not in english
    assert english == uncached(client, NATIONAL)


@pytest.mark.parametrize(
    "query", [{"kind": "sao"}, {"measures": "no"}, {"sort": "-agencies"}, {"rows": "agencies"}]
)
def test_each_query_gets_its_own_body(demo, national, query):
    client = client_for(national)
    body(client.get(KALASIN))
    assert body(client.get(KALASIN, query)) == uncached(client, KALASIN, **query)


def test_the_key_follows_the_day_and_ignores_unknown_query(demo, national, monkeypatch):
    place = Scope(province_code="46")
    today = page_cache.body_key(QueryDict(""), YEAR, place, Scope())
    assert page_cache.body_key(QueryDict("utm=1"), YEAR, place, Scope()) == today
    assert page_cache.body_key(QueryDict("kind=nonsense"), YEAR, place, Scope()) == today
    monkeypatch.setattr(
        page_cache.timezone, "localdate", lambda: dt.date.today() + dt.timedelta(days=1)
    )
    assert page_cache.body_key(QueryDict(""), YEAR, place, Scope()) != today


def test_a_place_without_a_version_is_not_kept(db):
    assert page_cache.body_key(QueryDict(""), YEAR, Scope(province_code="46"), Scope()) is None
    assert page_cache.body_key(QueryDict(""), YEAR, Scope(), Scope()) is None


def spy_on_table(monkeypatch, field):
    """The values of `field` among the agencies of each call of selectors.table (the
    figures counted), in order."""
    calls: list[set[str]] = []
    real_table = selectors.table

    def spy(agencies, *args, **kwargs):
        calls.append(set(agencies.values_list(field, flat=True)))
        return real_table(agencies, *args, **kwargs)

    monkeypatch.setattr(selectors, "table", spy)
    return calls


@pytest.fixture
def counted(monkeypatch):
    return spy_on_table(monkeypatch, "province_code")


@pytest.fixture
def district_spy(monkeypatch):
    return spy_on_table(monkeypatch, "district_code")


def test_the_national_page_counts_again_only_the_province_written_to(
    demo, coordinator, national, counted
):
    spec = check_agency(slug="thot-sop", name="เทศบาลตำบลทดสอบ", subdistrict_code="100101")
    register_agency(actor=None, spec=spec)
    client = client_for(national)
    client.get(NATIONAL)
    assert counted == [{"10", "46"}]
    measure = Measure.objects.filter(agency=demo, fiscal_year=YEAR).first()
    services.report_status(actor=coordinator, measure=measure, status=Status.DONE)
    after = body(client.get(NATIONAL))
    assert counted[1:] == [{"46"}]
    forget()
    assert body(client.get(NATIONAL)) == after
    assert counted[2:] == [{"10", "46"}]


def test_provinces_without_a_version_are_counted_on_every_view(demo, national, counted):
    from prongsai.core.models import DataVersion

    DataVersion.objects.filter(key=place_versions.province_key("46")).delete()
    assert page_cache.body_key(QueryDict(""), YEAR, Scope(province_code="46"), Scope()) is None
    spec = check_agency(slug="thot-sop", name="เทศบาลตำบลทดสอบ", subdistrict_code="100101")
    register_agency(actor=None, spec=spec)  # Bangkok has a version, the page a key
    client = client_for(national)
    first = body(client.get(NATIONAL))
    assert "กาฬสินธุ์" in first
    national_key = page_cache.body_key(QueryDict(""), YEAR, Scope(), Scope())
    cache.delete(national_key)
    page_cache.BODIES.clear()
    assert body(client.get(NATIONAL)) == first
    assert counted == [{"10", "46"}, {"46"}]


def test_a_body_kept_in_this_process_is_the_shared_one(demo, national):
    """The process's own copies are looked up by the same key (its versions), so a copy can
    never outlive a write; and they stay within their bounds."""
    from prongsai.core.local_cache import LocalCache

    client = client_for(national)
    first = body(client.get(KALASIN))
    key = page_cache.body_key(QueryDict(""), YEAR, Scope(province_code="46"), Scope())
    assert page_cache.BODIES.get(key) == cache.get(key)
    cache.clear()  # another server's cache emptied: this process still answers the same
    assert body(client.get(KALASIN)) == first
    small = LocalCache(max_entries=2, max_bytes=10)
    small.set("a", "12345")
    small.set("b", "12345")
    small.get("a")
    small.set("c", "1")  # over 10 bytes: the least recently used ("b") goes
    assert (small.get("a"), small.get("b"), small.get("c")) == ("12345", None, "1")
    small.set("d", "x" * 11)  # larger than the whole cache: not kept
    assert small.get("d") is None


def test_a_province_page_counts_again_only_the_district_written_to(
    demo, coordinator, national, district_spy
):
    spec = check_agency(slug="mueang", name="เทศบาลตำบลทดสอบ", subdistrict_code="460101")
    register_agency(actor=None, spec=spec)  # Kalasin's Mueang district, beside Yang Talat
    client = client_for(national)
    first = body(client.get(KALASIN))
    # the districts' lines, then their agencies' lines: both districts counted once
    assert district_spy == [{"4601", "4607"}, {"4601", "4607"}]
    measure = Measure.objects.filter(agency=demo, fiscal_year=YEAR).first()
    services.report_status(actor=coordinator, measure=measure, status=Status.DONE)
    after = body(client.get(KALASIN))
    assert district_spy[2:] == [{"4607"}, {"4607"}]
    assert after != first and after == uncached(client, KALASIN)


def test_a_district_page_is_kept_across_writes_in_other_districts(demo, national):
    spec = check_agency(slug="mueang", name="เทศบาลตำบลทดสอบ", subdistrict_code="460101")
    mueang = register_agency(actor=None, spec=spec)
    district = Scope(province_code="46", district_code="4607")
    before = page_cache.body_key(QueryDict(""), YEAR, district, Scope())
    province = page_cache.body_key(QueryDict(""), YEAR, Scope(province_code="46"), Scope())
    from django.db import transaction

    with transaction.atomic():
        place_versions.changed([(mueang.province_code, mueang.district_code)])
    assert page_cache.body_key(QueryDict(""), YEAR, district, Scope()) == before
    assert page_cache.body_key(QueryDict(""), YEAR, Scope(province_code="46"), Scope()) != province


def test_figures_kept_by_another_version_are_counted_again(demo, national, monkeypatch):
    """The shared cache outlives a deployment: what an older prongsai kept there (a class
    that no longer exists) must not break the page, and nothing of ours is pickled."""
    from prongsai.oversight import kept

    client = client_for(national)
    first = body(client.get(KALASIN))
    page_cache.BODIES.clear()
    kept_keys = []
    real_set_many = cache.set_many

    def spy_set_many(data, *args, **kwargs):
        kept_keys.extend(data)
        return real_set_many(data, *args, **kwargs)

    def unreadable(keys, *args, **kwargs):
        raise ModuleNotFoundError("No module named 'prongsai.oversight.by_province'")

    monkeypatch.setattr(cache, "get_many", unreadable)
    monkeypatch.setattr(cache, "set_many", spy_set_many)
    cache.delete(page_cache.body_key(QueryDict(""), YEAR, Scope(province_code="46"), Scope()))
    assert body(client.get(KALASIN)) == first
    monkeypatch.undo()
    assert kept_keys  # the figures counted again were kept, as plain data
    for value in cache.get_many(kept_keys).values():
        assert not any(type(v).__module__.startswith("prongsai") for v in _walk(value)), value
    assert kept.SHAPE >= 2


def _walk(value):
    yield value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(k)
            yield from _walk(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _walk(v)
