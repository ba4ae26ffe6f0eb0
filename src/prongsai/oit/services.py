"""The OIT checklist's writes: opening an agency-year's list, editing an item, the addresses
prongsai fills in itself after publishing, and the state a link check found.

Each function validates, writes and records an audit event in one transaction; the event
binds the rows written (OitItem is an audited model), so `audit verify` sees every change
and the agency-year page, cached per audit-chain head, shows it at once."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Division, Membership
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.ita.framework import Framework, FrameworkError, load_framework
from prongsai.measures.services import normalize_link
from prongsai.oit.access import editable_fields
from prongsai.oit.models import ItemState, OitItem
from prongsai.oit.published import automatic_urls
from prongsai.thai.text import clean_text

EDITABLE_FIELDS = ("division", "person", "due_date", "url", "state", "notes")
NOTES_MAX = 2000
# The states that say an address is on the agency's website (NACC's "has").
HAS_STATES = frozenset({ItemState.PUBLISHED, ItemState.LINK_OK})
_url_validator = URLValidator(schemes=["http", "https"])


def framework_of(year: int) -> Framework:
    """The year's framework, or a Thai ValidationFailed when none is shipped."""
    try:
        return load_framework(year)
    except FrameworkError:
        raise ValidationFailed(
            _("ยังไม่มีรายการข้อ OIT ของปี %(year)s ในระบบ") % {"year": year}
        ) from None


def _record(
    actor: Any, agency: Agency, action: str, obj: Any, payload: dict[str, Any], rows: Any = ()
) -> None:
    from prongsai.audit.services import record_event

    record_event(actor=actor, agency=agency, action=action, obj=obj, payload=payload, rows=rows)


@transaction.atomic
def open_checklist(agency: Agency, year: int, *, actor: Any = None) -> list[OitItem]:
    """Every item of the year's framework as an OitItem row (the missing ones created).

    Idempotent: opening again creates nothing and records nothing. The agency row is locked
    first, so two people opening at once do not both insert."""
    framework = framework_of(year)
    Agency.objects.select_for_update().filter(pk=agency.pk).exists()
    have = set(
        OitItem.objects.filter(agency=agency, fiscal_year=year).values_list("code", flat=True)
    )
    missing = [item.code for item in framework.items if item.code not in have]
    if missing:
        OitItem.objects.bulk_create(
            [OitItem(agency=agency, fiscal_year=year, code=code) for code in missing]
        )
        created = list(OitItem.objects.filter(agency=agency, fiscal_year=year, code__in=missing))
        _record(
            actor,
            agency,
            "oit.open",
            None,
            {"fiscal_year": year, "codes": missing, "provisional": framework.provisional},
            rows=created,
        )
    return list(OitItem.objects.filter(agency=agency, fiscal_year=year))


def _membership(actor: Any, agency: Agency) -> Membership:
    membership = (
        Membership.objects.filter(user=actor, agency=agency, active=True)
        .prefetch_related("divisions")
        .first()
        if getattr(actor, "pk", None)
        else None
    )
    if membership is None:
        raise PermissionDenied(_("ท่านไม่ได้เป็นสมาชิกของหน่วยงานนี้"))
    return membership


def clean_url(value: str) -> str:
    url = normalize_link(clean_text(value or ""))
    if not url:
        return ""
    if len(url) > 500:
        raise ValidationFailed(_("ลิงก์ยาวเกิน 500 ตัวอักษร"), field="url")
    try:
        _url_validator(url)
    except ValidationError:
        raise ValidationFailed(
            _("ลิงก์ไม่ถูกต้อง ต้องขึ้นต้นด้วย http:// หรือ https://"), field="url"
        ) from None
    return url


def _clean(current: OitItem, changes: dict[str, Any]) -> dict[str, Any]:
    agency = current.agency
    cleaned = dict(changes)
    if "url" in cleaned:
        cleaned["url"] = clean_url(cleaned["url"])
    if "notes" in cleaned:
        notes = clean_text(cleaned["notes"] or "", multiline=True)
        if len(notes) > NOTES_MAX:
            raise ValidationFailed(_("หมายเหตุยาวเกิน 2,000 ตัวอักษร"), field="notes")
        cleaned["notes"] = notes
    if "state" in cleaned and cleaned["state"] not in ItemState.values:
        raise ValidationFailed(_("สถานะไม่ถูกต้อง"), field="state")
    division = cleaned.get("division")
    # A retired division stays on the items it already answers (its name on the record).
    if division is not None and (
        not isinstance(division, Division)
        or division.agency_id != agency.pk
        or (division.retired_at is not None and division.pk != current.division_id)
    ):
        raise ValidationFailed(_("เลือกส่วนราชการของหน่วยงานนี้"), field="division")
    person = cleaned.get("person")
    if (
        person is not None
        and not Membership.objects.filter(user=person, agency=agency, active=True).exists()
    ):
        raise ValidationFailed(_("เลือกผู้รับผิดชอบที่เป็นสมาชิกของหน่วยงานนี้"), field="person")
    due = cleaned.get("due_date")
    if due is not None and not isinstance(due, dt.date):
        raise ValidationFailed(_("วันที่ไม่ถูกต้อง"), field="due_date")
    return cleaned


def _differences(seen: OitItem, current: OitItem) -> dict[str, tuple[object, object]]:
    names = [
        ("division_id" if n == "division" else "person_id" if n == "person" else n)
        for n in EDITABLE_FIELDS
    ]
    return {
        name.removesuffix("_id"): (getattr(seen, name), getattr(current, name))
        for name in names
        if getattr(seen, name) != getattr(current, name)
    }


@transaction.atomic
def update_item(actor: Any, item: OitItem, expected_version: int, **fields: Any) -> OitItem:
    """Apply `fields` if nobody saved the item since `expected_version` (else StaleEdit).

    Coordinators change every field; a reporter the address, state and notes of their own
    divisions' items (oit.access). An address typed over one prongsai filled in makes the
    item the person's own (no longer automatic); a new address drops the old address's
    check result (the state goes back to "published")."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    current = OitItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
    membership = _membership(actor, current.agency)
    allowed = editable_fields(membership, current)
    if not allowed or set(fields) - allowed:
        raise PermissionDenied(_("ท่านแก้ไขได้เฉพาะลิงก์ สถานะ และหมายเหตุของข้อที่ส่วนราชการของท่านรับผิดชอบ"))
    if current.version != expected_version:
        raise StaleEdit(_differences(item, current))
    changes = _clean(current, fields)
    changed = sorted(name for name, value in changes.items() if getattr(current, name) != value)
    if not changed:
        return current
    url_changed = "url" in changed
    for name in changed:
        setattr(current, name, changes[name])
    if url_changed:
        current.automatic = False
        if "state" not in changed and current.state in (ItemState.LINK_OK, ItemState.LINK_BROKEN):
            current.state = ItemState.PUBLISHED
    if current.state in HAS_STATES and not current.url:
        raise ValidationFailed(_("ใส่ลิงก์ก่อนตั้งสถานะเป็นเผยแพร่แล้ว"), field="url")
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    _record(
        actor,
        current.agency,
        "oit.update",
        current,
        {
            "code": current.code,
            "fiscal_year": current.fiscal_year,
            "fields": changed,
            "state": current.state,
            "url": current.url,
        },
    )
    return current


@transaction.atomic
def fill_published(agency: Agency, year: int) -> list[OitItem]:
    """Give the items prongsai publishes (oit.published) their public addresses.

    Called after each publication (the `public.signals.published` signal, connected in
    OitConfig.ready). The checklist is opened if it was not; an address a person typed
    themselves is left alone. Returns the items changed."""
    urls = automatic_urls(agency, year)
    if not urls:
        return []
    try:
        load_framework(year)
    except FrameworkError:
        return []
    open_checklist(agency, year)
    changed = []
    items = OitItem.objects.select_for_update().filter(
        agency=agency, fiscal_year=year, code__in=list(urls)
    )
    for item in items:
        url = urls[item.code]
        if item.url and not item.automatic:
            continue  # the person's own address stands
        if item.automatic and item.url == url and item.state != ItemState.NOT_STARTED:
            continue
        item.url = url
        item.automatic = True
        if item.state not in HAS_STATES:
            item.state = ItemState.PUBLISHED
        item.version = F("version") + 1
        item.save()
        item.refresh_from_db()
        _record(
            None,
            agency,
            "oit.fill",
            item,
            {"code": item.code, "fiscal_year": year, "url": url, "state": item.state},
        )
        changed.append(item)
    return changed


@transaction.atomic
def record_link_state(item: OitItem, ok: bool) -> OitItem:
    """The state a check of the item's address found (link_ok or link_broken), for the
    link checker; nothing is written when the state is already that."""
    current = OitItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
    state = ItemState.LINK_OK if ok else ItemState.LINK_BROKEN
    if current.state == state or not current.url:
        return current
    current.state = state
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    _record(
        None,
        current.agency,
        "oit.link_state",
        current,
        {
            "code": current.code,
            "fiscal_year": current.fiscal_year,
            "url": current.url,
            "state": state,
        },
    )
    return current


def people_of(agency: Agency) -> Any:
    """The agency's active members, for the responsible-person choice."""
    return (
        get_user_model()
        .objects.filter(memberships__agency=agency, memberships__active=True)
        .order_by("first_name", "username")
        .distinct()
    )
