"""The only code that changes reports, publications and cases.

Each function validates, writes and records an audit event in one transaction. Report
functions take the actor's Membership: the role rules of the approval (coordinator
submits and publishes, executive decides) hold here as well as in the views.
"""

import datetime as dt
import hashlib
import secrets
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from prongsai.agencies.models import Agency, Membership, Role
from prongsai.errors import ValidationFailed
from prongsai.measures.models import Measure
from prongsai.public import receipts
from prongsai.public.models import (
    Author,
    Case,
    CaseAttachment,
    CaseKind,
    CaseMessage,
    CaseState,
    Decision,
    Publication,
    PublishedDocument,
    PurgedCaseCount,
    Report,
    ReportDecision,
    ReportKind,
    ReportState,
)
from prongsai.public.snapshot import build_snapshot, fingerprint, measures_as_of
from prongsai.thai.dates import fiscal_year_bounds, fiscal_year_of
from prongsai.uploads import CheckedFile

ANONYMOUS = "anonymous"
MAX_SUBJECT = 200
MAX_BODY = 10_000
MAX_CONTACT = 200
MAX_FILES = 3

# PdfRenderer(agency, fiscal_year, kind, as_of) -> PDF bytes
PdfRenderer = Callable[[Agency, int, str, dt.date], bytes]


def role_label(role: str) -> str:
    """The Thai name of a role, as the public sees who acted (never a person's name)."""
    with translation.override("th"):
        return str(Role(role).label)


def _require(membership: Membership, role: str, agency: Agency) -> None:
    if membership.agency_id != agency.pk or membership.role != role:
        raise ValidationFailed(
            f"เฉพาะ{role_label(role)}ของหน่วยงานทำรายการนี้ได้",
            f"only the agency's {role} may do this",
        )


def _record(actor: Any, agency: Agency, action: str, obj: Any, payload: dict[str, Any]) -> None:
    from prongsai.audit.services import record_event

    record_event(actor=actor, agency=agency, action=action, obj=obj, payload=payload)


# --- reports ------------------------------------------------------------------------------


def _check_as_of(fiscal_year: int, as_of: dt.date, today: dt.date) -> None:
    start, _end = fiscal_year_bounds(fiscal_year)
    if as_of > today:
        raise ValidationFailed("วันที่ของข้อมูลต้องไม่เกินวันนี้", "the report date is in the future")
    if as_of < start - dt.timedelta(days=366):
        raise ValidationFailed(
            f"วันที่ของข้อมูลเก่ากว่าปีงบประมาณ {fiscal_year} มาก",
            f"the report date is long before fiscal year {fiscal_year}",
        )


def content_fingerprint(agency: Agency, fiscal_year: int, as_of: dt.date) -> str:
    return fingerprint(measures_as_of(agency, fiscal_year, as_of))


@transaction.atomic
def submit_report(
    *,
    membership: Membership,
    fiscal_year: int,
    kind: str,
    as_of: dt.date,
    today: dt.date | None = None,
) -> Report:
    """The coordinator asks the executive to approve the agency-year's `kind` report."""
    agency = membership.agency
    _require(membership, Role.COORDINATOR, agency)
    if kind not in ReportKind.values:
        raise ValidationFailed(f"ไม่รู้จักเอกสาร {kind!r}", f"unknown report kind {kind!r}")
    _check_as_of(fiscal_year, as_of, today or timezone.localdate())
    if not Measure.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
        raise ValidationFailed(
            f"ยังไม่มีมาตรการของปีงบประมาณ {fiscal_year}", f"no measures for {fiscal_year}"
        )
    report, created = Report.objects.select_for_update().get_or_create(
        agency=agency, fiscal_year=fiscal_year, kind=kind, defaults={"as_of": as_of}
    )
    if not created and report.state == ReportState.SUBMITTED:
        raise ValidationFailed(
            "รายงานนี้ส่งขออนุมัติแล้ว รอผู้บริหารพิจารณา", "already waiting for the executive"
        )
    report.as_of = as_of
    report.state = ReportState.SUBMITTED
    if not created:
        report.version = F("version") + 1
    report.save()
    report.refresh_from_db()
    content = content_fingerprint(agency, fiscal_year, as_of)
    _decide(report, Decision.SUBMITTED, membership, "", content)
    _record(
        membership.user,
        agency,
        "report.submit",
        report,
        {"kind": kind, "fiscal_year": fiscal_year, "as_of": as_of, "version": report.version},
    )
    return report


def _decide(
    report: Report, decision: str, membership: Membership, comment: str, content: str
) -> ReportDecision:
    return ReportDecision.objects.create(
        report=report,
        decision=decision,
        actor=membership.user,
        actor_role=role_label(membership.role),
        comment=comment,
        as_of=report.as_of,
        report_version=report.version,
        content_sha256=content,
    )


@transaction.atomic
def decide_report(
    *,
    membership: Membership,
    report: Report,
    approve: bool,
    comment: str = "",
    expected_version: int,
) -> Report:
    """The executive approves the submitted report, or returns it with a comment."""
    _require(membership, Role.EXECUTIVE, report.agency)
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.state != ReportState.SUBMITTED:
        raise ValidationFailed("รายงานนี้ไม่ได้รออนุมัติ", "this report is not waiting for a decision")
    if current.version != expected_version:
        raise ValidationFailed(
            "รายงานถูกส่งใหม่ระหว่างที่ท่านพิจารณา กรุณาตรวจสอบอีกครั้ง",
            "the report was submitted again meanwhile; please look again",
        )
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationFailed(
            "กรุณาระบุเหตุผลหรือสิ่งที่ต้องแก้ไขเมื่อส่งกลับ", "say what to change when returning"
        )
    current.state = ReportState.APPROVED if approve else ReportState.RETURNED
    current.save(update_fields=["state", "updated_at"])
    content = content_fingerprint(current.agency, current.fiscal_year, current.as_of)
    _decide(
        current, Decision.APPROVED if approve else Decision.RETURNED, membership, comment, content
    )
    _record(
        membership.user,
        current.agency,
        "report.approve" if approve else "report.return",
        current,
        {"kind": current.kind, "version": current.version, "content_sha256": content},
    )
    return current


def latest_publication_key(agency_slug: str, fiscal_year: int) -> str:
    """Cache key of the pointer to an agency-year's newest publication (see views_public)."""
    return f"public:latest:{agency_slug}:{fiscal_year}"


def render_report_pdf(agency: Agency, fiscal_year: int, kind: str, as_of: dt.date) -> bytes:
    """The memo of `kind` as PDF, built from the database as of `as_of` (the documents
    app's own road, so the published file is the one the staff preview shows)."""
    from prongsai.documents.memos import render_memo

    return render_memo(agency, fiscal_year, kind, "pdf", as_of=as_of).content


def _store_pdf(agency: Agency, fiscal_year: int, pdf: bytes) -> tuple[str, str]:
    """Save the PDF under its SHA-256 (never overwritten); return (name, sha256)."""
    sha = hashlib.sha256(pdf).hexdigest()
    name = f"publications/{agency.slug}/{fiscal_year}/{sha}.pdf"
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(pdf))
        if saved != name:  # a concurrent publish stored the same bytes first
            default_storage.delete(saved)
    return name, sha


def publish(
    *,
    membership: Membership,
    report: Report,
    renderer: PdfRenderer | None = None,
    now: dt.datetime | None = None,
) -> Publication:
    """Freeze the approved report's agency-year into a new publication.

    The PDF is rendered before the transaction (it takes a moment and must not hold the
    database's write lock); inside, the measures are read again and the publication is
    refused if they changed meanwhile, so page and PDF always show the same data.
    """
    agency = membership.agency
    _require(membership, Role.COORDINATOR, report.agency)
    if report.state != ReportState.APPROVED:
        raise ValidationFailed(
            "เผยแพร่ได้เฉพาะรายงานที่ผู้บริหารอนุมัติแล้ว", "only approved reports can be published"
        )
    snapshot = build_snapshot(agency, report.fiscal_year, report.as_of)
    pdf = (renderer or render_report_pdf)(agency, report.fiscal_year, report.kind, report.as_of)
    if not pdf.startswith(b"%PDF-"):
        raise ValidationFailed("สร้างไฟล์ PDF ไม่สำเร็จ", "the PDF renderer returned no PDF")
    name, pdf_sha = _store_pdf(agency, report.fiscal_year, pdf)
    return _publish(membership, report, snapshot, name, pdf_sha, len(pdf), now or timezone.now())


@transaction.atomic
def _publish(
    membership: Membership,
    report: Report,
    snapshot: dict[str, Any],
    pdf_name: str,
    pdf_sha: str,
    pdf_size: int,
    now: dt.datetime,
) -> Publication:
    agency = membership.agency
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.state != ReportState.APPROVED or current.version != report.version:
        raise ValidationFailed(
            "รายงานเปลี่ยนสถานะระหว่างเผยแพร่ กรุณาลองอีกครั้ง", "the report changed; try again"
        )
    measures_sha = fingerprint(snapshot["measures"])
    if content_fingerprint(agency, current.fiscal_year, current.as_of) != measures_sha:
        raise ValidationFailed(
            "มีการแก้ไขมาตรการระหว่างเผยแพร่ กรุณาลองอีกครั้ง", "measures changed meanwhile; try again"
        )
    approval = (
        current.decisions.filter(decision=Decision.APPROVED, report_version=current.version)
        .order_by("-created_at", "-pk")
        .first()
    )
    if approval is None:  # the state says approved; the history must agree
        raise ValidationFailed("ไม่พบบันทึกการอนุมัติ", "no approval recorded")
    previous = (
        Publication.objects.filter(agency=agency, fiscal_year=current.fiscal_year)
        .order_by("-published_at", "-pk")
        .first()
    )
    publication = Publication.objects.create(
        agency=agency,
        fiscal_year=current.fiscal_year,
        report=current,
        kind=current.kind,
        as_of=current.as_of,
        published_at=now,
        published_by=membership.user,
        published_by_role=role_label(membership.role),
        approved_at=approval.created_at,
        approved_by_role=approval.actor_role,
        snapshot=snapshot,
        snapshot_sha256=fingerprint(snapshot),
        matches_approval=approval.content_sha256 == measures_sha,
    )
    PublishedDocument.objects.create(
        publication=publication,
        kind=current.kind,
        as_of=current.as_of,
        file=pdf_name,
        sha256=pdf_sha,
        size=pdf_size,
        first_published_at=now,
        approved_by_role=approval.actor_role,
    )
    if previous is not None:
        for doc in previous.documents.exclude(kind=current.kind):
            PublishedDocument.objects.create(
                publication=publication,
                kind=doc.kind,
                as_of=doc.as_of,
                file=doc.file.name,
                sha256=doc.sha256,
                size=doc.size,
                first_published_at=doc.first_published_at,
                approved_by_role=doc.approved_by_role,
            )
    key = latest_publication_key(agency.slug, current.fiscal_year)
    transaction.on_commit(lambda: cache.delete(key))
    _record(
        membership.user,
        agency,
        "report.publish",
        publication,
        {
            "kind": current.kind,
            "fiscal_year": current.fiscal_year,
            "as_of": current.as_of,
            "snapshot_sha256": publication.snapshot_sha256,
            "pdf_sha256": pdf_sha,
            "matches_approval": publication.matches_approval,
        },
    )
    return publication


# --- feedback and complaints ---------------------------------------------------------------


def _clean_text(value: str, limit: int, th: str, en: str, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"กรุณากรอก{th}", f"{en} is required")
    if len(value) > limit:
        raise ValidationFailed(f"{th}ยาวเกิน {limit} ตัวอักษร", f"{en} is longer than {limit}")
    return value


def _check_files(files: list[CheckedFile]) -> None:
    if len(files) > MAX_FILES:
        raise ValidationFailed(f"แนบไฟล์ได้ไม่เกิน {MAX_FILES} ไฟล์", f"at most {MAX_FILES} attachments")


def _attach(case: Case, message: CaseMessage, files: Iterable[CheckedFile]) -> None:
    for checked in files:
        attachment = CaseAttachment(
            case=case,
            message=message,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        attachment.file.save(
            secrets.token_hex(16) + checked.extension, ContentFile(checked.content), save=False
        )
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
        raise ValidationFailed("กรุณาเลือกประเภทเรื่อง", f"unknown kind {kind!r}")
    subject = _clean_text(subject, MAX_SUBJECT, "หัวเรื่อง", "subject")
    body = _clean_text(body, MAX_BODY, "รายละเอียด", "body")
    contact = _clean_text(contact, MAX_CONTACT, "ช่องทางติดต่อกลับ", "contact", required=False)
    _check_files(files)
    case, receipt = _new_case(agency, kind, subject, contact)
    message = CaseMessage.objects.create(case=case, author=Author.SENDER, body=body)
    _attach(case, message, files)
    _record(ANONYMOUS, agency, "case.receive", case, {"kind": kind})
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
        raise ValidationFailed("เรื่องนี้ปิดแล้ว หากมีข้อมูลใหม่กรุณาแจ้งเป็นเรื่องใหม่", "this case is closed")
    body = _clean_text(body, MAX_BODY, "ข้อความ", "message")
    _check_files(files)
    message = CaseMessage.objects.create(case=current, author=Author.SENDER, body=body)
    _attach(current, message, files)
    if current.state == CaseState.ANSWERED:
        current.state = CaseState.IN_REVIEW
    current.save(update_fields=["state", "updated_at"])
    _record(ANONYMOUS, current.agency, "case.sender_reply", current, {"state": current.state})
    return message


# Allowed moves of a case; an officer's reply moves it to "answered".
TRANSITIONS: dict[str, set[str]] = {
    CaseState.RECEIVED: {CaseState.IN_REVIEW, CaseState.CLOSED},
    CaseState.IN_REVIEW: {CaseState.ANSWERED, CaseState.CLOSED},
    CaseState.ANSWERED: {CaseState.IN_REVIEW, CaseState.CLOSED},
    CaseState.CLOSED: {CaseState.IN_REVIEW},
}


def _locked_case(membership: Membership, case: Case) -> Case:
    _require(membership, Role.COMPLAINT_OFFICER, case.agency)
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
        raise ValidationFailed("เรื่องนี้ปิดแล้ว เปิดเรื่องใหม่ก่อนตอบกลับ", "reopen the case first")
    body = _clean_text(body, MAX_BODY, "ข้อความตอบกลับ", "reply")
    message = CaseMessage.objects.create(
        case=current, author=Author.OFFICER, officer=membership.user, body=body
    )
    previous = current.state
    _set_state(current, CaseState.ANSWERED, timezone.now())
    _record(
        membership.user, current.agency, "case.reply", current, {"from": previous, "to": "answered"}
    )
    return message


@transaction.atomic
def change_case_state(
    *, membership: Membership, case: Case, state: str, expected_state: str
) -> Case:
    current = _locked_case(membership, case)
    if current.state != expected_state:
        raise ValidationFailed(
            "สถานะของเรื่องเปลี่ยนไปแล้วระหว่างที่ท่านดูอยู่ กรุณาตรวจสอบอีกครั้ง",
            "the case changed meanwhile; please look again",
        )
    if state not in TRANSITIONS.get(current.state, set()):
        raise ValidationFailed(
            "เปลี่ยนสถานะเช่นนี้ไม่ได้", f"cannot move a case from {current.state} to {state}"
        )
    previous = current.state
    _set_state(current, state, timezone.now())
    _record(membership.user, current.agency, "case.state", current, {"from": previous, "to": state})
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
        row, _ = PurgedCaseCount.objects.get_or_create(
            agency=agency, fiscal_year=fiscal_year, kind=kind
        )
        PurgedCaseCount.objects.filter(pk=row.pk).update(count=F("count") + count)
    Case.objects.filter(pk__in=[c.pk for c in cases]).delete()

    def delete_files() -> None:
        for name in files:
            default_storage.delete(name)

    transaction.on_commit(delete_files)
    _record(
        "system",
        agency,
        "case.purge",
        None,
        {"count": len(cases), "retention_days": settings.COMPLAINT_RETENTION_DAYS},
    )
    return len(cases)
