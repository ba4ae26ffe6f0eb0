"""What the job pages show."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from prongsai.agencies.access import EDITORS
from prongsai.agencies.models import Agency
from prongsai.jobs.models import Job, JobState
from prongsai.jobs.services import can_see, is_stalled


@dataclass(frozen=True)
class JobRow:
    job: Job
    percent: int
    finished: bool
    stalled: bool
    can_retry: bool
    has_archive: bool


def row(job: Job) -> JobRow:
    stalled = is_stalled(job)
    return JobRow(
        job=job,
        percent=int(100 * job.done / job.total) if job.total else 0,
        finished=job.state in (JobState.DONE, JobState.FAILED),
        stalled=stalled,
        can_retry=job.state == JobState.FAILED or stalled,
        has_archive=job.state == JobState.DONE and bool(job.result.get("archive")),
    )


def visible_job(pk: int, user: Any) -> Job | None:
    job = Job.objects.select_related("agency", "requested_by").filter(pk=pk).first()
    if job is None or not can_see(job, user):
        return None
    return job


def jobs_of(user: Any, agency: Agency | None = None, limit: int = 50) -> list[JobRow]:
    if agency is not None:
        jobs = Job.objects.filter(agency=agency)
    else:
        coordinated = Q(
            agency__memberships__user=user,
            agency__memberships__role__in=EDITORS,
            agency__memberships__active=True,
        )
        jobs = Job.objects.filter(Q(requested_by=user) | coordinated).distinct()
    return [row(j) for j in jobs.select_related("agency", "requested_by")[:limit]]
