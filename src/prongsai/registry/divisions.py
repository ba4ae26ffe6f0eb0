"""The coordinator's changes to the agency's divisions and its own profile (one
transaction each, audited)."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Division
from prongsai.audit.services import record_event
from prongsai.core import limits
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.registry.services import add_division

# -- divisions --------------------------------------------------------------------------
#
# A division is retired, never deleted: its measures, status reports and history keep its
# name (a deletion would cascade through them). A retired division is no longer offered
# for new or changed measures and can be restored. A rename changes the name everywhere it
# is read live (pages, memos built afterwards); published reports keep the name of their
# snapshot.


def _division_name(name: str) -> str:
    return limits.text(
        name, limit=limits.DIVISION_NAME, label=_("ชื่อส่วนราชการ"), field="name", required=True
    )


def _refuse_taken(agency: Agency, name: str, exclude: int | None = None) -> None:
    others = Division.objects.filter(agency=agency, name=name)
    taken = (others.exclude(pk=exclude) if exclude is not None else others).first()
    if taken is None:
        return
    if taken.retired_at is not None:
        raise ValidationFailed(
            _("มีส่วนราชการชื่อ “%(name)s” ที่เลิกใช้แล้ว ใช้ปุ่ม “นำกลับมาใช้” แทน") % {"name": name},
            field="name",
        )
    raise ValidationFailed(_("มีส่วนราชการชื่อ “%(name)s” แล้ว") % {"name": name}, field="name")


def _locked_division(division: Division) -> Division:
    return Division.objects.select_for_update().get(pk=division.pk)


@transaction.atomic
def new_division(*, actor: Any, agency: Agency, name: str) -> Division:
    """A division added by the coordinator, placed last; a name already taken is refused
    (unlike add_division, which the import uses to find or create by name)."""
    name = _division_name(name)
    _refuse_taken(agency, name)
    last = Division.objects.filter(agency=agency).aggregate(n=Max("order"))["n"] or 0
    return add_division(actor=actor, agency=agency, name=name, order=last + 1)


@transaction.atomic
def rename_division(*, actor: Any, division: Division, name: str) -> Division:
    name = _division_name(name)
    current = _locked_division(division)
    if name == current.name:
        return current
    _refuse_taken(current.agency, name, exclude=current.pk)
    old = current.name
    current.name = name
    current.save(update_fields=["name"])
    record_event(
        actor=actor,
        agency=current.agency,
        action="division.rename",
        obj=current,
        payload={"old": old, "name": name},
    )
    return current


@transaction.atomic
def reorder_divisions(*, actor: Any, agency: Agency, ids: Sequence[int]) -> None:
    """Put the agency's divisions in the order of `ids`, which names each of them once."""
    divisions = {d.pk: d for d in Division.objects.select_for_update().filter(agency=agency)}
    ids = list(ids)
    if sorted(ids) != sorted(divisions):
        raise ValidationFailed(
            _("ลำดับส่วนราชการไม่ครบหรือไม่ตรงกับของหน่วยงาน โปรดเปิดหน้านี้ใหม่แล้วลองอีกครั้ง"),
            field="order",
        )
    for order, pk in enumerate(ids, start=1):
        division = divisions[pk]
        if division.order != order:
            division.order = order
            division.save(update_fields=["order"])
    record_event(
        actor=actor,
        agency=agency,
        action="division.reorder",
        obj=agency,
        payload={"names": [divisions[pk].name for pk in ids]},
    )


@transaction.atomic
def retire_division(*, actor: Any, division: Division) -> Division:
    current = _locked_division(division)
    if current.retired_at is not None:
        raise ValidationFailed(_("ส่วนราชการนี้เลิกใช้อยู่แล้ว"))
    current.retired_at = timezone.now()
    current.save(update_fields=["retired_at"])
    record_event(
        actor=actor,
        agency=current.agency,
        action="division.retire",
        obj=current,
        payload={"name": current.name},
    )
    return current


@transaction.atomic
def restore_division(*, actor: Any, division: Division) -> Division:
    current = _locked_division(division)
    if current.retired_at is None:
        raise ValidationFailed(_("ส่วนราชการนี้ใช้งานอยู่แล้ว"))
    current.retired_at = None
    current.save(update_fields=["retired_at"])
    record_event(
        actor=actor,
        agency=current.agency,
        action="division.restore",
        obj=current,
        payload={"name": current.name},
    )
    return current


# -- the agency's profile ----------------------------------------------------------------

#: What the coordinator may change on the profile page (the place is the operator's).
PROFILE_FIELDS = (
    "name",
    "address",
    "telephone",
    "website",
    "document_number",
    "head_name",
    "head_title",
    "signer_name",
    "signer_position",
    "reporting_unit",
)
_REQUIRED = frozenset({"name", "head_title", "reporting_unit"})
ADDRESS_LIMIT = 500
_url_validator = URLValidator(schemes=["http", "https"])


def profile_field(name: str) -> tuple["models.Field[Any, Any]", int]:
    """The model field of a profile field and its length limit."""
    field = Agency._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field, ADDRESS_LIMIT if name == "address" else int(field.max_length or 200)


def clean_profile_field(name: str, value: Any) -> str:
    """One profile field cleaned as the service stores it; ValidationFailed naming it."""
    field, limit = profile_field(name)
    text = limits.text(
        value if isinstance(value, str) else "",
        limit=limit,
        label=field.verbose_name,
        field=name,
        required=name in _REQUIRED,
        multiline=name == "address",
    )
    if name == "document_number" and "/" in text:
        raise ValidationFailed(
            _("เลขประจำหน่วยงานไม่ต้องมีเครื่องหมาย / (เลขทะเบียนส่งเติมเมื่อออกหนังสือ)"),
            field=name,
        )
    if name == "website" and text:
        if "://" not in text:
            text = "https://" + text.removeprefix("//")
        try:
            _url_validator(text)
        except DjangoValidationError:
            raise ValidationFailed(
                _("เว็บไซต์ “%(url)s” ไม่ถูกต้อง") % {"url": text[:100]}, field=name
            ) from None
    return text


@transaction.atomic
def update_agency_profile(
    *, actor: Any, agency: Agency, expected_version: int, **fields: Any
) -> Agency:
    """Change the agency's own texts (PROFILE_FIELDS) if nobody saved them since
    `expected_version`: a stale form raises StaleEdit with what changed meanwhile."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = Agency.objects.select_for_update().get(pk=agency.pk)
    if current.version != expected_version:
        raise StaleEdit(
            {
                name: (getattr(agency, name), getattr(current, name))
                for name in PROFILE_FIELDS
                if getattr(agency, name) != getattr(current, name)
            }
        )
    cleaned = {name: clean_profile_field(name, value) for name, value in fields.items()}
    changed = sorted(name for name, value in cleaned.items() if getattr(current, name) != value)
    if not changed:
        return current
    for name in changed:
        setattr(current, name, cleaned[name])
    current.version = F("version") + 1
    current.save(update_fields=[*changed, "version"])
    current.refresh_from_db()
    record_event(
        actor=actor,
        agency=current,
        action="agency.profile",
        obj=current,
        payload={"fields": changed},
    )
    return current
