"""The only code that records ITA results, and the analysis built on them.

* :func:`record_result` validates an agency-year's result, computes it under the year's rules
  (``prongsai.ita``), stores entered and computed figures, and records an audit event, in one
  transaction;
* :func:`analysis_for` reads the result of the year before a measures year and analyses it:
  weak indicators, failed OIT items by points at stake, change from the year before,
  suggested measures;
* :func:`create_measure_from_suggestion` turns one suggestion into a measure of the new
  fiscal year through ``measures.services.create_measure``, linked to its indicators/items;
* :func:`memo_analysis` gives the measures memo its opening (pure data).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Division
from prongsai.assessments.compare import Discrepancy, check_published, verdict_labels
from prongsai.assessments.models import ItaResult, ResultSource
from prongsai.core import limits
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.ita.analysis import Analysis, Suggestion, analyse, suggest_measures
from prongsai.ita.crosswalk import load_crosswalk
from prongsai.ita.framework import Framework, FrameworkError, load_framework
from prongsai.ita.scoring import ScoreResult, ScoringError, parse_score, round2, score
from prongsai.measures.models import Measure
from prongsai.measures.services import create_measure

__all__ = [
    "AgencyAnalysis",
    "IndicatorChange",
    "MemoAnalysis",
    "MemoIndicator",
    "analysis_for",
    "clean_note",
    "create_measure_from_suggestion",
    "discrepancies",
    "framework_or_none",
    "memo_analysis",
    "record_result",
    "resolve_division",
    "score_of",
    "suggestion_measure_title",
]

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def framework_or_none(year: int) -> Framework | None:
    """The framework of ``year``, or None when the package has none for it (e.g. 2563)."""
    try:
        return load_framework(year)
    except FrameworkError:
        return None


# -- recording --------------------------------------------------------------------------------


def _clean_scores(indicator_scores: Mapping[str, Any] | None) -> dict[str, str]:
    """Entered indicator scores as text (Thai digits converted), blanks dropped."""
    out = {}
    for code, value in (indicator_scores or {}).items():
        text = str(value).strip().translate(_THAI_DIGITS) if value is not None else ""
        if text:
            out[str(code).strip()] = text
    return out


def _published_total(value: Decimal | str | None) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = parse_score(str(value).strip(), "total")
    except ScoringError:
        raise ValidationFailed(
            f"คะแนนรวมที่ประกาศต้องเป็นตัวเลข 0 ถึง 100 (ได้ {value!r})",
            f"the published total must be a number from 0 to 100 (got {value!r})",
        ) from None
    return round2(number)


def _check_labels(framework: Framework | None, band: str, rating: str) -> None:
    if framework is None:
        return
    bands = [b.code for b in framework.rules.bands]
    if band and band not in bands:
        if bands:
            raise ValidationFailed(
                f"ระดับ {band} ไม่มีในเกณฑ์ปี {framework.year} (มี {', '.join(bands)})",
                f"band {band} is not in the {framework.year} rules ({', '.join(bands)})",
            )
        raise ValidationFailed(
            f"เกณฑ์ปี {framework.year} ไม่มีระดับ AA–F (ใช้ผลผ่าน/ไม่ผ่านแทน)",
            f"the {framework.year} rules have no AA-F bands (use the verdict instead)",
        )
    labels = verdict_labels(framework.rules)
    if rating and rating not in labels:
        raise ValidationFailed(
            f"ผล “{rating}” ไม่มีในเกณฑ์ปี {framework.year} (มี {', '.join(labels)})",
            f"verdict “{rating}” is not in the {framework.year} rules ({', '.join(labels)})",
        )


def _compute(
    framework: Framework | None, fiscal_year: int, scores: dict[str, str], items: dict[str, bool]
) -> ScoreResult | None:
    if not scores and not items:
        return None
    if framework is None:
        raise ValidationFailed(
            f"ยังไม่มีกรอบการประเมินปี {fiscal_year} ในระบบ จึงคำนวณจากคะแนนรายตัวชี้วัดไม่ได้ "
            "(บันทึกได้เฉพาะคะแนนรวมและระดับที่ประกาศ)",
            f"there is no {fiscal_year} framework, so scores cannot be computed "
            "(only the published total and band can be recorded)",
        )
    try:
        return score(framework, scores, items)
    except ScoringError as error:
        raise ValidationFailed(error.th, error.en) from error


def clean_note(note: str) -> str:
    return limits.text(
        note, limit=limits.RESULT_NOTE, label=_("หมายเหตุ"), field="note", multiline=True
    )


@transaction.atomic
def record_result(
    *,
    actor: Any,
    agency: Agency,
    fiscal_year: int,
    indicator_scores: Mapping[str, Any] | None = None,
    item_results: Mapping[str, bool] | None = None,
    published_total: Decimal | str | None = None,
    published_band: str = "",
    published_rating: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> ItaResult:
    """Create or replace the ITA result of ``agency`` for ``fiscal_year`` (BE).

    Give indicator scores (all ten, or IIT/EIT ones with the OIT items of 9 and 10), OIT
    items, and/or the published total, band and verdict. Whatever is given must be complete
    enough to compute; the computed snapshot is stored beside what was entered. With
    ``expected_version``, a result saved meanwhile by someone else raises StaleEdit.
    """
    if not 2500 <= fiscal_year <= 2700:
        raise ValidationFailed(
            f"ปีที่ประเมิน {fiscal_year} ไม่ถูกต้อง (ใช้ พ.ศ.)", "the year must be Buddhist Era"
        )
    framework = framework_or_none(fiscal_year)
    scores = _clean_scores(indicator_scores)
    items = dict(item_results or {})
    total = _published_total(published_total)
    band = limits.text(
        published_band, limit=limits.RESULT_BAND, label=_("ระดับที่ประกาศ"), field="published_band"
    ).upper()
    rating = limits.text(
        published_rating,
        limit=limits.RESULT_LABEL,
        label=_("ผลที่ประกาศ"),
        field="published_rating",
    )
    note = clean_note(note)
    _check_labels(framework, band, rating)
    result = _compute(framework, fiscal_year, scores, items)
    if result is None and total is None:
        raise ValidationFailed(
            "ยังไม่มีข้อมูลผลการประเมิน: กรอกคะแนนรายตัวชี้วัด ผลรายข้อ OIT หรือคะแนนรวมที่ประกาศ",
            "nothing to record: enter indicator scores, OIT items or the published total",
        )
    source = (
        ResultSource.ITEMS
        if items
        else ResultSource.INDICATORS
        if scores
        else ResultSource.PUBLISHED
    )
    current = (
        ItaResult.objects.select_for_update().filter(agency=agency, fiscal_year=fiscal_year).first()
    )
    if current is not None and expected_version is not None and current.version != expected_version:
        raise StaleEdit({"version": (expected_version, current.version)})
    values = {
        "source": source,
        "indicator_scores": scores,
        "item_results": {i.code: items[i.code] for i in framework.items if i.code in items}
        if framework is not None
        else {},
        "published_total": total,
        "published_band": band,
        "published_rating": rating,
        "computed": {} if result is None else result.to_dict(),
        "note": note,
        "recorded_by": actor if getattr(actor, "pk", None) else None,
        "recorded_at": timezone.now(),
    }
    if current is None:
        saved = ItaResult.objects.create(agency=agency, fiscal_year=fiscal_year, **values)
        action = "ita_result.create"
    else:
        for name, value in values.items():
            setattr(current, name, value)
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db()
        saved = current
        action = "ita_result.update"
    _record(
        actor,
        agency,
        action,
        saved,
        {
            "fiscal_year": fiscal_year,
            "source": source,
            "total": None if result is None else float(round2(result.total)),
            "published_total": None if total is None else str(total),
            "band": band or (saved.computed.get("band") or ""),
            "indicators": sorted(scores),
            "items_failed": sorted(c for c, ok in items.items() if not ok),
        },
    )
    return saved


def score_of(result: ItaResult) -> ScoreResult | None:
    """The result recomputed from what was entered (None when only published figures)."""
    framework = framework_or_none(result.fiscal_year)
    if framework is None or not (result.indicator_scores or result.item_results):
        return None
    try:
        return score(framework, result.indicator_scores, result.item_results)
    except ScoringError:  # the rules file changed since; the stored snapshot still stands
        return None


def discrepancies(result: ItaResult, computed: ScoreResult | None = None) -> list[Discrepancy]:
    framework = framework_or_none(result.fiscal_year)
    return check_published(
        framework,
        computed if computed is not None else score_of(result),
        total=result.published_total,
        band=result.published_band,
        rating=result.published_rating,
    )


# -- analysis ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorChange:
    code: str
    name_th: str
    score: Decimal
    previous: Decimal | None
    change: Decimal | None


@dataclass(frozen=True)
class AgencyAnalysis:
    """The analysis behind the measures of ``fiscal_year``: the result of the year before."""

    fiscal_year: int  # the measures year
    result: ItaResult  # ITA of fiscal_year - 1
    framework: Framework | None
    score: ScoreResult | None  # None when only the published figures were recorded
    analysis: Analysis | None
    suggestions: list[Suggestion]
    previous: ItaResult | None  # ITA of fiscal_year - 2, when recorded
    total_change: Decimal | None
    indicator_changes: list[IndicatorChange] = field(default_factory=list)

    @property
    def assessed_year(self) -> int:
        return self.result.fiscal_year


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def analysis_for(agency: Agency, fiscal_year: int) -> AgencyAnalysis | None:
    """Analysis of the ITA result of ``fiscal_year - 1`` (one query), None when not recorded."""
    results = {
        r.fiscal_year: r
        for r in ItaResult.objects.filter(
            agency=agency, fiscal_year__in=(fiscal_year - 1, fiscal_year - 2)
        )
    }
    result = results.get(fiscal_year - 1)
    if result is None:
        return None
    previous = results.get(fiscal_year - 2)
    framework = framework_or_none(result.fiscal_year)
    computed = score_of(result)
    analysis = None if framework is None or computed is None else analyse(framework, computed)
    suggestions = (
        [] if analysis is None or framework is None else suggest_measures(framework, analysis)
    )
    changes = []
    for code, value in result.indicators.items():
        now = _decimal(value)
        before = _decimal(previous.indicators.get(code)) if previous is not None else None
        name = framework.indicator(code).name_th if framework is not None else code
        changes.append(
            IndicatorChange(
                code=code,
                name_th=name,
                score=now or Decimal(0),
                previous=before,
                change=None if before is None or now is None else now - before,
            )
        )
    now_total = _decimal(result.total)
    before_total = _decimal(previous.total) if previous is not None else None
    return AgencyAnalysis(
        fiscal_year=fiscal_year,
        result=result,
        framework=framework,
        score=computed,
        analysis=analysis,
        suggestions=suggestions,
        previous=previous,
        total_change=None
        if now_total is None or before_total is None
        else now_total - before_total,
        indicator_changes=changes,
    )


# -- suggestions into measures ----------------------------------------------------------------

_UNIT = re.compile(r"^(สำนัก|กอง|หน่วย|ฝ่าย|งาน)")


def _unit_names(text: str) -> list[str]:
    """Unit names in a suggested-division text, first the main one.

    "กองยุทธศาสตร์และงบประมาณ (หรือสำนักปลัด งานนโยบายและแผน)" gives
    ["กองยุทธศาสตร์และงบประมาณ", "สำนักปลัด", "งานนโยบายและแผน"].
    """
    names = []
    for token in re.split(r"[\s()]+", text):
        token = re.sub(r"^(หรือ|ร่วมกับ)", "", token)
        if _UNIT.match(token):
            names.append(token)
    return names


def _match(divisions: Sequence[Division], name: str) -> Division | None:
    for division in divisions:
        if division.name == name:
            return division
    # สำนักปลัด matches สำนักปลัดเทศบาล; กองการศึกษา matches กองการศึกษา ศาสนาและวัฒนธรรม.
    for division in divisions:
        if division.name.startswith(name) or name.startswith(division.name):
            return division
    return None


def resolve_division(
    agency: Agency, suggested_th: str, divisions: Sequence[Division] | None = None
) -> Division | None:
    """The agency's division for a suggested-division text, else its สำนักปลัด.

    Agencies name their units differently and many small ones have no strategy or audit
    unit, so: the first unit named in the suggestion that the agency has; else the unit
    that writes the ITA reports (``reporting_unit``, normally สำนักปลัด), which coordinates
    the ITA work; else any division named สำนักปลัด…; else None (the coordinator chooses).
    """
    divisions = list(agency.divisions.all())
    for name in _unit_names(suggested_th):
        match = _match(divisions, name)
        if match is not None:
            return match
    for name in (agency.reporting_unit, "สำนักปลัด"):
        if name:
            match = _match(divisions, name)
            if match is not None:
                return match
    return None


def suggestion_measure_title(suggestion: Suggestion) -> str:
    return suggestion.measure_type.title_th


def _linked_codes(suggestion: Suggestion, assessed_year: int, fiscal_year: int) -> list[str]:
    """Indicators and items of the measures year that the suggestion addresses.

    Failed items are of the assessed year (fiscal_year - 1); the measure is evidence for the
    ITA of its own year, so items are carried over through the crosswalk (2565 O42 -> 2566
    O42; 2565 O10 -> 2566 O11). When that year has no framework, the codes stay as they were.
    """
    target = framework_or_none(fiscal_year)
    crosswalk = load_crosswalk()
    items: list[str] = []
    for failed in suggestion.failed_items:
        if target is None:
            items.append(failed.code)
            continue
        counterparts = crosswalk.counterparts(assessed_year, failed.code, fiscal_year)
        items.extend(c for c in counterparts if c not in items)
    indicators = {f.indicator for f in suggestion.failed_items} | {
        w.code for w in suggestion.weak_indicators
    }
    ordered = sorted(indicators, key=lambda c: (len(c), c))
    return ordered + [c for c in dict.fromkeys(items)]


@transaction.atomic
def create_measure_from_suggestion(
    *,
    actor: Any,
    agency: Agency,
    fiscal_year: int,
    suggestion_key: str,
    division: Division | None = None,
) -> Measure:
    """A measure of ``fiscal_year`` from the suggestion ``suggestion_key`` of the analysis of
    the result of ``fiscal_year - 1``, linked to the indicators and OIT items it addresses.

    ``division`` (the coordinator's choice) wins; else :func:`resolve_division`. A measure of
    the same title in that year is not created twice.
    """
    found = analysis_for(agency, fiscal_year)
    if found is None:
        raise ValidationFailed(
            f"ยังไม่มีผลการประเมิน ITA ปี {fiscal_year - 1} จึงยังไม่มีข้อเสนอแนะ",
            f"no ITA result of {fiscal_year - 1} is recorded, so there are no suggestions",
        )
    suggestion = next((s for s in found.suggestions if s.measure_type.key == suggestion_key), None)
    if suggestion is None:
        raise ValidationFailed(
            f"ไม่มีข้อเสนอแนะ {suggestion_key} ในผลการวิเคราะห์ปี {fiscal_year - 1}",
            f"no suggestion {suggestion_key} in the analysis of {fiscal_year - 1}",
        )
    kind = suggestion.measure_type
    if Measure.objects.filter(agency=agency, fiscal_year=fiscal_year, title=kind.title_th).exists():
        raise ValidationFailed(
            f"มีมาตรการ “{kind.title_th}” ของปี {fiscal_year} แล้ว",
            f"the measure “{kind.title_en}” of {fiscal_year} exists already",
        )
    if division is not None and division.agency_id != agency.pk:
        raise ValidationFailed("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้", "division belongs to another agency")
    chosen = division or resolve_division(agency, kind.responsible_division_th)
    if chosen is None:
        raise ValidationFailed(
            "หน่วยงานยังไม่มีส่วนราชการ กรุณาเพิ่มส่วนราชการก่อน", "the agency has no division yet"
        )
    year_ce = fiscal_year - 543
    measure = create_measure(
        actor=actor,
        agency=agency,
        fiscal_year=fiscal_year,
        title=kind.title_th,
        steps=kind.steps_th,
        divisions=[chosen],
        monitoring=(
            f"รายงานความก้าวหน้ารอบ 6 เดือน (ตุลาคม {fiscal_year - 1} – มีนาคม {fiscal_year}) "
            f"และรายงานผลประจำปีหลัง 30 กันยายน {fiscal_year}"
        ),
        due_date=dt.date(year_ce, 3, 31),
        indicator_codes=_linked_codes(suggestion, found.assessed_year, fiscal_year),
    )
    _record(
        actor,
        agency,
        "measure.from_suggestion",
        measure,
        {
            "suggestion": kind.key,
            "analysis_year": found.assessed_year,
            "points_at_stake": float(round2(suggestion.points_at_stake)),
            "division": chosen.name,
            "suggested_division": kind.responsible_division_th,
        },
    )
    return measure


# -- the memo's opening -----------------------------------------------------------------------


@dataclass(frozen=True)
class MemoIndicator:
    code: str
    name_th: str
    score: Decimal  # rounded to 2 decimals


@dataclass(frozen=True)
class MemoFailedItem:
    code: str
    name_th: str
    points_at_stake: Decimal  # rounded to 2 decimals


@dataclass(frozen=True)
class MemoAnalysis:
    """The previous year's ITA result as the measures memo cites it.

    ``total`` and ``band``/``verdict_th`` are the published figures when they were entered
    (the memo cites what NACC published), else the computed ones.
    """

    year: int  # the assessed year: fiscal_year - 1
    total: Decimal | None
    band: str  # AA-F (to 2565), "" after
    verdict_th: str  # ผ่าน / ไม่ผ่าน / ผ่านดี ... ("" when unknown)
    weak_indicators: tuple[MemoIndicator, ...]  # under 85, in indicator order
    failed_items: tuple[MemoFailedItem, ...]  # highest points at stake first
    source: str  # ResultSource value

    @property
    def grade(self) -> str:
        """What follows "อยู่ในระดับ": the band up to 2565, the verdict after."""
        return self.band or self.verdict_th

    @property
    def previous_result(self) -> tuple[float, str] | None:
        """``documents.build_common.PreviousResult`` (score, band), None without a total."""
        return None if self.total is None else (float(self.total), self.grade)


def memo_analysis(agency: Agency, fiscal_year: int) -> MemoAnalysis | None:
    """The ITA result of ``fiscal_year - 1`` for the measures memo of ``fiscal_year``.

    None when no result of that year is recorded (the memo then leaves the analysis out).
    Two queries at most; no Django objects in the answer.
    """
    found = analysis_for(agency, fiscal_year)
    if found is None:
        return None
    result = found.result
    total = result.published_total
    if total is None and result.computed:
        total = Decimal(str(result.computed["total"])).quantize(Decimal("0.01"))
    computed_verdict = result.verdict_th if result.computed else ""
    weak: tuple[MemoIndicator, ...] = ()
    failed: tuple[MemoFailedItem, ...] = ()
    if found.analysis is not None:
        weak = tuple(
            MemoIndicator(w.code, w.name_th, round2(w.score))
            for w in found.analysis.weak_indicators
        )
        failed = tuple(
            MemoFailedItem(f.code, f.name_th, round2(f.points_at_stake))
            for f in found.analysis.failed_items
        )
    return MemoAnalysis(
        year=result.fiscal_year,
        total=total,
        band=result.published_band or (str(result.computed.get("band") or "")),
        verdict_th=result.published_rating or computed_verdict,
        weak_indicators=weak,
        failed_items=failed,
        source=result.source,
    )


def _record(actor: Any, agency: Agency, action: str, obj: Any, payload: dict[str, Any]) -> None:
    from prongsai.audit.services import record_event

    record_event(actor=actor, agency=agency, action=action, obj=obj, payload=payload)
