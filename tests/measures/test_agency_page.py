"""The agency-year page stays as fast with 600 measures as with 60: one page of the list,
summaries counted by the database; filters and page links keep each other."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.pending_catalogue import in_english

from prongsai.measures import selectors
from prongsai.measures.models import Measure, Status, StatusUpdate

YEAR = 2570
URL = reverse("agency_year", args=["ummao", YEAR])


def pattern(i):
    """Measure i's reports: none for every fourth; a second, later one for some."""
    if i % 4 == 3:
        return []
    first = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE)[i % 3]
    return [first, Status.DONE] if i % 5 == 0 else [first]


def add_measures(agency, actor, first, last):
    """Measures first+1 … last of the year, with two divisions each and the reports of
    `pattern` (written in bulk: these tests are about reading them)."""
    divisions = list(agency.divisions.all())
    measures = Measure.objects.bulk_create(
        Measure(agency=agency, fiscal_year=YEAR, number=i + 1, title=f"มาตรการทดสอบ {i + 1}")
        for i in range(first, last)
    )
    through = Measure.divisions.through
    through.objects.bulk_create(
        through(measure_id=m.pk, division_id=d.pk)
        for i, m in zip(range(first, last), measures, strict=True)
        for d in divisions[i % 4 : i % 4 + 2]
    )
    StatusUpdate.objects.bulk_create(
        StatusUpdate(measure=m, status=s, reported_on=dt.date(2027, 1, 1 + k), created_by=actor)
        for i, m in zip(range(first, last), measures, strict=True)
        for k, s in enumerate(pattern(i))
    )
    # Written without the services, so without the audit event that would give the agency's
    # data a new version: the page bodies cached for the old version go by hand.
    cache.clear()


def expected_counts(n):
    latest = [pattern(i)[-1] if pattern(i) else None for i in range(n)]
    return {s: latest.count(s) for s in (*Status.values, None)}


def get(client, query=None, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, query or {}, **headers)
    assert response.status_code == 200
    return response, ctx.captured_queries


def main(response):
    """The page without its header (whose forms carry a fresh CSRF token each time)."""
    html = response.content.decode()
    return html[html.index('<main id="main"') :]


def table_rows(html):
    table = html[html.index('<div id="measure-table">') :]
    table = table[table.index("<tbody>") : table.index("</tbody>")]
    return re.findall(r'<a href="/a/ummao/m/(\d+)/">', table)


def test_query_count_and_rows_do_not_grow_from_60_to_600_measures(demo, coordinator, as_user):
    client = as_user(coordinator)
    seen = {}
    for first, last in ((0, 60), (60, 600)):
        add_measures(demo, coordinator, first, last)
        page, page_queries = get(client)
        fragment, fragment_queries = get(client, HTTP_HX_REQUEST="true")
        html = page.content.decode()
        seen[last] = (
            len(page_queries),
            len(table_rows(html)),
            len(fragment_queries),
            len(table_rows(fragment.content.decode())),
        )
        # Only the page's own rows are read: the one query that reads measures' titles
        # is limited to a page, the summaries are counted by the database.
        reads = [q["sql"] for q in page_queries if '"measures_measure"."title"' in q["sql"]]
        assert len(reads) == 1 and f"LIMIT {selectors.PAGE_SIZE}" in reads[0]
        # The summaries still cover every measure.
        counts = expected_counts(last)
        assert page.context["total"] == last
        assert {c.value: c.count for c in page.context["counts"]} == {
            s: counts[s] for s in Status.values
        }
        assert page.context["no_status"] == counts[None]
        progress = page.context["progress"]
        assert sum(row.total for row in progress) == 2 * last - last // 4  # 1 division at i%4==3
        divisions = list(demo.divisions.all())
        assert sum(row.done for row in progress) == sum(
            len(divisions[i % 4 : i % 4 + 2])
            for i in range(last)
            if pattern(i) and pattern(i)[-1] == Status.DONE
        )
        assert f"มาตรการที่ 1–50 จาก {last} รายการ" in html
    assert seen[60] == seen[600]
    assert seen[600][1] == seen[600][3] == selectors.PAGE_SIZE


def test_each_page_shows_its_measures_and_bad_page_numbers_are_harmless(demo, coordinator, as_user):
    add_measures(demo, coordinator, 0, 120)
    client = as_user(coordinator)
    numbers = {}
    for page in ("1", "2", "3"):
        response, _ = get(client, {"page": page})
        pks = table_rows(response.content.decode())
        numbers[page] = sorted(Measure.objects.get(pk=pk).number for pk in pks)
    assert numbers["1"] == list(range(1, 51)) and numbers["2"] == list(range(51, 101))
    assert numbers["3"] == list(range(101, 121))
    for odd, shown in (("abc", 1), ("0", 3), ("-4", 3), ("999999999999999999999", 3)):
        # Django's paginator: not a number → the first page; out of range → the last.
        response, _ = get(client, {"page": odd})
        assert response.context["listing"].number == shown, odd


def links(html):
    found = re.findall(r'<nav class="pager".*?</nav>', html, re.S)
    assert len(found) == 1
    return {
        m.group(2): m.group(1)
        for m in re.finditer(
            r'<a href="([^"]+)" hx-get="\1"[^>]*>[^<]*?(หน้าแรก|ก่อนหน้า|ถัดไป|หน้าสุดท้าย)', found[0]
        )
    }


def query_of(link):
    parts = urlsplit(link.replace("&amp;", "&"))
    assert parts.path == URL
    return {k: v[0] for k, v in parse_qs(parts.query).items()}


def test_filters_and_page_links_keep_each_other(demo, coordinator, as_user):
    add_measures(demo, coordinator, 0, 600)
    client = as_user(coordinator)
    division = demo.divisions.get(name="กองคลัง")
    filters = {"division": str(division.pk), "status": "done"}
    matching = Measure.objects.filter(agency=demo, fiscal_year=YEAR, divisions=division)
    matching = [
        m
        for m in matching.with_current_status().order_by("number")
        if m.current_status == Status.DONE
    ]
    assert len(matching) > 2 * selectors.PAGE_SIZE  # three pages at least

    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response, _ = get(client, {**filters, "page": "2"}, **headers)
        html = response.content.decode()
        assert ("<html" in html) is not bool(headers)
        listing = response.context["listing"]
        assert listing.number == 2 and listing.count == len(matching)
        shown = [int(pk) for pk in table_rows(html)]
        assert shown == [m.pk for m in matching[50:100]]
        pager = links(html)
        assert set(pager) == {"หน้าแรก", "ก่อนหน้า", "ถัดไป", "หน้าสุดท้าย"}
        assert query_of(pager["หน้าแรก"]) == filters
        assert query_of(pager["ก่อนหน้า"]) == filters
        assert query_of(pager["ถัดไป"]) == {**filters, "page": "3"}
        assert query_of(pager["หน้าสุดท้าย"]) == {**filters, "page": str(listing.num_pages)}
        # Following a page link keeps the filters on the page it leads to.
        following, _ = get(client, query_of(pager["ถัดไป"]), **headers)
        assert following.context["filters"] == {**filters, "need": ""}
        assert following.context["listing"].number == 3

    # The whole page's filter form shows the filters and carries no page number, so that
    # changing a filter starts again at its first page.
    html = get(client, {**filters, "page": "2"})[0].content.decode()
    form = html[html.index('<form method="get" class="filters"') :]
    form = form[: form.index("</form>")]
    assert f'<option value="{division.pk}" selected>' in form
    assert '<option value="done" selected>' in form
    assert 'name="page"' not in form


def test_unknown_filter_values_are_ignored(demo, coordinator, as_user):
    add_measures(demo, coordinator, 0, 60)
    client = as_user(coordinator)
    unfiltered = main(get(client)[0])
    assert "มาตรการที่ 1–50 จาก 60 รายการ" in unfiltered
    for n, query in enumerate(
        (
            {"division": "abc", "status": "nonsense"},
            {"division": "9" * 30},
            {"status": "'; DROP TABLE x"},
            {"need": "everything", "division": "mine2"},
        )
    ):
        if n == 0:
            cache.clear()  # rendered anew once; the others may come from the cache
        response, _ = get(client, query)
        # the same page as without filters
        assert main(response) == unfiltered, query
    response, _ = get(client, {"status": "none"})
    assert response.context["listing"].count == expected_counts(60)[None]


def test_the_list_alone_for_htmx_but_the_whole_page_to_restore_history(demo, coordinator, as_user):
    add_measures(demo, coordinator, 0, 60)
    client = as_user(coordinator)
    fragment, _ = get(client, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]
    restored, _ = get(
        client, {"page": "2"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restored.content.decode() and restored.context["listing"].number == 2
    page, _ = get(client)
    assert "HX-Request" in page["Vary"]


@pytest.mark.parametrize("count", [0, 50])
def test_no_pager_when_one_page_holds_everything(demo, coordinator, as_user, count):
    add_measures(demo, coordinator, 0, count)
    html = get(as_user(coordinator))[0].content.decode()
    assert 'class="pager"' not in html
    if count:
        assert len(table_rows(html)) == count
    else:
        # a year without measures shows how to start it instead of an empty table
        assert 'id="start-year"' in html and "ไม่มีมาตรการตามเงื่อนไขนี้" not in html
        filtered = get(as_user(coordinator), {"status": "done"})[0].content.decode()
        assert 'class="pager"' not in filtered and "ไม่มีมาตรการตามเงื่อนไขนี้" in filtered


def test_the_pager_in_english(demo, coordinator, as_user):
    add_measures(demo, coordinator, 0, 120)
    client = as_user(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with in_english():
        html = client.get(URL, {"page": "2"}).content.decode()
    assert "Measures 51–100 of 120" in html and "Page 2 of 3" in html
    assert "First page" in html and "Last page" in html
    assert "หน้าแรก" not in html and "จาก" not in html
