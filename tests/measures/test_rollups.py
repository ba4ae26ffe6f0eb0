"""The measures' agency-year roll-ups are never stale: after any sequence of service calls
they equal what counting every measure's history gives, and `prongsai rollups rebuild`
and the data migration's counting give the same rows."""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from prongsai.agencies.models import Division
from prongsai.core.errors import ValidationFailed
from prongsai.measures import services
from prongsai.measures.models import Measure, MeasureFigures, StatusUpdate
from prongsai.measures.rollups import refresh_figures


def live():
    """Every measure counted from its history, independently of measures.rollups."""
    counted = Counter()
    for m in Measure.objects.with_current_status():
        if m.current_status == "done":
            key = (m.agency_id, m.fiscal_year, "done", None, m.status_date.replace(day=1))
        else:
            key = (m.agency_id, m.fiscal_year, m.current_status or "", m.due_date, None)
        counted[key] += 1
    return counted


def stored():
    rows = MeasureFigures.objects.values_list(
        "agency_id", "fiscal_year", "status", "due_date", "done_month", "count"
    )
    keys = [tuple(r[:5]) for r in rows]
    assert len(keys) == len(set(keys)), "one row per key"
    return Counter({tuple(r[:5]): r[5] for r in rows})


def overdue(agency, year, today):
    """Not done and due before `today`: from the roll-ups, and counted live."""
    rows = MeasureFigures.objects.filter(agency=agency, fiscal_year=year, due_date__lt=today)
    from_rollups = sum(r.count for r in rows.exclude(status="done"))
    measures = Measure.objects.filter(agency=agency, fiscal_year=year, due_date__lt=today)
    counted = sum(m.current_status != "done" for m in measures.with_current_status())
    return from_rollups, counted


@dataclass
class Imported:
    title: str
    number: int | None = None
    steps: list[str] = field(default_factory=lambda: ["ขั้นตอนที่หนึ่ง"])
    divisions: list[str] = field(default_factory=lambda: ["สำนักปลัด"])
    monitoring: str = ""
    status: str | None = None
    evidence: str = ""


def step(rng, demo, coordinator):
    """One random service call (a refused one must change nothing)."""
    today = dt.date.today()
    measures = list(Measure.objects.filter(agency=demo).order_by("pk"))
    measure = rng.choice(measures)
    action = rng.choice(("report", "report", "withdraw", "due", "create", "carry", "import"))
    if action == "report":
        start = dt.date(measure.fiscal_year - 543 - 2, 10, 1)
        day = min(today, start + dt.timedelta(days=rng.randrange(0, 900)))
        status = rng.choice(("not_started", "in_progress", "done"))
        services.report_status(actor=coordinator, measure=measure, status=status, reported_on=day)
    elif action == "withdraw":
        standing = StatusUpdate.objects.standing().filter(measure__agency=demo)
        update = rng.choice(list(standing)) if standing.exists() else None
        if update is not None:
            services.withdraw_update(coordinator, update, "ทดสอบการถอน")
    elif action == "due":
        due = rng.choice((None, dt.date(2021, 12, 31), today, today + dt.timedelta(days=40)))
        services.update_measure(
            actor=coordinator, measure=measure, expected_version=measure.version, due_date=due
        )
    elif action == "create":
        services.create_measure(
            actor=coordinator,
            agency=demo,
            fiscal_year=rng.choice((2565, 2566)),
            title=f"มาตรการทดสอบ {rng.randrange(1000)}",
            steps=["ขั้นตอน"],
            divisions=list(Division.objects.filter(agency=demo)[:1]),
            due_date=rng.choice((None, dt.date(2022, 6, 30), today + dt.timedelta(days=5))),
        )
    elif action == "carry":
        chosen = [m.pk for m in measures if m.fiscal_year == 2565 and rng.random() < 0.3]
        services.carry_over(coordinator, demo, 2565, 2566, chosen)
    else:
        year = rng.choice((2567, 2568))
        items = [
            Imported(title=f"นำเข้า {n}", number=n, status=rng.choice((None, "done")))
            for n in (1, 2)
        ]
        services.import_measures(
            actor=coordinator,
            agency=demo,
            fiscal_year=year,
            measures=items,
            reported_on=dt.date(year - 543 - 1, 11, 1),
            links_of=lambda _text: [],
        )
    return action


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_rollups_equal_live_counting_after_any_sequence_of_services(
    demo, coordinator, other_agency, seed
):
    assert stored() == live() and stored()  # the demo is loaded through the services
    rng = random.Random(seed)
    done = set()
    for _ in range(40):
        before = stored()
        try:
            done.add(step(rng, demo, coordinator))
        except ValidationFailed:
            assert stored() == before
        assert stored() == live()
    assert len(done) >= 5, done  # the sequence really mixed the services
    for year in (2565, 2566):
        for today in (dt.date(2021, 1, 1), dt.date(2022, 6, 30), dt.date.today()):
            from_rollups, counted = overdue(demo, year, today)
            assert from_rollups == counted


def test_rebuild_recounts_what_bypassed_the_services(demo, coordinator):
    measure = Measure.objects.filter(agency=demo, fiscal_year=2565).first()
    expected = stored()
    MeasureFigures.objects.all().delete()
    Measure.objects.filter(pk=measure.pk).update(due_date=dt.date(2020, 1, 1))  # no service
    out = StringIO()
    call_command("rollups", "rebuild", "--agency", demo.slug, stdout=out)
    assert stored() == live() != expected
    assert str(sum(1 for _ in MeasureFigures.objects.all())) in out.getvalue()
    refresh_figures(demo.pk, 2565)  # counting again changes nothing
    assert stored() == live()
    call_command("rollups", "rebuild", stdout=StringIO())
    assert stored() == live()
    with pytest.raises(CommandError):
        call_command("rollups", "rebuild", "--agency", "no-such-agency")


def test_the_data_migration_counts_like_the_services(demo):
    from importlib import import_module

    from django.apps import apps

    expected = stored()
    MeasureFigures.objects.all().delete()
    migration = import_module("prongsai.measures.migrations.0004_rollups")
    migration.fill_figures(apps, None)
    assert stored() == expected == live()
