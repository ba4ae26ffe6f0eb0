"""Measures (มาตรการ) of an agency-year and their append-only status history."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Division


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่ดำเนินการ")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("ดำเนินการเสร็จเรียบร้อยแล้ว")


# The order of a measure's updates, newest first: the first one is its current status.
LATEST_FIRST = ("-reported_on", "-created_at", "-pk")


def latest_update_of(measure: str = "pk") -> "models.QuerySet[StatusUpdate]":
    """The standing (not withdrawn) updates of the measure at `measure` (an outer
    reference), newest first, for subqueries:
    `latest_update_of("measure_id").values("status")[:1]`."""
    return (
        StatusUpdate.objects.standing()
        .filter(measure=models.OuterRef(measure))
        .order_by(*LATEST_FIRST)
    )


class MeasureQuerySet(models.QuerySet["Measure"]):
    def with_current_status(self) -> "MeasureQuerySet":
        """Annotate `current_status` and `status_date` from the latest update that was not
        withdrawn (one query)."""
        latest = latest_update_of("pk")
        return self.annotate(
            current_status=models.Subquery(latest.values("status")[:1]),
            status_date=models.Subquery(latest.values("reported_on")[:1]),
        )

    def of_year_as_of(
        self, agency: Agency, fiscal_year: int, as_of: "dt.date"
    ) -> "MeasureQuerySet":
        """The agency-year's measures by number, with divisions (in their own order) and the
        status updates current on `as_of` prefetched: the memos' and snapshots' reading."""
        return (
            self.filter(agency=agency, fiscal_year=fiscal_year)
            .order_by("number")
            .with_updates_as_of(as_of)
        )

    def with_updates_as_of(self, as_of: "dt.date") -> "MeasureQuerySet":
        """Prefetch divisions and the updates reported on or before `as_of`, newest first.

        `Measure.update_as_of` is then the status update that was current on that date
        (the rule of the memos and of the published snapshots). A withdrawn update never
        counts, whenever it was withdrawn: it was a mistake, not a status the measure had.
        """
        updates = (
            StatusUpdate.objects.standing()
            .filter(reported_on__lte=as_of)
            .order_by(*LATEST_FIRST)
            .prefetch_related("evidence")
        )
        return self.prefetch_related(
            "divisions", models.Prefetch("updates", queryset=updates, to_attr="updates_as_of")
        )


class Measure(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="measures")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.TextField(_("มาตรการ"))
    # How the status table words the measure ("มีมาตรการลดขั้นตอน…"); blank: the title.
    short_name = models.CharField(_("ชื่อย่อในตารางผลการดำเนินการ"), max_length=300, blank=True)
    # The measure of an earlier year this one carries over (None: new this year).
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_to",
        verbose_name=_("ยกมาจากมาตรการ"),
    )
    steps = models.JSONField(_("ขั้นตอนหรือวิธีการ"), default=list)
    divisions = models.ManyToManyField(
        Division, related_name="measures", verbose_name=_("ผู้รับผิดชอบ")
    )
    monitoring = models.TextField(_("การกำกับติดตาม"), blank=True)
    due_date = models.DateField(_("กำหนดติดตาม"), null=True, blank=True)
    indicator_codes = models.JSONField(_("ตัวชี้วัด/ข้อ OIT ที่เกี่ยวข้อง"), default=list)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeasureQuerySet.as_manager()

    # Annotated by MeasureQuerySet.with_current_status() (None: no update yet).
    current_status: str | None
    status_date: dt.date | None
    # Set by the agency-year list from the prefetched divisions, read once per measure.
    division_list: list[Division]
    division_ids: set[int]

    class Meta:
        verbose_name = _("มาตรการ")
        ordering = ["agency", "fiscal_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "number"], name="measure_unique_number"
            )
        ]
        indexes = [models.Index(fields=["agency", "fiscal_year"])]

    def __str__(self) -> str:
        return f"({self.number}) {self.title}"

    @property
    def update_as_of(self) -> "StatusUpdate | None":
        """The current update on the date given to `with_updates_as_of` (None: none yet)."""
        updates = getattr(self, "updates_as_of", None)
        if updates is None:
            raise AttributeError("use Measure.objects.with_updates_as_of(date) first")
        return updates[0] if updates else None


class StatusUpdateQuerySet(models.QuerySet["StatusUpdate"]):
    def standing(self) -> "StatusUpdateQuerySet":
        """The updates not withdrawn, newest first: the first one is the measure's status."""
        return self.filter(withdrawal__isnull=True).order_by("-reported_on", "-created_at", "-pk")


class StatusUpdate(models.Model):
    """One report of a measure's status. Rows are never edited or deleted; a wrong one is
    withdrawn (StatusWithdrawal) and then no longer counts."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(_("สถานะ"), max_length=16, choices=Status.choices)
    note = models.TextField(_("รายละเอียด"), blank=True)
    reported_on = models.DateField(_("ข้อมูล ณ วันที่"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="status_updates"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("การรายงานสถานะ")
        ordering = ["-reported_on", "-created_at", "-pk"]
        indexes = [models.Index(fields=["measure", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.status} @ {self.reported_on}"


class StatusWithdrawal(models.Model):
    """A coordinator's withdrawal of a wrong status update, with the reason. Append-only like
    the update itself: the update stays in the history, marked, and no longer counts."""

    update = models.OneToOneField(StatusUpdate, on_delete=models.PROTECT, related_name="withdrawal")
    reason = models.TextField(_("เหตุผลที่ถอน"))
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="status_withdrawals"
    )
    withdrawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การถอนรายงานสถานะ")

    def __str__(self) -> str:
        return f"withdrawal of {self.update_id}"


class Evidence(models.Model):
    """A link or an uploaded file that backs a status update."""

    update = models.ForeignKey(StatusUpdate, on_delete=models.PROTECT, related_name="evidence")
    url = models.URLField(_("ลิงก์"), max_length=500, blank=True)
    file = models.FileField(_("ไฟล์"), upload_to="evidence/%Y/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("หลักฐาน")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="", file=""), name="evidence_has_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return self.url or self.original_name


class MeasureFigures(models.Model):
    """The measures of an agency-year counted for the oversight pages, so that a nation's
    figures are sums over a few rows per agency instead of every measure's history: one row
    per (current status, due date) of the measures not done, and per month of the report
    of those done, with how many measures it stands for. `measures.rollups.refresh_figures`
    counts the agency-year again from scratch inside every measures service's transaction,
    so the rows are never stale; `prongsai rollups rebuild` recounts them all."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, blank=True)  # "": no standing update yet
    due_date = models.DateField(null=True)  # not done: the measures' due date
    done_month = models.DateField(null=True)  # done: the first day of the report's month
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["fiscal_year", "agency"], name="measures_figures_year")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.fiscal_year}/{self.status}: {self.count}"
