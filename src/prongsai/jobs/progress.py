"""What a running job writes as it goes: its total, each finished item, its heartbeat.

Every write checks that this run is still the job's current attempt (the job row locked),
so a run that was taken over by another worker stops at its next item instead of doing
the same work beside the new one."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from prongsai.jobs.models import Job, JobItem


class Superseded(Exception):
    """Another run took this job over (its worker looked dead)."""


class Progress:
    def __init__(self, job_id: int, attempt: int) -> None:
        self.job_id = job_id
        self.attempt = attempt

    def _current(self) -> Job:
        job = Job.objects.select_for_update().get(pk=self.job_id)
        if job.attempt != self.attempt:
            raise Superseded(self.job_id)
        return job

    def set_total(self, total: int) -> None:
        with transaction.atomic():
            job = self._current()
            job.total = total
            job.heartbeat_at = timezone.now()
            job.save(update_fields=["total", "heartbeat_at"])

    def finished_keys(self) -> set[str]:
        return set(JobItem.objects.filter(job_id=self.job_id).values_list("key", flat=True))

    def item_done(self, key: str, *, error: str = "") -> None:
        """Record one finished item (with its error, if it failed): done once, never again."""
        with transaction.atomic():
            job = self._current()
            try:
                with transaction.atomic():
                    JobItem.objects.create(job=job, key=key, attempt=self.attempt)
            except IntegrityError:
                return  # finished already (by an earlier run)
            job.done = JobItem.objects.filter(job=job).count()
            if error:
                job.errors = [*job.errors, {"item": key, "message": error[:300]}]
            job.heartbeat_at = timezone.now()
            job.save(update_fields=["done", "errors", "heartbeat_at"])

    def counted(self, done: int, total: int) -> None:
        """Progress of work that keeps no items (a link check counts its own)."""
        with transaction.atomic():
            job = self._current()
            job.done, job.total = max(0, done), max(0, total)
            job.heartbeat_at = timezone.now()
            job.save(update_fields=["done", "total", "heartbeat_at"])

    def error(self, item: str, message: str) -> None:
        with transaction.atomic():
            job = self._current()
            job.errors = [*job.errors, {"item": item, "message": message[:300]}]
            job.save(update_fields=["errors"])
