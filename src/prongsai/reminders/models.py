"""Reminders sent to people (one digest per person per day) and what each person wants.

A Notification row is written before its e-mail is sent and marked once delivered, so a
second run the same day, or a run restarted after a crash, sends nothing twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency


class ReminderKind(models.TextChoices):
    MEASURE_DUE = "measure_due", _("กำหนดติดตามมาตรการ")
    OIT_DUE = "oit_due", _("กำหนดส่งข้อ OIT")
    LINK_BROKEN = "link_broken", _("ลิงก์เสีย")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    day = models.DateField()  # the day the digest is for
    subject = models.CharField(max_length=300)
    body = models.TextField()
    items = models.JSONField(default=list)  # what it reminded of: [{kind, object, due}]
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("การแจ้งเตือน")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "day"], name="notification_one_digest_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.day} {'sent' if self.sent_at else 'pending'}"


class ReminderPreference(models.Model):
    """A kind of reminder a person turned off (no row: on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    kind = models.CharField(max_length=32, choices=ReminderKind.choices)
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="reminder_preference_one")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.enabled}"
