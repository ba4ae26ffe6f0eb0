"""The only code that changes cases: feedback and complaints, replies, states, retention.

Each function validates, writes and records an audit event in one transaction. The sender
is anonymous (a receipt code, never a connection detail); the officer's functions take the
complaint officer's Membership.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.access import require_role
from prongsai.agencies.models import Agency, Membership, Role
from prongsai.core import limits
from prongsai.core.errors import ValidationFailed
from prongsai.core.uploads import CheckedFile, store_upload
from prongsai.public import receipts
from prongsai.public.models import (
    Author,
    Case,
    CaseAttachment,
    CaseKind,
    CaseMessage,
    CaseState,
    PurgedCaseCount,
)
from prongsai.public.services import record
from prongsai.thai.dates import fiscal_year_of

ANONYMOUS = "anonymous"
MAX_FILES = 3


def clean_subject(subject: str) -> str:
    return limits.text(
        subject, limit=limits.CASE_SUBJECT, label=_("หัวเรื่อง"), field="subject", required=True
    )


def clean_body(body: str, label: object = None) -> str:
    """A sender's message or an officer's reply: several lines kept."""
    return limits.text(
        body,
        limit=limits.CASE_BODY,
        label=label or _("รายละเอียด"),
        field="body",
        required=True,
        multiline=True,
    )


def clean_contact(contact: str) -> str:
    return limits.text(
        contact, limit=limits.CASE_CONTACT, label=_("ช่องทางติดต่อกลับ"), field="contact"
    )


def _check_files(files: list[CheckedFile]) -> None:
    if len(files) > MAX_FILES:
        raise ValidationFailed(
            _("แนบไฟล์ได้ไม่เกิน %(count)s ไฟล์") % {"count": MAX_FILES}, field="files"
        )


def _attach(case: Case, message: CaseMessage, files: Iterable[CheckedFile]) -> None:
    for checked in files:
        attachment = CaseAttachment(
            case=case,
            message=message,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        store_upload(attachment.file, checked)
        attachment.save()


def _new_case(agency: Agency, kind: str, subject: str, contact: str) -> tuple[Case, str]:
    """Create the case under a fresh random receipt whose lookup digits are unused."""
    for _attempt in range(20):
        receipt = receipts.new_receipt()
        lookup = receipts.lookup_of(receipt)
        if Case.objects.filter(lookup=lookup).exists():
            continue
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    agency=agency,
                    kind=kind,
                    subject=subject,
                    contact=contact,
                    fiscal_year=fiscal_year_of(timezone.localdate()),
                    lookup=lookup,
                    receipt_hash=receipts.hash_receipt(receipt),
                )
        except IntegrityError:  # taken by a concurrent submission
            continue
        return case, receipt
    raise RuntimeError("no free receipt lookup after 20 attempts")


@transaction.atomic
def submit_feedback(
    *,
    agency: Agency,
    kind: str,
    subject: str,
    body: str,
    contact: str = "",
    files: Iterable[CheckedFile] = (),
) -> tuple[Case, str]:
    """Receive a comment, praise or complaint; return the case and its receipt code.

    The receipt exists only in the return value: it is shown to the sender once and
    stored as a slow hash. Nothing about the sender's connection reaches this function.
    """
    files = list(files)
    if kind not in CaseKind.values:
        raise ValidationFailed(_("กรุณาเลือกประเภทเรื่อง"), field="kind")
    subject = clean_subject(subject)
    body = clean_body(body)
    contact = clean_contact(contact)
    _check_files(files)
    case, receipt = _new_case(agency, kind, subject, contact)
    message = CaseMessage.objects.create(case=case, author=Author.SENDER, body=body)
    _attach(case, message, files)
    record(ANONYMOUS, agency, "case.receive", case, {"kind": kind})
    return case, receipt


def case_for_receipt(agency: Agency, receipt_text: str) -> Case | None:
    """The agency's case of this receipt code, or None (wrong, unknown or other agency)."""
    receipt = receipts.normalize(receipt_text)
    if receipt is None:
        return None
    case = Case.objects.filter(lookup=receipts.lookup_of(receipt)).first()
    ok = receipts.matches(receipt, case.receipt_hash if case else None)
    if not ok or case is None or case.agency_id != agency.pk:
        return None
    return case


@transaction.atomic
def sender_reply(*, case: Case, body: str, files: Iterable[CheckedFile] = ()) -> CaseMessage:
    """The sender answers on their case (found with the receipt code)."""
    files = list(files)
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.state == CaseState.CLOSED:
        raise ValidationFailed(_("เรื่องนี้ปิดแล้ว หากมีข้อมูลใหม่กรุณาแจ้งเป็นเรื่องใหม่"))
    body = clean_body(body, _("ข้อความ"))
    _check_files(files)
    message = CaseMessage.objects.create(case=current, author=Author.SENDER, body=body)
    _attach(current, message, files)
    if current.state == CaseState.ANSWERED:
        current.state = CaseState.IN_REVIEW
    current.save(update_fields=["state", "updated_at"])
    record(ANONYMOUS, current.agency, "case.sender_reply", current, {"state": current.state})
    return message


# Allowed moves of a case; an officer's reply moves it to "answered".
TRANSITIONS: dict[str, set[str]] = {
    CaseState.RECEIVED: {CaseState.IN_REVIEW, CaseState.CLOSED},
    CaseState.IN_REVIEW: {CaseState.ANSWERED, CaseState.CLOSED},
    CaseState.ANSWERED: {CaseState.IN_REVIEW, CaseState.CLOSED},
    CaseState.CLOSED: {CaseState.IN_REVIEW},
}


def _locked_case(membership: Membership, case: Case) -> Case:
    require_role(membership, Role.COMPLAINT_OFFICER, agency=case.agency)
    return Case.objects.select_for_update().get(pk=case.pk)


def _set_state(case: Case, state: str, now: dt.datetime) -> None:
    case.state = state
    case.closed_at = now if state == CaseState.CLOSED else None
    case.save(update_fields=["state", "closed_at", "updated_at"])


@transaction.atomic
def reply(*, membership: Membership, case: Case, body: str) -> CaseMessage:
    """A complaint officer answers the sender; the case becomes "answered"."""
    current = _locked_case(membership, case)
    if current.state == CaseState.CLOSED:
        raise ValidationFailed(_("เรื่องนี้ปิดแล้ว เปิดเรื่องใหม่ก่อนตอบกลับ"))
    body = clean_body(body, _("ข้อความตอบกลับ"))
    message = CaseMessage.objects.create(
        case=current, author=Author.OFFICER, officer=membership.user, body=body
    )
    previous = current.state
    _set_state(current, CaseState.ANSWERED, timezone.now())
    record(
        membership.user, current.agency, "case.reply", current, {"from": previous, "to": "answered"}
    )
    return message


@transaction.atomic
def change_case_state(
    *, membership: Membership, case: Case, state: str, expected_state: str
) -> Case:
    current = _locked_case(membership, case)
    if current.state != expected_state:
        raise ValidationFailed(_("สถานะของเรื่องเปลี่ยนไปแล้วระหว่างที่ท่านดูอยู่ กรุณาตรวจสอบอีกครั้ง"))
    if state not in TRANSITIONS.get(current.state, set()):
        raise ValidationFailed(_("เปลี่ยนสถานะเช่นนี้ไม่ได้"), field="state")
    previous = current.state
    _set_state(current, state, timezone.now())
    record(membership.user, current.agency, "case.state", current, {"from": previous, "to": state})
    return current


def purge_expired_cases(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Delete cases closed more than `days` (COMPLAINT_RETENTION_DAYS) ago, with their
    messages and files; the yearly statistics keep counting them. Returns how many."""
    days = int(settings.COMPLAINT_RETENTION_DAYS if days is None else days)
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    expired = Case.objects.filter(state=CaseState.CLOSED, closed_at__lt=cutoff)
    total = 0
    for agency_id in sorted(set(expired.values_list("agency_id", flat=True))):
        total += _purge_agency(Agency.objects.get(pk=agency_id), cutoff)
    return total


@transaction.atomic
def _purge_agency(agency: Agency, cutoff: dt.datetime) -> int:
    cases = list(
        Case.objects.select_for_update().filter(
            agency=agency, state=CaseState.CLOSED, closed_at__lt=cutoff
        )
    )
    if not cases:
        return 0
    files = list(CaseAttachment.objects.filter(case__in=cases).values_list("file", flat=True))
    tally = Counter((c.fiscal_year, c.kind) for c in cases)
    for (fiscal_year, kind), count in sorted(tally.items()):
        row, _created = PurgedCaseCount.objects.get_or_create(
            agency=agency, fiscal_year=fiscal_year, kind=kind
        )
        PurgedCaseCount.objects.filter(pk=row.pk).update(count=F("count") + count)
    Case.objects.filter(pk__in=[c.pk for c in cases]).delete()

    def delete_files() -> None:
        for name in files:
            default_storage.delete(name)

    transaction.on_commit(delete_files)
    record(
        "system",
        agency,
        "case.purge",
        None,
        {"count": len(cases), "retention_days": settings.COMPLAINT_RETENTION_DAYS},
    )
    return len(cases)
