"""The only code that changes measures, status updates (and their withdrawals) and evidence.

Each function validates, writes and records in one transaction. Views and commands call
these; they never call .save() on a domain model themselves.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from prongsai.agencies.access import require_role
from prongsai.agencies.models import Agency, Division, Membership, Role
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.core.uploads import CheckedFile, store_upload
from prongsai.measures.models import Evidence, Measure, Status, StatusUpdate, StatusWithdrawal
from prongsai.registry.services import add_division
from prongsai.thai.dates import is_fiscal_year
from prongsai.thai.text import strip_control

EDITABLE_FIELDS = ("title", "steps", "monitoring", "due_date", "indicator_codes")


def _clean(text: str) -> str:
    return strip_control(text).strip()


def _clean_steps(steps: Iterable[str]) -> list[str]:
    return [_clean(s) for s in steps if s and _clean(s)]


def _divisions_of(agency: Agency, divisions: Sequence[Division]) -> list[Division]:
    divisions = list(divisions)
    if not divisions:
        raise ValidationFailed(_("ต้องระบุผู้รับผิดชอบอย่างน้อยหนึ่งส่วนราชการ"), field="divisions")
    if any(d.agency_id != agency.pk for d in divisions):
        raise ValidationFailed(_("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"), field="divisions")
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
) -> Measure:
    title = _clean(title)
    if not title:
        raise ValidationFailed(_("ต้องระบุชื่อมาตรการ"), field="title")
    if not is_fiscal_year(fiscal_year):
        raise ValidationFailed(_("ปีงบประมาณ %(year)s ไม่ถูกต้อง (ใช้ พ.ศ.)") % {"year": fiscal_year})
    division_list = _divisions_of(agency, divisions)
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
        steps=_clean_steps(steps),
        monitoring=_clean(monitoring),
        due_date=due_date,
        indicator_codes=[_clean(c) for c in indicator_codes if _clean(c)],
    )
    measure.divisions.set(division_list)
    _record(actor, agency, "measure.create", measure, {"number": number, "title": title})
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
    if "title" in changes and not str(changes["title"]).strip():
        raise ValidationFailed(_("ต้องระบุชื่อมาตรการ"), field="title")
    if "steps" in changes:
        changes["steps"] = _clean_steps(changes["steps"])
    for name in ("title", "monitoring"):
        if isinstance(changes.get(name), str):
            changes[name] = _clean(changes[name])
    for name, value in changes.items():
        setattr(current, name, value)
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    if divisions is not None:
        current.divisions.set(_divisions_of(current.agency, divisions))
    _record(actor, current.agency, "measure.update", current, {"fields": sorted(changes)})
    return current


def _differences(seen: Measure, current: Measure) -> dict[str, tuple[object, object]]:
    return {
        name: (getattr(seen, name), getattr(current, name))
        for name in EDITABLE_FIELDS
        if getattr(seen, name) != getattr(current, name)
    }


_url_validator = URLValidator(schemes=["http", "https"])


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
    clean_links = [link.strip() for link in links if link.strip()]
    for link in clean_links:
        try:
            _url_validator(link)
        except ValidationError:
            raise ValidationFailed(
                _("ลิงก์ไม่ถูกต้อง: %(link)s") % {"link": link}, field="links"
            ) from None
    update = StatusUpdate.objects.create(
        measure=measure,
        status=status,
        note=_clean(note),
        reported_on=reported_on or dt.date.today(),
        created_by=actor,
    )
    evidence_rows = [Evidence.objects.create(update=update, url=link) for link in clean_links]
    for original_name, checked in files:
        evidence = Evidence(
            update=update,
            original_name=original_name[:255],
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
        {"measure": measure.pk, "status": status, "links": clean_links, "files": len(files)},
        rows=[update, *evidence_rows],
    )
    return update


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
    reason = _clean(reason or "")
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
) -> None:
    """The single hook where every state change of this module is recorded; the event binds
    the rows written (`obj`, a measure or status update, and `rows`)."""
    from prongsai.audit.services import record_event

    record_event(actor=actor, agency=agency, action=action, obj=obj, payload=payload, rows=rows)
