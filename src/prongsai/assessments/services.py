"""The only code that records ITA results, and that turns their suggestions into measures.

* :func:`record_result` validates an agency-year's result, computes it under the year's rules
  (``prongsai.ita``), stores entered and computed figures, and records an audit event, in one
  transaction;
* :func:`create_measure_from_suggestion` turns one suggestion of
  ``assessments.analysis.analysis_for`` into a measure of the new fiscal year through
  ``measures.services.create_measure``, linked to its indicators/items.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Division
from prongsai.assessments.analysis import analysis_for, framework_or_none
from prongsai.assessments.compare import verdict_labels
from prongsai.assessments.models import ItaResult, ResultSource
from prongsai.core import limits
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.core.i18n import in_active_language
from prongsai.ita.analysis import Suggestion
from prongsai.ita.crosswalk import load_crosswalk
from prongsai.ita.framework import Framework
from prongsai.ita.scoring import ScoreResult, ScoringError, parse_score, round2, score
from prongsai.measures.models import Measure
from prongsai.measures.services import create_measure
from prongsai.thai.dates import BE_OFFSET, is_fiscal_year
from prongsai.thai.digits import to_arabic_digits

__all__ = [
    "clean_note",
    "create_measure_from_suggestion",
    "record_result",
    "resolve_division",
    "suggestion_measure_title",
]


# -- recording --------------------------------------------------------------------------------


def _clean_scores(indicator_scores: Mapping[str, Any] | None) -> dict[str, str]:
    """Entered indicator scores as text (Thai digits converted), blanks dropped."""
    out = {}
    for code, value in (indicator_scores or {}).items():
        text = to_arabic_digits(str(value).strip()) if value is not None else ""
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
            _("คะแนนรวมที่ประกาศต้องเป็นตัวเลข 0 ถึง 100 (ได้ “%(value)s”)") % {"value": value},
            field="published_total",
        ) from None
    return round2(number)


def _check_labels(framework: Framework | None, band: str, rating: str) -> None:
    if framework is None:
        return
    bands = [b.code for b in framework.rules.bands]
    if band and band not in bands:
        if bands:
            raise ValidationFailed(
                _("ระดับ %(band)s ไม่มีในเกณฑ์ปี %(year)s (มี %(bands)s)")
                % {"band": band, "year": framework.year, "bands": ", ".join(bands)},
                field="published_band",
            )
        raise ValidationFailed(
            _("เกณฑ์ปี %(year)s ไม่มีระดับ AA–F (ใช้ผลผ่าน/ไม่ผ่านแทน)") % {"year": framework.year},
            field="published_band",
        )
    labels = verdict_labels(framework.rules)
    if rating and rating not in labels:
        raise ValidationFailed(
            _("ผล “%(rating)s” ไม่มีในเกณฑ์ปี %(year)s (มี %(labels)s)")
            % {"rating": rating, "year": framework.year, "labels": ", ".join(labels)},
            field="published_rating",
        )


def _compute(
    framework: Framework | None, fiscal_year: int, scores: dict[str, str], items: dict[str, bool]
) -> ScoreResult | None:
    if not scores and not items:
        return None
    if framework is None:
        raise ValidationFailed(
            _(
                "ยังไม่มีกรอบการประเมินปี %(year)s ในระบบ จึงคำนวณจากคะแนนรายตัวชี้วัดไม่ได้ "
                "(บันทึกได้เฉพาะคะแนนรวมและระดับที่ประกาศ)"
            )
            % {"year": fiscal_year}
        )
    try:
        return score(framework, scores, items)
    except ScoringError as error:
        raise ValidationFailed(in_active_language(error.th, error.en)) from error


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
    if not is_fiscal_year(fiscal_year):
        raise ValidationFailed(_("ปีที่ประเมิน %(year)s ไม่ถูกต้อง (ใช้ พ.ศ.)") % {"year": fiscal_year})
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
            _("ยังไม่มีข้อมูลผลการประเมิน: กรอกคะแนนรายตัวชี้วัด ผลรายข้อ OIT หรือคะแนนรวมที่ประกาศ")
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
    divisions = list(agency.divisions.current())
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
            _("ยังไม่มีผลการประเมิน ITA ปี %(year)s จึงยังไม่มีข้อเสนอแนะ") % {"year": fiscal_year - 1}
        )
    suggestion = next((s for s in found.suggestions if s.measure_type.key == suggestion_key), None)
    if suggestion is None:
        raise ValidationFailed(
            _("ไม่มีข้อเสนอแนะ %(key)s ในผลการวิเคราะห์ปี %(year)s")
            % {"key": suggestion_key, "year": fiscal_year - 1}
        )
    kind = suggestion.measure_type
    if Measure.objects.filter(agency=agency, fiscal_year=fiscal_year, title=kind.title_th).exists():
        raise ValidationFailed(
            _("มีมาตรการ “%(title)s” ของปี %(year)s แล้ว")
            % {"title": in_active_language(kind.title_th, kind.title_en), "year": fiscal_year}
        )
    if division is not None and division.agency_id != agency.pk:
        raise ValidationFailed(_("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"), field="division")
    chosen = division or resolve_division(agency, kind.responsible_division_th)
    if chosen is None:
        raise ValidationFailed(_("หน่วยงานยังไม่มีส่วนราชการ กรุณาเพิ่มส่วนราชการก่อน"))
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
        due_date=dt.date(fiscal_year - BE_OFFSET, 3, 31),  # the half-year report
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


def _record(actor: Any, agency: Agency, action: str, obj: Any, payload: dict[str, Any]) -> None:
    from prongsai.audit.services import record_event

    record_event(actor=actor, agency=agency, action=action, obj=obj, payload=payload)
