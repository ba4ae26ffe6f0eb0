"""A background job and the items it finished.

The job row is the page's view of the work (done / total, errors so far, result, why it
failed); the django-tasks row (`task_result_id`) is only the queue's. A JobItem is written
once an item is finished, unique per job and key, so a job taken over after its worker died
continues where it stopped and never does a finished item again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency


class JobKind(models.TextChoices):
    RENDER_MEMOS = "render_memos", _("จัดทำบันทึกข้อความของทุกหน่วยงานทั้งปี")
    LINK_CHECK = "link_check", _("ตรวจลิงก์ของหน่วยงานทั้งปี")
    PROVINCE_LINK_CHECK = "province_link_check", _("ตรวจลิงก์ของทุกหน่วยงานในจังหวัดทั้งปี")
    OVERSIGHT_EXPORT = "oversight_export", _("ส่งออกตารางการกำกับติดตาม")


class JobState(models.TextChoices):
    QUEUED = "queued", _("รอคิว")
    RUNNING = "running", _("กำลังทำงาน")
    DONE = "done", _("เสร็จแล้ว")
    FAILED = "failed", _("ล้มเหลว")


class Job(models.Model):
    kind = models.CharField(max_length=32, choices=JobKind.choices)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    args = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"item": key, "message": Thai text}]
    result = models.JSONField(default=dict)
    message = models.CharField(max_length=500, blank=True)  # why it failed
    task_result_id = models.CharField(max_length=64, blank=True)
    # Raised by each run of the job: a run that finds a later attempt stops (taken over).
    attempt = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("งานเบื้องหลัง")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} {self.state} {self.done}/{self.total}"


class JobItem(models.Model):
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=200)
    attempt = models.PositiveIntegerField()  # the run that finished it
    finished_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "key"], name="job_item_once")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.key}"
