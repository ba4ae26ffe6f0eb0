"""Starting and retrying jobs (the only writers of Job rows outside a running job)."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.access import EDITORS, Scope, is_operator, oversight_scope
from prongsai.agencies.models import Agency, Membership
from prongsai.core.errors import ValidationFailed
from prongsai.jobs.models import Job, JobKind, JobState
from prongsai.registry.places import province_exists
from prongsai.thai.dates import is_fiscal_year


def _enqueue(job: Job) -> None:
    from prongsai.jobs.tasks import run_job

    result = run_job.enqueue(job.pk)
    # The immediate backend (tests) has run the job already; keep its id either way.
    Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))


FORMATS = {
    JobKind.RENDER_MEMOS: ("pdf", "docx"),
    JobKind.OVERSIGHT_EXPORT: ("csv", "xlsx"),
}


def _check_start(
    kind: str, agency: Agency | None, user: Any, year: int, args: dict[str, Any]
) -> None:
    """An agency's job is started by its coordinators; the memos of every agency and the
    link check of a province by a site operator; an oversight export by an oversight person
    whose scope covers the place."""
    if kind not in JobKind.values:
        raise ValidationFailed(_("ไม่รู้จักงานประเภทนี้"))
    if not is_fiscal_year(year):
        raise ValidationFailed(_("ปีงบประมาณไม่ถูกต้อง"), field="year")
    formats = FORMATS.get(JobKind(kind))
    if formats is not None and args.get("fmt", formats[0]) not in formats:
        raise ValidationFailed(
            _("รูปแบบไฟล์ต้องเป็น %(formats)s") % {"formats": " หรือ ".join(formats)}, field="fmt"
        )
    if kind == JobKind.OVERSIGHT_EXPORT:
        scope = oversight_scope(user)
        place = Scope.of_code(str(args.get("place", "")))
        if scope is None or not (
            scope.is_national
            if place.is_national
            else scope.covers(place.province_code, place.district_code)
        ):
            raise ValidationFailed(_("คุณไม่มีสิทธิ์ดูข้อมูลของพื้นที่นี้"))
        return
    if agency is None:
        if kind == JobKind.LINK_CHECK:
            raise ValidationFailed(_("งานตรวจลิงก์ต้องระบุหน่วยงาน"))
        if not is_operator(user):
            raise ValidationFailed(_("เฉพาะผู้ดูแลระบบเท่านั้นที่สั่งงานของทุกหน่วยงานได้"))
        if kind == JobKind.PROVINCE_LINK_CHECK and not province_exists(
            str(args.get("province", ""))
        ):
            raise ValidationFailed(_("ไม่พบจังหวัดนี้"), field="province")
        return
    if kind not in (JobKind.RENDER_MEMOS, JobKind.LINK_CHECK):
        raise ValidationFailed(_("งานประเภทนี้ไม่ได้เป็นของหน่วยงานใดหน่วยงานหนึ่ง"))
    if not Membership.objects.filter(
        user=user, agency=agency, role__in=EDITORS, active=True
    ).exists():
        raise ValidationFailed(_("เฉพาะผู้ประสานงาน ITA ของหน่วยงานเท่านั้นที่สั่งงานนี้ได้"))


def start(kind: str, agency: Agency | None, user: Any, *, year: int, **args: Any) -> Job:
    """Queue a job for a worker and return it (its page shows the progress)."""
    _check_start(kind, agency, user, year, args)
    job = Job.objects.create(
        kind=kind, agency=agency, requested_by=user, args={"year": year, **args}
    )
    _enqueue(job)
    job.refresh_from_db()
    return job


def is_stalled(job: Job) -> bool:
    """Running, but its worker wrote nothing for JOB_STALE_SECONDS (killed elsewhere)."""
    if job.state != JobState.RUNNING or job.heartbeat_at is None:
        return False
    age = (timezone.now() - job.heartbeat_at).total_seconds()
    return age > settings.JOB_STALE_SECONDS


def can_see(job: Job, user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if job.requested_by_id == user.pk:
        return True
    return job.agency_id is not None and (
        Membership.objects.filter(
            user=user, agency_id=job.agency_id, role__in=EDITORS, active=True
        ).exists()
    )


def retry(job: Job, user: Any) -> Job:
    """Queue a failed (or stalled) job again: it continues after the items already done."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not can_see(job, user):
            raise ValidationFailed(_("คุณไม่มีสิทธิ์สั่งงานนี้ใหม่"))
        if job.state != JobState.FAILED and not is_stalled(job):
            raise ValidationFailed(_("สั่งใหม่ได้เฉพาะงานที่ล้มเหลวหรือหยุดค้าง"))
        job.state = JobState.QUEUED
        job.message = ""
        # A stalled run that wakes up finds a later attempt and stops.
        job.attempt += 1
        job.save(update_fields=["state", "message", "attempt"])
    _enqueue(job)
    job.refresh_from_db()
    return job
