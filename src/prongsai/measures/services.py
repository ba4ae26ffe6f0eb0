"""The only code that changes measures, status updates (and their withdrawals) and evidence.

Each function validates, writes and records in one transaction. Views and commands call
these; they never call .save() on a domain model themselves.
"""

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.access import require_role
from prongsai.agencies.models import Agency, Division, Membership, Role
from prongsai.core import limits
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.core.uploads import CheckedFile, store_upload
from prongsai.measures.carry_over import carry_over as carry_over
from prongsai.measures.carry_over import latest_carry_year as latest_carry_year
from prongsai.measures.models import Evidence, Measure, Status, StatusUpdate, StatusWithdrawal
from prongsai.measures.rollups import refresh_figures
from prongsai.registry.services import add_division
from prongsai.thai.dates import fiscal_year_bounds, format_thai_date, is_fiscal_year
from prongsai.thai.text import clean_text

EDITABLE_FIELDS = ("title", "short_name", "steps", "monitoring", "due_date", "indicator_codes")

# The labels of the fields in messages (the form's labels, shorter).
_TITLE = _("ชื่อมาตรการ")
_SHORT_NAME = _("ชื่อย่อของมาตรการ")
_STEP = _("ขั้นตอนหรือวิธีการ")
_MONITORING = _("การกำกับติดตาม")
_CODES = _("ตัวชี้วัดหรือข้อ OIT")
_NOTE = _("ผลการดำเนินการ")
_LINKS = _("ลิงก์หลักฐาน")


def clean_title(title: str) -> str:
    return limits.text(
        title, limit=limits.MEASURE_TITLE, label=_TITLE, field="title", required=True
    )


def clean_short_name(short_name: str) -> str:
    """How the status table words the measure; blank: its title."""
    return limits.text(
        short_name, limit=limits.MEASURE_SHORT_NAME, label=_SHORT_NAME, field="short_name"
    )


def clean_steps(steps: Iterable[str], *, required: bool = False) -> list[str]:
    """Steps cleaned and checked. An imported memo may list none; an edit (like the form)
    must leave at least one."""
    return limits.lines(
        steps,
        limit=limits.MEASURE_STEP,
        count=limits.MEASURE_STEPS,
        label=_STEP,
        field="steps",
        required=required,
    )


def clean_monitoring(monitoring: str) -> str:
    return limits.text(
        monitoring,
        limit=limits.MEASURE_MONITORING,
        label=_MONITORING,
        field="monitoring",
        multiline=True,
    )


def clean_indicator_codes(codes: Iterable[str]) -> list[str]:
    return limits.lines(
        codes,
        limit=limits.INDICATOR_CODE,
        count=limits.INDICATOR_CODES,
        label=_CODES,
        field="indicator_codes",
    )


def clean_links(links: Iterable[str]) -> list[str]:
    return limits.lines(
        links, limit=limits.EVIDENCE_URL, count=limits.EVIDENCE_LINKS, label=_LINKS, field="links"
    )


# How an edit cleans and checks each editable text field.
_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "title": clean_title,
    "short_name": clean_short_name,
    "steps": functools.partial(clean_steps, required=True),
    "monitoring": clean_monitoring,
    "indicator_codes": clean_indicator_codes,
}


def _divisions_of(
    agency: Agency, divisions: Sequence[Division], kept: Iterable[int] | None = ()
) -> list[Division]:
    """The divisions of a measure, checked. A retired division is refused unless its pk is
    in `kept` (the measure already has it) or `kept` is None (an imported memo, a record of
    what was)."""
    divisions = list(divisions)
    if not divisions:
        raise ValidationFailed(_("ต้องระบุผู้รับผิดชอบอย่างน้อยหนึ่งส่วนราชการ"), field="divisions")
    if any(d.agency_id != agency.pk for d in divisions):
        raise ValidationFailed(_("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"), field="divisions")
    if kept is not None:
        allowed = set(kept)
        retired = Division.objects.filter(
            pk__in=[d.pk for d in divisions if d.pk not in allowed], retired_at__isnull=False
        ).first()
        if retired is not None:
            raise ValidationFailed(
                _("ส่วนราชการ %(name)s เลิกใช้แล้ว เลือกส่วนราชการอื่น") % {"name": retired.name},
                field="divisions",
            )
    return divisions


@transaction.atomic
def create_measure(
    *,
    actor: Any,
    agency: Agency,
    fiscal_year: int,
    title: str,
    steps: Iterable[str],
    divisions: Sequence[Division],
    monitoring: str = "",
    due_date: dt.date | None = None,
    indicator_codes: Iterable[str] = (),
    number: int | None = None,
    short_name: str = "",
    from_import: bool = False,
) -> Measure:
    title = clean_title(title)
    short_name = clean_short_name(short_name)
    steps = clean_steps(steps)
    monitoring = clean_monitoring(monitoring)
    indicator_codes = clean_indicator_codes(indicator_codes)
    if not is_fiscal_year(fiscal_year):
        raise ValidationFailed(_("ปีงบประมาณ %(year)s ไม่ถูกต้อง (ใช้ พ.ศ.)") % {"year": fiscal_year})
    division_list = _divisions_of(agency, divisions, None if from_import else ())
    taken = Measure.objects.filter(agency=agency, fiscal_year=fiscal_year)
    if number is None:
        number = (taken.aggregate(n=Max("number"))["n"] or 0) + 1
    elif taken.filter(number=number).exists():
        raise ValidationFailed(
            _("มีมาตรการลำดับที่ %(number)s ของปี %(year)s แล้ว")
            % {"number": number, "year": fiscal_year}
        )
    measure = Measure.objects.create(
        agency=agency,
        fiscal_year=fiscal_year,
        number=number,
        title=title,
        short_name=short_name,
        steps=steps,
        monitoring=monitoring,
        due_date=due_date,
        indicator_codes=indicator_codes,
    )
    measure.divisions.set(division_list)
    _record(
        actor,
        agency,
        "measure.create",
        measure,
        {"number": number, "title": title},
        year=fiscal_year,
    )
    return measure


@transaction.atomic
def update_measure(
    *,
    actor: Any,
    measure: Measure,
    expected_version: int,
    divisions: Sequence[Division] | None = None,
    **changes: Any,
) -> Measure:
    """Apply `changes` if nobody saved the measure since `expected_version`.

    A stale form raises StaleEdit with the fields that changed meanwhile (old → current),
    never a silent overwrite.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    current = Measure.objects.select_for_update().get(pk=measure.pk)
    if current.version != expected_version:
        raise StaleEdit(_differences(measure, current))
    # Cleaned first, then checked: a title of control characters only is an empty title.
    for name, clean in _CLEANERS.items():
        if name in changes:
            changes[name] = clean(changes[name])
    for name, value in changes.items():
        setattr(current, name, value)
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    if divisions is not None:
        kept = current.divisions.values_list("pk", flat=True)
        current.divisions.set(_divisions_of(current.agency, divisions, list(kept)))
    _record(
        actor,
        current.agency,
        "measure.update",
        current,
        {"fields": sorted(changes)},
        year=current.fiscal_year,
    )
    return current


def _differences(seen: Measure, current: Measure) -> dict[str, tuple[object, object]]:
    return {
        name: (getattr(seen, name), getattr(current, name))
        for name in EDITABLE_FIELDS
        if getattr(seen, name) != getattr(current, name)
    }


_url_validator = URLValidator(schemes=["http", "https"])
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def normalize_link(link: str) -> str:
    """A link as people type it: "www.ummao.go.th/ita" means https://www.ummao.go.th/ita.

    Only an address without a scheme gains https://; any other scheme is left for the
    validator to refuse (javascript: gains nothing and then fails as a host name)."""
    link = link.strip()
    if not link or _SCHEME_RE.match(link):
        return link
    return "https://" + link.removeprefix("//")


@transaction.atomic
def report_status(
    *,
    actor: Any,
    measure: Measure,
    status: str,
    note: str = "",
    reported_on: dt.date | None = None,
    links: Iterable[str] = (),
    files: Iterable[tuple[str, CheckedFile]] = (),
) -> StatusUpdate:
    """Append a status update with its evidence; the measure's status is its latest update."""
    files = list(files)
    if status not in Status.values:
        raise ValidationFailed(_("สถานะ “%(status)s” ไม่ถูกต้อง") % {"status": status}, field="status")
    note = limits.text(note, limit=limits.STATUS_NOTE, label=_NOTE, field="note", multiline=True)
    reported_on = reported_on or timezone.localdate()
    _check_reported_on(measure, reported_on)
    typed = clean_links(links)
    checked_links = [normalize_link(link) for link in typed]
    for link, as_typed in zip(checked_links, typed, strict=True):
        try:
            _url_validator(link)
        except ValidationError:
            raise ValidationFailed(
                _("ลิงก์ไม่ถูกต้อง: %(link)s") % {"link": as_typed}, field="links"
            ) from None
    update = StatusUpdate.objects.create(
        measure=measure,
        status=status,
        note=note,
        reported_on=reported_on,
        created_by=actor,
    )
    evidence_rows = [Evidence.objects.create(update=update, url=link) for link in checked_links]
    for original_name, checked in files:
        evidence = Evidence(
            update=update,
            original_name=clean_text(original_name)[:255],  # shown on pages: no bidi tricks
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        store_upload(evidence.file, checked)
        evidence.save()
        evidence_rows.append(evidence)
    _record(
        actor,
        measure.agency,
        "status.report",
        update,
        {"measure": measure.pk, "status": status, "links": checked_links, "files": len(files)},
        rows=[update, *evidence_rows],
        year=measure.fiscal_year,
    )
    return update


def _check_reported_on(measure: Measure, reported_on: dt.date) -> None:
    """A status is dated from a year before the measure's fiscal year up to today (in
    Thailand): a date in the future would shadow every later update."""
    if reported_on > timezone.localdate():
        raise ValidationFailed(_("วันที่ของข้อมูลต้องไม่เกินวันนี้"), field="reported_on")
    start, _end = fiscal_year_bounds(measure.fiscal_year)
    earliest = start.replace(year=start.year - 1)
    if reported_on < earliest:
        raise ValidationFailed(
            _("วันที่ของข้อมูลต้องไม่ก่อน %(date)s (หนึ่งปีก่อนเริ่มปีงบประมาณ %(year)s)")
            % {"date": format_thai_date(earliest, thai_digits=False), "year": measure.fiscal_year},
            field="reported_on",
        )


MAX_REASON = 1000


@transaction.atomic
def withdraw_update(actor: Any, update: StatusUpdate, reason: str) -> StatusWithdrawal:
    """Withdraw a wrong status update (coordinators only, with a reason, once).

    Nothing is erased: the update stays in the history, marked withdrawn, and the measure's
    status becomes its latest update not withdrawn.
    """
    update = StatusUpdate.objects.select_related("measure__agency").get(pk=update.pk)
    agency = update.measure.agency
    user_pk = getattr(actor, "pk", None)
    membership = (
        Membership.objects.filter(user_id=user_pk, agency=agency).first() if user_pk else None
    )
    if membership is None:  # not of this agency: the same refusal as a role without the right
        membership = Membership(agency=agency, role="")
    require_role(membership, Role.COORDINATOR, agency=agency)
    reason = clean_text(reason or "", multiline=True).strip()
    if not reason:
        raise ValidationFailed(_("ต้องระบุเหตุผลที่ถอนรายงานสถานะ"), field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationFailed(
            _("เหตุผลยาวเกิน %(limit)s ตัวอักษร") % {"limit": MAX_REASON}, field="reason"
        )
    if StatusWithdrawal.objects.filter(update=update).exists():
        raise ValidationFailed(_("รายงานสถานะนี้ถูกถอนไปแล้ว"), field="reason")
    try:
        with transaction.atomic():
            withdrawal = StatusWithdrawal.objects.create(
                update=update, reason=reason, withdrawn_by=actor
            )
    except IntegrityError:  # withdrawn by someone else meanwhile
        raise ValidationFailed(_("รายงานสถานะนี้ถูกถอนไปแล้ว"), field="reason") from None
    _record(
        actor,
        agency,
        "status.withdraw",
        withdrawal,
        {
            "measure": update.measure_id,
            "number": update.measure.number,
            "update": update.pk,
            "status": update.status,
            "reported_on": update.reported_on,
            "reason": reason,
        },
        year=update.measure.fiscal_year,
    )
    return withdrawal


class ImportedMeasure(Protocol):
    """A measure read from a memo (see prongsai.imports.mapping)."""

    number: int | None
    title: str
    steps: list[str]
    divisions: list[str]
    monitoring: str
    status: str | None
    evidence: str


def import_measures(
    *,
    actor: Any,
    agency: Agency,
    fiscal_year: int,
    measures: Sequence[ImportedMeasure],
    reported_on: dt.date,
    links_of: Callable[[str], list[str]],
) -> list[Measure]:
    """Create the imported measures (and the divisions they name) of an agency-year, with
    their statuses as of `reported_on`; all or nothing, and refused when the year already
    has measures (an import never duplicates)."""
    created = []
    with transaction.atomic():
        existing = Measure.objects.filter(agency=agency, fiscal_year=fiscal_year).count()
        if existing:
            raise ValidationFailed(
                _(
                    "%(agency)s มีมาตรการของปีงบประมาณ %(year)s แล้ว %(count)s รายการ "
                    "การนำเข้าจะทำให้ซ้ำ จึงไม่บันทึก"
                )
                % {"agency": agency.name, "year": fiscal_year, "count": existing}
            )
        divisions: dict[str, Division] = {}
        for item in measures:
            for name in item.divisions:
                if name not in divisions:
                    divisions[name] = add_division(actor=actor, agency=agency, name=name)
            measure = create_measure(
                actor=actor,
                agency=agency,
                fiscal_year=fiscal_year,
                title=item.title,
                steps=item.steps,
                divisions=[divisions[n] for n in item.divisions],
                monitoring=item.monitoring,
                number=item.number,
                from_import=True,
            )
            if item.status:
                report_status(
                    actor=actor,
                    measure=measure,
                    status=item.status,
                    note=item.evidence,
                    reported_on=reported_on,
                    links=links_of(item.evidence),
                )
            created.append(measure)
    return created


def _record(
    actor: Any,
    agency: Agency,
    action: str,
    obj: Any,
    payload: dict[str, Any],
    rows: Sequence[Any] = (),
    *,
    year: int,
) -> None:
    """The single hook where every state change of this module is recorded; the event binds
    the rows written (`obj`, a measure or status update, and `rows`). The agency-year's
    figures are counted again after the event: recording locks the agency row, so a
    concurrent change of the same agency waits and counts after this one commits."""
    from prongsai.audit.services import record_event

    record_event(actor=actor, agency=agency, action=action, obj=obj, payload=payload, rows=rows)
    refresh_figures(agency.pk, year)
