"""The append-only, hash-chained event log (one chain per agency)."""

from django.conf import settings
from django.db import models

from prongsai.agencies.models import Agency


class AuditEvent(models.Model):
    """One state change. UPDATE and DELETE are refused by database triggers."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="audit_events")
    seq = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    # The rows of audited models this event wrote: [{model, pk, hash, fields}] (audit.binding).
    rows = models.JSONField(default=list, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["agency", "seq"]
        constraints = [models.UniqueConstraint(fields=["agency", "seq"], name="audit_unique_seq")]
        indexes = [models.Index(fields=["agency", "object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.agency_id}#{self.seq} {self.action}"
