"""An agency-year's measures from the measure-type library, their status histories with
evidence links, and the year's ITA result."""

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from prongsai.assessments.models import ItaResult, ResultSource
from prongsai.ita.crosswalk import load_crosswalk
from prongsai.ita.framework import load_framework
from prongsai.ita.measure_types import MeasureType, load_measure_types
from prongsai.ita.scoring import score
from prongsai.measures.models import Evidence, Measure, Status, StatusUpdate
from prongsai.synth.rows import Rows
from prongsai.thai.dates import fiscal_year_bounds

BANGKOK = ZoneInfo("Asia/Bangkok")
NOTES = {
    Status.IN_PROGRESS: (
        "อยู่ระหว่างจัดทำร่างประกาศและเสนอผู้บริหารพิจารณา",
        "ดำเนินการแล้วบางส่วน อยู่ระหว่างรวบรวมหลักฐาน",
        "ประชุมชี้แจงเจ้าหน้าที่แล้ว อยู่ระหว่างติดตามผล",
    ),
    Status.DONE: (
        "ดำเนินการแล้วเสร็จ เผยแพร่บนเว็บไซต์หลักของหน่วยงานแล้ว",
        "ผู้บริหารลงนามในประกาศแล้ว และเผยแพร่ให้ประชาชนทราบ",
        "จัดทำรายงานผลการดำเนินการเสนอผู้บริหารแล้ว",
    ),
}
MONITORING = "รายงานผลการดำเนินการรอบ ๖ เดือน และรอบ ๑๒ เดือน ต่อผู้บริหาร"


@dataclass
class MeasureMemo:
    """What a publication's snapshot needs of a measure (kept in memory, not read back)."""

    number: int
    title: str
    steps: list[str]
    divisions: list[str]
    due_date: dt.date
    indicator_codes: list[str]
    updates: list[tuple[dt.date, str, str, list[str]]] = field(default_factory=list)


@cache
def library() -> tuple[MeasureType, ...]:
    return load_measure_types().measure_types


@cache
def indicator_codes(key: str, year: int) -> tuple[str, ...]:
    measure_type = next(t for t in library() if t.key == key)
    return measure_type.indicators_in(load_framework(year), load_crosswalk())


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=BANGKOK)


def _division_for(measure_type: MeasureType, divisions: dict[str, int]) -> list[str]:
    named = [name for name in divisions if name in measure_type.responsible_division_th]
    return named[:1] or ["สำนักปลัด"]


def add_measures(
    rows: Rows,
    rng: random.Random,
    *,
    agency_id: int,
    domain: str,
    year: int,
    count: int,
    updates: int = 2,
    people: dict[str, Any],
    previous: dict[str, int],
) -> tuple[list[MeasureMemo], dict[str, int]]:
    """The year's measures (types drawn from the library; a type the agency had last year
    is carried from it), about `updates` status updates each (the default 2: 1–3) inside the
    fiscal year, 0–2 links each."""
    start, end = fiscal_year_bounds(year)
    span = (end - start).days
    types = rng.sample(library(), min(count, len(library())))
    while len(types) < count:  # more measures than types: a second measure of a type
        types.append(rng.choice(library()))
    memos: list[MeasureMemo] = []
    this_year: dict[str, int] = {}
    divisions = people["divisions"]
    for number, measure_type in enumerate(types, start=1):
        names = _division_for(measure_type, divisions)
        due = end - dt.timedelta(days=rng.choice((0, 30, 90, 180)))
        measure_id = rows.add(
            Measure,
            agency_id=agency_id,
            fiscal_year=year,
            number=number,
            title=measure_type.title_th,
            short_name="",
            carried_from_id=previous.get(measure_type.key),
            steps=list(measure_type.steps_th),
            monitoring=MONITORING,
            due_date=due,
            indicator_codes=list(indicator_codes(measure_type.key, year)),
            version=1,
            created_at=at(start, 9),
            updated_at=at(start, 9),
        )
        this_year.setdefault(measure_type.key, measure_id)
        for name in names:
            rows.add(Measure.divisions.through, measure_id=measure_id, division_id=divisions[name])
        memo = MeasureMemo(
            number,
            measure_type.title_th,
            list(measure_type.steps_th),
            names,
            due,
            list(indicator_codes(measure_type.key, year)),
        )
        if updates == 2:
            how_many = rng.choices((1, 2, 3), (30, 40, 30))[0]
        else:
            how_many = rng.randint(max(1, updates - 1), updates + 1)
        how_many = min(how_many, span - 14)
        days = sorted(rng.sample(range(14, span), how_many))
        finished = rng.random() < 0.65
        for n, offset in enumerate(days):
            day = start + dt.timedelta(days=offset)
            last = n == how_many - 1
            status = Status.DONE if last and finished else Status.IN_PROGRESS
            note = rng.choice(NOTES[status])
            update_id = rows.add(
                StatusUpdate,
                measure_id=measure_id,
                status=status.value,
                note=note,
                reported_on=day,
                created_by_id=people["reporter"],
                created_at=at(day, 10 + n),
            )
            links = []
            for k in range(rng.choices((0, 1, 2), (25, 55, 20))[0]):
                url = f"https://{domain}/ita/{year}/measure-{number}/{day:%Y%m%d}-{k + 1}.pdf"
                rows.add(
                    Evidence,
                    update_id=update_id,
                    url=url,
                    file="",
                    original_name="",
                    content_type="",
                    size=0,
                    sha256="",
                    created_at=at(day, 10 + n),
                )
                links.append(url)
            memo.updates.append((day, status.value, note, links))
        memos.append(memo)
    return memos, this_year


def add_result(
    rows: Rows, rng: random.Random, *, agency_id: int, year: int, quality: float, actor: int
) -> None:
    """The year's ITA result from indicator scores around the agency's own level, computed
    by the year's rules as the assessments service computes it."""
    framework = load_framework(year)
    scores = {
        i.code: f"{max(40.0, min(100.0, rng.gauss(quality, 6))):.2f}" for i in framework.indicators
    }
    result = score(framework, scores, {})
    _start, end = fiscal_year_bounds(year)
    rows.add(
        ItaResult,
        agency_id=agency_id,
        fiscal_year=year,
        source=ResultSource.INDICATORS.value,
        published_total=None,
        published_band="",
        published_rating="",
        indicator_scores=scores,
        item_results={},
        computed=result.to_dict(),
        note="ข้อมูลสังเคราะห์สำหรับทดสอบระบบ ไม่ใช่ผลการประเมินจริง",
        version=1,
        recorded_by_id=actor,
        recorded_at=at(end, 15),
    )
