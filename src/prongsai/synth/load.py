"""`prongsai synth`: a country of synthetic agencies loaded in chunks, with progress.

Every agency draws from its own generator, seeded by the run's seed and its slug, so the
same seed gives the same rows whatever the chunk size, and nothing depends on the clock:
every date comes from the fiscal years. The load is one transaction: it is all there or
not at all.
"""

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.translation import gettext as _

from prongsai.agencies import versions as place_versions
from prongsai.agencies.models import Agency, Division, Membership, SiteAccess, SiteRole
from prongsai.assessments.models import ItaResult
from prongsai.audit.models import AuditEvent
from prongsai.core.errors import ValidationFailed
from prongsai.ita.framework import available_years
from prongsai.measures.models import Evidence, Measure, MeasureFigures, StatusUpdate
from prongsai.measures.rollups import figure_rows
from prongsai.public.models import Publication, Report, ReportDecision
from prongsai.synth import writer
from prongsai.synth.audit import add_load_events
from prongsai.synth.measures import add_measures, add_result, at
from prongsai.synth.people import add_people, agency_row, unusable_password
from prongsai.synth.places import SLUG_PREFIX, PlannedAgency, plan_agencies
from prongsai.synth.reports import add_reports
from prongsai.synth.rows import Rows
from prongsai.thai.dates import fiscal_year_bounds

# The national oversight account the bench logs in with (its password is set there).
OVERSIGHT_USERNAME = "oversight@synth.example"
MAX_AGENCIES = 20000


def _models() -> list[type[models.Model]]:
    """Every table written, in an order that keeps foreign keys pointing backwards."""
    return [
        Agency,
        get_user_model(),
        Division,
        Membership,
        Membership.divisions.through,
        SiteAccess,
        Measure,
        Measure.divisions.through,
        StatusUpdate,
        Evidence,
        MeasureFigures,
        ItaResult,
        Report,
        ReportDecision,
        Publication,
        AuditEvent,
    ]


@dataclass(frozen=True)
class Options:
    agencies: int
    years: tuple[int, ...]
    seed: int
    measures: int = 12
    updates: int = 2  # status updates per measure, on average (one either side of it)
    method: str = "auto"  # "copy" (PostgreSQL), "insert", or "auto": COPY where there is one
    bind: bool = True
    force: bool = False
    chunk: int = 100


@dataclass
class Outcome:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    method: str = ""


def parse_years(text: str) -> tuple[int, ...]:
    """ "2565-2569" or "2566,2567": fiscal years (BE) that have an ITA framework."""
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
            years = tuple(range(first, last + 1))
        else:
            years = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        years = ()
    known = available_years()
    if not years or any(year not in known for year in years):
        raise ValidationFailed(
            _("ปีงบประมาณ “%(years)s” ใช้ไม่ได้: ระบุเป็นช่วง เช่น 2565-2569 (มีเกณฑ์ปี %(known)s)")
            % {"years": text[:40], "known": ", ".join(str(y) for y in known)},
            field="years",
        )
    return years


def check_database(force: bool) -> None:
    """Refuse a database that already has synthetic data, or (without --force) any agency
    synth did not make: synthetic agencies must never mix silently with real ones."""
    if Agency.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise ValidationFailed(_("ฐานข้อมูลนี้มีข้อมูลสังเคราะห์อยู่แล้ว ให้ใช้ฐานข้อมูลใหม่"))
    real = Agency.objects.exclude(slug__startswith=SLUG_PREFIX).count()
    if real and not force:
        raise ValidationFailed(
            _(
                "ฐานข้อมูลนี้มีหน่วยงานจริง %(count)d แห่ง จึงไม่สร้างข้อมูลสังเคราะห์ "
                "(ห้ามใช้กับระบบที่ใช้งานจริง หากแน่ใจให้ใช้ --force)"
            )
            % {"count": real}
        )


def load(options: Options, progress: Callable[[str], None]) -> Outcome:
    if not 1 <= options.agencies <= MAX_AGENCIES:
        raise ValidationFailed(
            _("จำนวนหน่วยงานต้องอยู่ระหว่าง 1 ถึง %(max)d") % {"max": MAX_AGENCIES}, field="agencies"
        )
    if not 1 <= options.measures <= 50:
        raise ValidationFailed(_("จำนวนมาตรการต่อปีต้องอยู่ระหว่าง 1 ถึง 50"), field="measures")
    if not 1 <= options.updates <= 30:
        raise ValidationFailed(_("จำนวนรายงานสถานะต่อมาตรการต้องอยู่ระหว่าง 1 ถึง 30"), field="updates")
    started = time.monotonic()
    copy = writer.uses_copy(options.method)
    outcome = Outcome(method="COPY" if copy else "INSERT")
    with transaction.atomic():
        check_database(options.force)
        # Made-up data, no secret: a seeded generator is the point (same seed, same data).
        plans = plan_agencies(random.Random(options.seed), options.agencies)  # noqa: S311
        table_list = _models()
        writer.lock_out_writers(table_list)
        rows = Rows(writer.first_free_ids(table_list))
        _end, last_day = fiscal_year_bounds(max(options.years))
        loaded_at = at(last_day + dt.timedelta(days=1), 9)
        oversight = rows.add(
            get_user_model(),
            password=unusable_password(random.Random(options.seed)),  # noqa: S311
            last_login=None,
            is_superuser=False,
            username=OVERSIGHT_USERNAME,
            first_name="ผู้กำกับติดตาม",
            last_name="ระดับประเทศ",
            email=OVERSIGHT_USERNAME,
            is_staff=False,
            is_active=True,
            date_joined=loaded_at,
        )
        rows.add(
            SiteAccess,
            user_id=oversight,
            role=SiteRole.OVERSIGHT.value,
            scope_code="",
            created_at=loaded_at,
        )
        totals: dict[str, int] = {}
        next_report = 0.0
        # Small enough chunks that progress shows at least every 5%.
        size = max(1, min(options.chunk, -(-len(plans) // 20)))
        for start in range(0, len(plans), size):
            chunk = plans[start : start + size]
            per_agency: dict[int, dict[str, int]] = {}
            for plan in chunk:
                per_agency.update(_one_agency(rows, plan, options))
            _add_figures(rows)
            _flush(rows, totals, copy, exclude=AuditEvent)
            add_load_events(rows, list(per_agency), per_agency, loaded_at, bind=options.bind)
            _flush(rows, totals, copy)
            done = start + len(chunk)
            if done / len(plans) >= next_report or done == len(plans):
                next_report = done / len(plans) + 0.05
                progress(
                    _("%(done)d/%(total)d หน่วยงาน (%(percent)d%%) %(rows)d แถว %(seconds).0f วินาที")
                    % {
                        "done": done,
                        "total": len(plans),
                        "percent": 100 * done // len(plans),
                        "rows": sum(totals.values()),
                        "seconds": time.monotonic() - started,
                    }
                )
        writer.reset_sequences(table_list)
        # rows written without events: the places' pages must not be kept from before
        place_versions.changed((plan.province_code, plan.district_code) for plan in plans)
    outcome.counts = totals
    outcome.seconds = time.monotonic() - started
    return outcome


def _one_agency(rows: Rows, plan: PlannedAgency, options: Options) -> dict[int, dict[str, int]]:
    rng = random.Random(f"{options.seed}:{plan.slug}")  # noqa: S311 - made-up data
    agency = agency_row(plan, rng, rows.next_ids[Agency])
    agency_id = rows.add(Agency, **agency)
    first_year = fiscal_year_bounds(min(options.years))[0]
    people = add_people(rows, plan, agency_id, rng, at(first_year, 8))
    before = {m: rows.count(m) for m in (Measure, StatusUpdate, Evidence)}
    quality = rng.gauss(86, 6)
    previous: dict[str, int] = {}
    for year in options.years:
        memos, previous = add_measures(
            rows,
            rng,
            agency_id=agency_id,
            domain=plan.domain,
            year=year,
            count=options.measures,
            updates=options.updates,
            people=people,
            previous=previous,
        )
        add_result(
            rows, rng, agency_id=agency_id, year=year, quality=quality, actor=people["coordinator"]
        )
        add_reports(rows, rng, agency=agency, year=year, memos=memos, people=people)
    counts = {m._meta.model_name or "": rows.count(m) - before[m] for m in before}
    return {agency_id: counts}


def _add_figures(rows: Rows) -> None:
    """The chunk's measure roll-ups, counted from the rows about to be written (the same
    counting as the services'; no update is withdrawn here)."""
    latest: dict[int, tuple[Any, ...]] = {}
    for update in rows.by_model.get(StatusUpdate, ()):
        order = (update["reported_on"], update["created_at"], update["id"])
        seen = latest.get(update["measure_id"])
        if seen is None or order > seen[0]:
            latest[update["measure_id"]] = (order, update["status"], update["reported_on"])
    counted = []
    for measure in rows.by_model.get(Measure, ()):
        _order, status, status_on = latest.get(measure["id"], ((), None, None))
        counted.append(
            (measure["agency_id"], measure["fiscal_year"], measure["due_date"], status, status_on)
        )
    for row in figure_rows(counted):
        rows.add(MeasureFigures, **row)


def _flush(
    rows: Rows, totals: dict[str, int], copy: bool, exclude: type[models.Model] | None = None
) -> None:
    for model in _models():
        if model is exclude:
            continue
        batch = rows.by_model.pop(model, [])
        writer.write(model, batch, copy=copy)
        name = model._meta.label_lower
        totals[name] = totals.get(name, 0) + len(batch)
