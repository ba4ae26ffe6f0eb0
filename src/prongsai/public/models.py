"""Approval and publication of an agency-year's reports; public feedback and complaints.

Two halves that share only the agency:

- Report → ReportDecision (append-only) → Publication (immutable snapshot) with its
  PublishedDocument PDFs: what the public sees at /p/<slug>/<year>/.
- Case → CaseMessage → CaseAttachment: comments, praise and corruption complaints sent
  without an account. Nothing here identifies the sender: no address, no user agent, no
  account; the receipt code is stored only as a slow hash.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency
from prongsai.memos.kinds import MemoKind


class ReportState(models.TextChoices):
    DRAFT = "draft", "ร่าง"
    SUBMITTED = "submitted", "รออนุมัติ"
    APPROVED = "approved", "อนุมัติแล้ว"
    RETURNED = "returned", "ส่งกลับให้แก้ไข"


class Report(models.Model):
    """An agency-year's measures memo or implementation report on its way to the public."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="reports")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    kind = models.CharField(_("เอกสาร"), max_length=16, choices=MemoKind.choices)
    as_of = models.DateField(_("ข้อมูล ณ วันที่"))
    state = models.CharField(
        _("สถานะ"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    # The memo's own head and signature, editable until the executive approves the report.
    # Blank: the defaults (the year's monitoring date, the agency's signer and head).
    dated = models.DateField(_("ลงวันที่"), null=True, blank=True)
    number = models.CharField(
        _("เลขที่หนังสือ (หลังเครื่องหมาย /)"), max_length=20, blank=True, help_text=_("เช่น ๑๒๓")
    )
    subject = models.CharField(_("เรื่อง"), max_length=300, blank=True)
    addressee = models.CharField(_("เรียน"), max_length=200, blank=True)
    signer_name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=200, blank=True)
    signer_title = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("รายงาน")
        ordering = ["agency", "fiscal_year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "kind"], name="report_one_per_kind_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.fiscal_year}/{self.kind} ({self.state})"


class Decision(models.TextChoices):
    SUBMITTED = "submitted", "ส่งขออนุมัติ"
    APPROVED = "approved", "อนุมัติ"
    RETURNED = "returned", "ส่งกลับให้แก้ไข"


class ReportDecision(models.Model):
    """One step of a report's approval: who, in which role, when, what, why.

    Rows are never edited or deleted (database triggers, like the audit log).
    `content_sha256` fingerprints the measures as of the report date at that moment, so a
    publication can tell whether it shows what the executive approved.
    """

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="decisions")
    decision = models.CharField(max_length=16, choices=Decision.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    actor_role = models.CharField(max_length=100)
    comment = models.TextField(blank=True)
    as_of = models.DateField()
    report_version = models.PositiveIntegerField()
    content_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การพิจารณารายงาน")
        ordering = ["report", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.decision}"


class Publication(models.Model):
    """What the public sees of an agency-year, frozen when the coordinator publishes.

    Rows are never edited or deleted. The year page shows the newest publication of the
    year; a later edit of a measure changes nothing here until the next publication.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="publications")
    fiscal_year = models.PositiveSmallIntegerField()
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="publications")
    kind = models.CharField(max_length=16, choices=MemoKind.choices)
    as_of = models.DateField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    # Shown to the public instead of a person's name or e-mail.
    published_by_role = models.CharField(max_length=100)
    approved_at = models.DateTimeField()
    approved_by_role = models.CharField(max_length=100)
    # The measures with their status as of `as_of` and their evidence links.
    snapshot = models.JSONField()
    snapshot_sha256 = models.CharField(max_length=64)
    # False when the measures changed between the executive's approval and publishing.
    matches_approval = models.BooleanField()

    class Meta:
        verbose_name = _("การเผยแพร่")
        ordering = ["agency", "fiscal_year", "-published_at", "-pk"]
        indexes = [models.Index(fields=["agency", "fiscal_year", "-published_at"])]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.fiscal_year} @ {self.published_at:%Y-%m-%d %H:%M}"


class PublishedDocument(models.Model):
    """A PDF memo of a publication. A publication carries forward the other kind's
    document of the previous publication (same file), so it alone describes the page."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=16, choices=MemoKind.choices)
    as_of = models.DateField()
    # Stored by content (publications/<slug>/<year>/<sha256>.pdf), never overwritten.
    file = models.FileField(max_length=300)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    first_published_at = models.DateTimeField()
    approved_by_role = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("เอกสารที่เผยแพร่")
        ordering = ["publication", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "kind"], name="published_document_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication_id}/{self.kind}"


class CaseKind(models.TextChoices):
    COMMENT = "comment", "ความคิดเห็น/ข้อเสนอแนะ"
    PRAISE = "praise", "คำชมเชย"
    COMPLAINT = "complaint", "ร้องเรียนการทุจริตและประพฤติมิชอบ"


class CaseState(models.TextChoices):
    RECEIVED = "received", "ได้รับเรื่องแล้ว"
    IN_REVIEW = "in_review", "อยู่ระหว่างพิจารณา"
    ANSWERED = "answered", "ตอบกลับแล้ว"
    CLOSED = "closed", "ปิดเรื่องแล้ว"


class Case(models.Model):
    """A comment, praise or complaint. Seen only by the agency's complaint officers."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="cases")
    kind = models.CharField(_("ประเภท"), max_length=16, choices=CaseKind.choices)
    state = models.CharField(
        _("สถานะ"), max_length=16, choices=CaseState.choices, default=CaseState.RECEIVED
    )
    subject = models.CharField(_("เรื่อง"), max_length=200)
    # Whatever the sender chose to leave (telephone, e-mail, a name); optional.
    contact = models.CharField(_("ช่องทางติดต่อกลับ"), max_length=200, blank=True)
    fiscal_year = models.PositiveSmallIntegerField()
    # The receipt's first digits, random: finds the row without scanning. The whole
    # receipt is checked against receipt_hash (a slow password hash).
    lookup = models.CharField(max_length=8, unique=True)
    receipt_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("เรื่องร้องเรียน/ความคิดเห็น")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "fiscal_year"]),
            models.Index(fields=["state", "closed_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} ({self.state})"


class Author(models.TextChoices):
    SENDER = "sender", "ผู้แจ้ง"
    OFFICER = "officer", "เจ้าหน้าที่รับเรื่องร้องเรียน"


class CaseMessage(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=16, choices=Author.choices)
    # The officer who answered (kept inside the agency; the sender sees only the role).
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.author}"


class CaseAttachment(models.Model):
    """A checked file of a message, stored under a random name; its original file name is
    not kept (it may name the sender)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(CaseMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="cases/%Y/", max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["message", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"


class PurgedCaseCount(models.Model):
    """Closed cases deleted by the retention rule, counted so yearly statistics stay true."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="purged_cases")
    fiscal_year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=CaseKind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "kind"], name="purged_case_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.fiscal_year}/{self.kind}: {self.count}"
