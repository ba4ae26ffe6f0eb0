"""The agency-year list's "need" and "my divisions" filters are counted by the database:
they page like the other filters, keep a fixed query count, and pick the same measures as
the home page's rule (MeasureRow.is_overdue / is_stale)."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prongsai.agencies.models import Membership
from prongsai.measures import selectors
from prongsai.measures.models import Measure, Status, StatusUpdate, StatusWithdrawal

YEAR = 2570
URL = reverse("agency_year", args=["ummao", YEAR])
COUNT = 240


def add_measures(agency, actor, today):
    """COUNT measures: every other one past its follow-up date; a third done, a sixth
    reported on lately, a sixth reported on long ago, a third never; every seventh with a
    later "done" that was withdrawn (so it does not count)."""
    divisions = list(agency.divisions.all())
    due = {0: today - dt.timedelta(days=1), 1: today + dt.timedelta(days=5), 2: None}
    measures = Measure.objects.bulk_create(
        Measure(
            agency=agency,
            fiscal_year=YEAR,
            number=i + 1,
            title=f"มาตรการ {i + 1}",
            due_date=today - dt.timedelta(days=1) if i % 2 == 0 else due[i % 3],
        )
        for i in range(COUNT)
    )
    through = Measure.divisions.through
    through.objects.bulk_create(
        through(measure_id=m.pk, division_id=d.pk)
        for i, m in enumerate(measures)
        for d in divisions[i % 4 : i % 4 + 2]
    )
    reports = []
    for i, m in enumerate(measures):
        if i % 3 == 0:
            reports.append((m, Status.DONE, today - dt.timedelta(days=40)))
        elif i % 6 == 1:
            reports.append((m, Status.IN_PROGRESS, today - dt.timedelta(days=40)))
        elif i % 6 == 4:
            reports.append((m, Status.NOT_STARTED, today - dt.timedelta(days=5)))
    StatusUpdate.objects.bulk_create(
        StatusUpdate(measure=m, status=s, reported_on=on, created_by=actor) for m, s, on in reports
    )
    withdrawn = StatusUpdate.objects.bulk_create(
        StatusUpdate(measure=m, status=Status.DONE, reported_on=today, created_by=actor)
        for i, m in enumerate(measures)
        if i % 7 == 0 and i % 3 != 0
    )
    StatusWithdrawal.objects.bulk_create(
        StatusWithdrawal(update=u, reason="กดผิด", withdrawn_by=actor) for u in withdrawn
    )
    return {u.measure_id for u in withdrawn}


def listed(client, query):
    """Every page of the list for `query`: the measures' pks, and each page's queries."""
    pks, queries, page = [], [], 1
    while True:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, {**query, "page": str(page)}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        listing = response.context["listing"]
        assert len(listing.rows) <= selectors.PAGE_SIZE
        pks += [row.pk for row in listing.rows]
        queries.append(len(ctx.captured_queries))
        if listing.next is None:
            return pks, queries, response.context
        for link in response.context["pages"].values():
            # the page links keep the filters
            assert all(f"{key}={value}" in link for key, value in query.items()), link
        page = listing.next


def test_need_and_my_divisions_page_in_the_database(demo, reporter_chang, as_user):
    today = timezone.localdate()
    withdrawn = add_measures(demo, reporter_chang, today)
    mine = frozenset(
        Membership.objects.get(user=reporter_chang, agency=demo).divisions.values_list(
            "pk", flat=True
        )
    )
    assert mine
    rows = selectors.year_needs({demo.pk: YEAR})[demo.pk].measures
    overdue = [r.pk for r in rows if r.is_overdue(today)]
    stale_mine = [r.pk for r in rows if r.is_stale(today) and r.division_ids & mine]
    overdue_mine = [r.pk for r in rows if r.is_overdue(today) and r.division_ids & mine]
    assert len(overdue) > selectors.PAGE_SIZE and len(stale_mine) > selectors.PAGE_SIZE
    assert 0 < len(overdue_mine) < len(overdue)
    # a withdrawn "done" leaves the measure overdue
    assert withdrawn & set(overdue)

    client = as_user(reporter_chang)
    everything, base_queries, _ = listed(client, {})
    assert len(everything) == COUNT
    for query, expected in (
        ({"need": "overdue"}, overdue),
        ({"division": "mine", "need": "stale"}, stale_mine),
        ({"division": "mine", "need": "overdue"}, overdue_mine),
    ):
        pks, queries, context = listed(client, query)
        assert pks == expected, query  # in number order, each once, across the pages
        assert set(queries) == set(base_queries), query
        assert context["filters"] == {"status": "", "division": "", "need": "", **query}
    # stale: a report more than 30 days old, or none; done measures never
    assert not {r.pk for r in rows if r.status == Status.DONE} & set(stale_mine)
