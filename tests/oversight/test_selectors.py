"""Scopes, the months of a fiscal year, progress by month and the charts."""

import datetime as dt

from prongsai.agencies.access import Scope
from prongsai.agencies.models import Agency
from prongsai.measures.models import Measure
from prongsai.oversight import charts, selectors
from tests.oversight.factory import make_agencies


def test_a_scope_covers_what_lies_inside_it():
    assert Scope().covers("46") and Scope().covers("64", "6406")
    kalasin = Scope.of_code("46")
    assert kalasin.covers("46") and kalasin.covers("46", "4607") and not kalasin.covers("64")
    yang_talat = Scope.of_code("4607")
    assert yang_talat.province_code == "46" and yang_talat.covers("46", "4607")
    assert not yang_talat.covers("46") and not yang_talat.covers("46", "4601")


def test_the_months_of_a_fiscal_year_run_october_to_september():
    months = selectors.fiscal_months(2565)
    assert months[0] == dt.date(2021, 10, 1) and months[-1] == dt.date(2022, 9, 1)
    assert len(months) == 12


def test_progress_by_month_is_cumulative(db):
    agencies = make_agencies(0, 8)
    done = sum(
        m.current_status == "done"
        for m in Measure.objects.filter(agency__in=agencies).with_current_status()
    )
    progress = selectors.progress_by_month(Agency.objects.all(), 2565)
    # every update of the factory is reported on 1 March 2022, the sixth month
    assert [p.done for p in progress] == [0] * 5 + [done] * 7
    assert progress[0].total == 16
    svg = charts.month_chart(progress, title="<t>", empty_text="-")
    assert svg.startswith("<svg") and "&lt;t&gt;" in svg and "<t>" not in svg


def test_the_distribution_chart_draws_a_bar_per_place_with_results(db):
    make_agencies(10, 10)
    rules = selectors.year_rules(2565)
    rows = selectors.table(
        Agency.objects.all(), 2565, selectors.BY_DISTRICT, dt.date(2022, 6, 1), rules
    )
    for row in rows.values():
        row.name = f"<{row.code}>"
    assert sum(sum(r.bins) for r in rows.values()) == 8  # every entered total in one bin
    svg = charts.distribution_chart(list(rows.values()), title="ITA", threshold=85, empty_text="-")
    assert "&lt;4601&gt;" in svg and "&lt;4607&gt;" in svg and "<rect" in svg
    empty = charts.distribution_chart([], title="ITA", threshold=85, empty_text="ไม่มี")
    assert "ไม่มี" in empty


def test_years_without_a_framework_have_no_pass_mark_or_bands():
    assert selectors.year_rules(2500).pass_rule is None
    assert selectors.year_rules(2565).bands and selectors.year_rules(2566).bands == ()
