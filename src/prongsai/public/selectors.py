"""What the public and staff pages of reports and publications show, read as rows.

The approval state of a report (which decision approved its current version, and whether
the measures changed since) is decided here only: the staff page shows it and
services_reports.publish refuses on it.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery

from prongsai.agencies.models import Agency
from prongsai.audit.selectors import event_hash_of
from prongsai.measures.models import Status
from prongsai.memos.head import MemoHead
from prongsai.memos.kinds import MemoKind
from prongsai.memos.service import default_head
from prongsai.public.heads import HeadField, head_fields, stored_head
from prongsai.public.models import (
    Case,
    CaseKind,
    CaseMessage,
    CaseState,
    Decision,
    Publication,
    PublishedDocument,
    Report,
    ReportDecision,
    ReportState,
)
from prongsai.public.snapshot import fingerprint, published_measures

# --- the approval state --------------------------------------------------------------------


def approval_content(measures: list[dict[str, Any]], head: MemoHead) -> str:
    """The fingerprint of what an approval sees: the measures as published and the memo's
    head and signer (so a memo whose date or signer changed is approved again)."""
    return fingerprint({"measures": measures, "head": head.to_json()})


def content_fingerprint(agency: Agency, fiscal_year: int, as_of: dt.date, head: MemoHead) -> str:
    """The fingerprint of the agency-year's measures as of a date with the memo's head."""
    return approval_content(published_measures(agency, fiscal_year, as_of), head)


def current_approval(report: Report) -> ReportDecision | None:
    """The approval of the report's current version, newest first (None if there is none).

    Reads `report.decisions.all()`, so a prefetched list costs no query."""
    return next(
        (
            d
            for d in report.decisions.all()
            if d.decision == Decision.APPROVED and d.report_version == report.version
        ),
        None,
    )


def approval_outdated(approval: ReportDecision | None, content_sha256: str) -> bool:
    """True when there is an approval and the measures now differ from what it approved."""
    return approval is not None and approval.content_sha256 != content_sha256


# --- staff: reports and publications of an agency-year ----------------------------------


@dataclass(frozen=True)
class DecisionRow:
    decision: str
    label: str
    actor: str
    actor_role: str
    created_at: dt.datetime
    as_of: dt.date
    comment: str


@dataclass(frozen=True)
class ReportRow:
    """One kind of report of the agency-year; `state` is "" while it was never submitted."""

    kind: str
    label: str
    state: str
    state_label: str
    as_of: dt.date | None
    version: int  # 0 while there is no report row (a head is set or it is submitted)
    decisions: tuple[DecisionRow, ...]
    approved_changed: bool  # approved, but the measures changed since: publishing refused
    published: bool = False  # the current approval has been published since
    head: tuple[HeadField, ...] = ()  # the memo's head: stored values, else the defaults
    stored_head: MemoHead = MemoHead()  # what the agency set ("": the default)
    default_head: MemoHead = MemoHead()  # what the memo shows where nothing is set
    submissions: int = 0  # how many times it was submitted

    @property
    def head_editable(self) -> bool:
        """The head may change until the report is submitted, and again once returned."""
        return self.state in ("", ReportState.RETURNED)


@dataclass(frozen=True)
class PublicationRow:
    pk: int
    fiscal_year: int
    kind: str
    kind_label: str
    as_of: dt.date
    published_at: dt.datetime
    published_by_role: str
    approved_at: dt.datetime
    approved_by_role: str
    matches_approval: bool


def _publication_row(p: Publication) -> PublicationRow:
    return PublicationRow(
        pk=p.pk,
        fiscal_year=p.fiscal_year,
        kind=p.kind,
        kind_label=str(p.get_kind_display()),
        as_of=p.as_of,
        published_at=p.published_at,
        published_by_role=p.published_by_role,
        approved_at=p.approved_at,
        approved_by_role=p.approved_by_role,
        matches_approval=p.matches_approval,
    )


def report_rows(agency: Agency, fiscal_year: int) -> tuple[ReportRow, ...]:
    """One row per report kind. Queries: the reports, their decisions with actors, when each
    was last published, and the measures once per distinct report date that has an approval
    to compare with."""
    reports = {
        r.kind: r
        for r in Report.objects.filter(agency=agency, fiscal_year=fiscal_year).prefetch_related(
            "decisions__actor"
        )
    }
    last_published = dict(
        Publication.objects.filter(report__in=reports.values())
        .values("report_id")
        .annotate(last=Max("published_at"))
        .values_list("report_id", "last")
    )
    # Both reports are often as of the same date with the same head.
    fingerprints: dict[tuple[dt.date, MemoHead], str] = {}
    rows = []
    for kind, label in MemoKind.choices:
        report = reports.get(kind)
        stored, defaults = stored_head(report), default_head(agency, fiscal_year, kind)
        head = stored.filled(defaults)
        shown = head_fields(stored, head)
        if report is None or report.state == ReportState.DRAFT:
            # A draft is a report whose head was set before it was ever submitted.
            version = report.version if report else 0
            rows.append(
                ReportRow(
                    kind,
                    str(label),
                    "",
                    "",
                    None,
                    version,
                    (),
                    False,
                    head=shown,
                    stored_head=stored,
                    default_head=defaults,
                )
            )
            continue
        approval = current_approval(report) if report.state == ReportState.APPROVED else None
        key = (report.as_of, head)
        if approval is not None and key not in fingerprints:
            fingerprints[key] = content_fingerprint(agency, fiscal_year, report.as_of, head)
        decisions = tuple(
            DecisionRow(
                decision=d.decision,
                label=str(d.get_decision_display()),
                actor=d.actor.get_username(),
                actor_role=d.actor_role,
                created_at=d.created_at,
                as_of=d.as_of,
                comment=d.comment,
            )
            for d in report.decisions.all()
        )
        rows.append(
            ReportRow(
                kind=kind,
                label=str(label),
                state=report.state,
                state_label=str(report.get_state_display()),
                as_of=report.as_of,
                version=report.version,
                decisions=decisions,
                approved_changed=approval is not None
                and approval_outdated(approval, fingerprints[key]),
                published=approval is not None
                and report.pk in last_published
                and last_published[report.pk] >= approval.created_at,
                head=shown,
                stored_head=stored,
                default_head=defaults,
                submissions=sum(1 for d in decisions if d.decision == Decision.SUBMITTED),
            )
        )
    return tuple(rows)


def publication_rows(agency: Agency, fiscal_year: int) -> tuple[PublicationRow, ...]:
    """The agency-year's publications, newest first (their snapshots stay unread)."""
    publications = (
        Publication.objects.filter(agency=agency, fiscal_year=fiscal_year)
        .order_by("-published_at", "-pk")
        .defer("snapshot")
    )
    return tuple(_publication_row(p) for p in publications)


def memo_date(agency: Agency, fiscal_year: int, kind: str) -> dt.date:
    """The date the report of `kind` is dated: the stored one, else the default."""
    report = Report.objects.filter(agency=agency, fiscal_year=fiscal_year, kind=kind).first()
    date = stored_head(report).filled(default_head(agency, fiscal_year, kind)).date
    assert date is not None  # the default always has one
    return date


def report_version(agency: Agency, fiscal_year: int, kind: str) -> int:
    """The version of the agency-year's report of `kind` (0: there is none)."""
    found = (
        Report.objects.filter(agency=agency, fiscal_year=fiscal_year, kind=kind)
        .values_list("version", flat=True)
        .first()
    )
    return found or 0


def report_date(agency: Agency, fiscal_year: int, kind: str) -> dt.date | None:
    """The date the report of `kind` was last submitted as of (None if never submitted)."""
    return (
        Report.objects.filter(agency=agency, fiscal_year=fiscal_year, kind=kind)
        .exclude(state=ReportState.DRAFT)
        .values_list("as_of", flat=True)
        .first()
    )


# --- public: published pages ---------------------------------------------------------------


@dataclass(frozen=True)
class Pointer:
    """Enough of the newest publication to answer a conditional request."""

    pk: int
    sha_prefix: str
    published_at: float  # a timestamp


def newest_publication(agency_slug: str, fiscal_year: int) -> Pointer | None:
    """The agency-year's newest publication, or None when the year was never published."""
    publication = (
        Publication.objects.filter(agency__slug=agency_slug, fiscal_year=fiscal_year)
        .order_by("-published_at", "-pk")
        .only("pk", "published_at", "snapshot_sha256")
        .first()
    )
    if publication is None:
        return None
    return Pointer(
        publication.pk, publication.snapshot_sha256[:16], publication.published_at.timestamp()
    )


@dataclass(frozen=True)
class StatusCount:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class DocumentRow:
    kind: str
    kind_label: str
    as_of: dt.date
    size: int
    sha256: str
    approved_by_role: str


@dataclass(frozen=True)
class AgencyRow:
    slug: str
    name: str


@dataclass(frozen=True)
class YearPage:
    """A publication as its public page shows it; measures are the frozen snapshot's."""

    agency: AgencyRow
    agency_full_name: str  # as it was when published
    publication: PublicationRow
    measures: tuple[dict[str, Any], ...]
    counts: tuple[StatusCount, ...]
    documents: tuple[DocumentRow, ...]
    audit_hash: str  # the hash of the audit event that recorded the publication


def year_page(publication_id: int) -> YearPage:
    """Three queries: the publication with its agency, its documents, its audit event."""
    publication = Publication.objects.select_related("agency").get(pk=publication_id)
    snapshot = publication.snapshot
    measures = snapshot["measures"]
    counted = {value: 0 for value in Status.values}
    for m in measures:
        counted[m["status"]] = counted.get(m["status"], 0) + 1
    kinds = dict(MemoKind.choices)
    return YearPage(
        agency=AgencyRow(publication.agency.slug, publication.agency.name),
        agency_full_name=snapshot["agency"]["full_name"],
        publication=_publication_row(publication),
        measures=tuple(measures),
        counts=tuple(StatusCount(v, str(label), counted[v]) for v, label in Status.choices),
        documents=tuple(
            DocumentRow(
                kind=d.kind,
                kind_label=str(kinds.get(d.kind, d.kind)),
                as_of=d.as_of,
                size=d.size,
                sha256=d.sha256,
                approved_by_role=d.approved_by_role,
            )
            for d in publication.documents.all()
        ),
        audit_hash=event_hash_of(
            publication.agency_id, "report.publish", "publication", str(publication.pk)
        ),
    )


def published_document(publication_id: int, kind: str) -> PublishedDocument | None:
    return PublishedDocument.objects.filter(publication_id=publication_id, kind=kind).first()


def latest_per_year(agency: Agency) -> tuple[PublicationRow, ...]:
    """The newest publication of each published year, newest year first."""
    latest: dict[int, PublicationRow] = {}
    for publication in (
        Publication.objects.filter(agency=agency)
        .order_by("-fiscal_year", "-published_at", "-pk")
        .defer("snapshot")
    ):
        latest.setdefault(publication.fiscal_year, _publication_row(publication))
    return tuple(latest.values())


# --- complaint cases -----------------------------------------------------------------------


def inbox_cases(agency: Agency, state: str = "", kind: str = "") -> QuerySet[Case]:
    """The agency's cases, newest first, of one state and/or kind (unknown values are
    ignored). A queryset, for the paginator to read one page of."""
    cases = Case.objects.filter(agency=agency).order_by("-created_at", "-pk")
    if state in CaseState.values:
        cases = cases.filter(state=state)
    if kind in CaseKind.values:
        cases = cases.filter(kind=kind)
    return cases


def case_thread(case: Case, *, with_officers: bool) -> list[CaseMessage]:
    """The case's messages with their attachments (two or three queries)."""
    messages = case.messages.prefetch_related("attachments")
    if with_officers:
        messages = messages.select_related("officer")
    return list(messages)


# --- what needs people, for the home page -----------------------------------------------------


@dataclass(frozen=True)
class ReportNeeds:
    """An agency-year's reports by what they wait for."""

    to_submit: int  # kinds never submitted (or still drafts): the coordinator's to do
    returned: int  # returned by the executive: the coordinator corrects and resubmits
    waiting: int  # submitted: the executive approves or returns


def report_needs(years: dict[int, int]) -> dict[int, ReportNeeds]:
    """For each agency's year in `years` (agency pk → fiscal year): one query."""
    if not years:
        return {}
    which = Q()
    for agency_id, year in years.items():
        which |= Q(agency_id=agency_id, fiscal_year=year)
    states: dict[int, list[str]] = {pk: [] for pk in years}
    for agency_id, state in Report.objects.filter(which).values_list("agency_id", "state"):
        states[agency_id].append(state)
    kinds = len(MemoKind.values)
    return {
        pk: ReportNeeds(
            to_submit=kinds - sum(1 for s in held if s != ReportState.DRAFT),
            returned=held.count(ReportState.RETURNED),
            waiting=held.count(ReportState.SUBMITTED),
        )
        for pk, held in states.items()
    }


UNANSWERED = (CaseState.RECEIVED, CaseState.IN_REVIEW)


@dataclass(frozen=True)
class CaseRow:
    pk: int
    subject: str
    created_at: dt.datetime


@dataclass(frozen=True)
class CaseNeeds:
    new: int  # received, nobody has looked at them yet
    unanswered: int  # received or in review
    oldest: CaseRow | None  # the oldest unanswered case


def case_needs(agency_ids: Iterable[int]) -> dict[int, CaseNeeds]:
    """For each agency: one query, whatever the number of agencies and cases."""
    ids = list(agency_ids)
    if not ids:
        return {}
    oldest = Case.objects.filter(agency=OuterRef("pk"), state__in=UNANSWERED).order_by(
        "created_at", "pk"
    )
    counted = Agency.objects.filter(pk__in=ids).annotate(
        new=Count("cases", filter=Q(cases__state=CaseState.RECEIVED)),
        unanswered=Count("cases", filter=Q(cases__state__in=UNANSWERED)),
        oldest_pk=Subquery(oldest.values("pk")[:1]),
        oldest_subject=Subquery(oldest.values("subject")[:1]),
        oldest_at=Subquery(oldest.values("created_at")[:1]),
    )
    return {
        pk: CaseNeeds(
            new=new,
            unanswered=unanswered,
            oldest=CaseRow(oldest_pk, subject, at) if oldest_pk else None,
        )
        for pk, new, unanswered, oldest_pk, subject, at in counted.values_list(
            "pk", "new", "unanswered", "oldest_pk", "oldest_subject", "oldest_at"
        )
    }
