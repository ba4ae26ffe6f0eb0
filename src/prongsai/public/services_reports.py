"""The only code that changes reports and publications: submit, decide, publish.

Each function validates, writes and records an audit event in one transaction. They take
the actor's Membership: the role rules of the approval (coordinator submits and publishes,
executive decides) hold here as well as in the views.
"""

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.access import require_role
from prongsai.agencies.models import Agency, Membership, Role
from prongsai.core import limits
from prongsai.core.errors import ValidationFailed
from prongsai.measures.models import Measure
from prongsai.memos.builders.common import Citation
from prongsai.memos.kinds import MemoKind
from prongsai.public import signals
from prongsai.public.heads import effective_head
from prongsai.public.models import (
    Decision,
    Publication,
    PublishedDocument,
    Report,
    ReportDecision,
    ReportState,
)
from prongsai.public.selectors import (
    approval_content,
    approval_outdated,
    content_fingerprint,
    current_approval,
)
from prongsai.public.services import record, role_label
from prongsai.public.snapshot import build_snapshot, fingerprint
from prongsai.thai.dates import fiscal_year_bounds

# PdfRenderer(agency, fiscal_year, kind, as_of) -> PDF bytes
PdfRenderer = Callable[[Agency, int, str, dt.date], bytes]


def _check_as_of(fiscal_year: int, as_of: dt.date, today: dt.date) -> None:
    start, _end = fiscal_year_bounds(fiscal_year)
    if as_of > today:
        raise ValidationFailed(_("วันที่ของข้อมูลต้องไม่เกินวันนี้"), field="as_of")
    if as_of < start - dt.timedelta(days=366):
        raise ValidationFailed(
            _("วันที่ของข้อมูลเก่ากว่าปีงบประมาณ %(year)s มาก") % {"year": fiscal_year},
            field="as_of",
        )


def clean_comment(comment: str) -> str:
    """The executive's comment on a decision (several lines kept)."""
    return limits.text(
        comment,
        limit=limits.REPORT_COMMENT,
        label=_("ความเห็น"),
        field="comment",
        multiline=True,
    )


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
    require_role(membership, Role.COORDINATOR, agency=agency)
    if kind not in MemoKind.values:
        raise ValidationFailed(_("ไม่รู้จักเอกสาร “%(kind)s”") % {"kind": kind})
    _check_as_of(fiscal_year, as_of, today or timezone.localdate())
    if not Measure.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
        raise ValidationFailed(_("ยังไม่มีมาตรการของปีงบประมาณ %(year)s") % {"year": fiscal_year})
    report, created = Report.objects.select_for_update().get_or_create(
        agency=agency, fiscal_year=fiscal_year, kind=kind, defaults={"as_of": as_of}
    )
    if not created and report.state == ReportState.SUBMITTED:
        raise ValidationFailed(_("รายงานนี้ส่งขออนุมัติแล้ว รอผู้บริหารพิจารณา"))
    report.as_of = as_of
    report.state = ReportState.SUBMITTED
    if not created:
        report.version = F("version") + 1
    report.save()
    report.refresh_from_db()
    head = effective_head(agency, fiscal_year, kind, report)
    content = content_fingerprint(agency, fiscal_year, as_of, head)
    _decide(report, Decision.SUBMITTED, membership, "", content)
    record(
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
    require_role(membership, Role.EXECUTIVE, agency=report.agency)
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.state != ReportState.SUBMITTED:
        raise ValidationFailed(_("รายงานนี้ไม่ได้รออนุมัติ"))
    if current.version != expected_version:
        raise ValidationFailed(_("รายงานถูกส่งใหม่ระหว่างที่ท่านพิจารณา กรุณาตรวจสอบอีกครั้ง"))
    comment = clean_comment(comment)
    if not approve and not comment:
        raise ValidationFailed(_("กรุณาระบุเหตุผลหรือสิ่งที่ต้องแก้ไขเมื่อส่งกลับ"), field="comment")
    current.state = ReportState.APPROVED if approve else ReportState.RETURNED
    current.save(update_fields=["state", "updated_at"])
    agency = current.agency
    head = effective_head(agency, current.fiscal_year, current.kind, current)
    content = content_fingerprint(agency, current.fiscal_year, current.as_of, head)
    _decide(
        current, Decision.APPROVED if approve else Decision.RETURNED, membership, comment, content
    )
    record(
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


def measures_citation(agency: Agency, fiscal_year: int) -> Citation | None:
    """The measures memo as the year's implementation report cites it: its own date and
    subject when its report has them (None: no date known, the report cites it without)."""
    report = Report.objects.filter(
        agency=agency, fiscal_year=fiscal_year, kind=MemoKind.MEASURES, dated__isnull=False
    ).first()
    if report is None:
        return None
    return Citation(dated=report.dated, subject=report.subject.strip())


def render_report_pdf(agency: Agency, fiscal_year: int, kind: str, as_of: dt.date) -> bytes:
    """The memo of `kind` as PDF, built from the database as of `as_of` with the report's
    head (the documents app's own road, so the published file is the one the staff preview
    shows)."""
    from prongsai.memos.service import render_memo

    report = Report.objects.filter(agency=agency, fiscal_year=fiscal_year, kind=kind).first()
    head = effective_head(agency, fiscal_year, kind, report)
    # the implementation report's citation of the measures memo comes through
    # PublicConfig.memo_citation (memos.service.stored_citation)
    return render_memo(agency, fiscal_year, kind, "pdf", as_of=as_of, head=head).content


def _store_pdf(agency: Agency, fiscal_year: int, pdf: bytes) -> tuple[str, str]:
    """Save the PDF under its SHA-256 (never overwritten); return (name, sha256)."""
    sha = hashlib.sha256(pdf).hexdigest()
    name = f"publications/{agency.slug}/{fiscal_year}/{sha}.pdf"
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(pdf))
        if saved != name:  # a concurrent publish stored the same bytes first
            default_storage.delete(saved)
    return name, sha


def _changed_since_approval() -> ValidationFailed:
    return ValidationFailed(
        _("ข้อมูลมาตรการเปลี่ยนไปหลังผู้บริหารอนุมัติ จึงเผยแพร่ไม่ได้ กรุณาส่งขออนุมัติใหม่ แล้วเผยแพร่หลังผู้บริหารอนุมัติ")
    )


def publish(
    *,
    membership: Membership,
    report: Report,
    renderer: PdfRenderer | None = None,
    now: dt.datetime | None = None,
) -> Publication:
    """Freeze the approved report's agency-year into a new publication.

    Only what the executive approved is published: if the measures as of the report date
    changed after the approval (their fingerprint differs from the approved one), publishing
    is refused and the report has to be submitted and approved again.

    The PDF is rendered before the transaction (it takes a moment and must not hold the
    database's write lock); inside, the measures are read again and the publication is
    refused if they changed meanwhile, so page and PDF always show the same data.
    """
    agency = membership.agency
    require_role(membership, Role.COORDINATOR, agency=report.agency)
    if report.state != ReportState.APPROVED:
        raise ValidationFailed(_("เผยแพร่ได้เฉพาะรายงานที่ผู้บริหารอนุมัติแล้ว"))
    snapshot = build_snapshot(agency, report.fiscal_year, report.as_of)
    head = effective_head(agency, report.fiscal_year, report.kind, report)
    content = approval_content(snapshot["measures"], head)
    if approval_outdated(current_approval(report), content):
        raise _changed_since_approval()  # checked again below, under the lock
    pdf = (renderer or render_report_pdf)(agency, report.fiscal_year, report.kind, report.as_of)
    if not pdf.startswith(b"%PDF-"):
        raise ValidationFailed(_("สร้างไฟล์ PDF ไม่สำเร็จ"))
    name, pdf_sha = _store_pdf(agency, report.fiscal_year, pdf)
    return _publish(
        membership, report, snapshot, content, name, pdf_sha, len(pdf), now or timezone.now()
    )


@transaction.atomic
def _publish(
    membership: Membership,
    report: Report,
    snapshot: dict[str, Any],
    content: str,
    pdf_name: str,
    pdf_sha: str,
    pdf_size: int,
    now: dt.datetime,
) -> Publication:
    agency = membership.agency
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.state != ReportState.APPROVED or current.version != report.version:
        raise ValidationFailed(_("รายงานเปลี่ยนสถานะระหว่างเผยแพร่ กรุณาลองอีกครั้ง"))
    # The agency row again, as it is now: the memo's default signer and addressee are its.
    fresh = Agency.objects.get(pk=agency.pk)
    head = effective_head(fresh, current.fiscal_year, current.kind, current)
    if content_fingerprint(fresh, current.fiscal_year, current.as_of, head) != content:
        raise ValidationFailed(_("มีการแก้ไขมาตรการระหว่างเผยแพร่ กรุณาลองอีกครั้ง"))
    approval = current_approval(current)
    if approval is None:  # the state says approved; the history must agree
        raise ValidationFailed(_("ไม่พบบันทึกการอนุมัติ"))
    if approval_outdated(approval, content):
        raise _changed_since_approval()
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
        matches_approval=True,  # checked above: what differs from the approval is refused
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
    year = current.fiscal_year
    transaction.on_commit(
        lambda: signals.published.send(sender=Publication, agency=agency, fiscal_year=year)
    )
    record(
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
