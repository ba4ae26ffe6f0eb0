"""One run of a job inside a worker: claim it (a new attempt), do its work, record the end."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.errors import ProngsaiError
from prongsai.jobs.models import Job, JobState
from prongsai.jobs.progress import Progress, Superseded
from prongsai.jobs.work import WORK

log = logging.getLogger(__name__)


def _claim(job_id: int) -> Job | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.state == JobState.DONE:
            return None
        job.attempt += 1
        job.state = JobState.RUNNING
        job.message = ""
        job.heartbeat_at = timezone.now()
        job.save(update_fields=["attempt", "state", "message", "heartbeat_at"])
        return job


def _end(job_id: int, attempt: int, **fields: Any) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.attempt != attempt:
            return
        for name, value in fields.items():
            setattr(job, name, value)
        job.finished_at = timezone.now()
        job.save(update_fields=[*fields, "finished_at"])


def run(job_id: int) -> dict[str, Any]:
    job = _claim(job_id)
    if job is None:
        return {"already_done": True}
    progress = Progress(job.pk, job.attempt)
    try:
        result = WORK[job.kind](job, progress)
    except Superseded:
        return {"superseded": True}
    except ProngsaiError as exc:
        _end(job.pk, job.attempt, state=JobState.FAILED, message=str(exc.message)[:500])
        raise
    except Exception as exc:
        log.exception("job %s failed", job.pk)
        message = _("เกิดข้อผิดพลาดที่ไม่คาดคิด: %(error)s") % {"error": type(exc).__name__}
        _end(job.pk, job.attempt, state=JobState.FAILED, message=message)
        raise
    _end(job.pk, job.attempt, state=JobState.DONE, result=result)
    return result
