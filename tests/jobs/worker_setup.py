"""Setup and checks of test_worker, run in child processes against the test's own database."""

import os
import sys


def setup(count: int) -> None:
    """The demo, `count` more agencies with a measure each, an operator, and the job queued."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import Agency, AgencyKind, Division, SiteAccess, SiteRole
    from prongsai.demo.agency import YEAR, load_demo
    from prongsai.jobs import services
    from prongsai.jobs.models import JobKind
    from prongsai.measures.models import Measure

    load_demo()
    for i in range(count):
        agency = Agency.objects.create(
            name=f"เทศบาลตำบลทดสอบ{i}",
            kind=AgencyKind.SUBDISTRICT_MUNICIPALITY,
            province="กาฬสินธุ์",
            province_code="46",
            head_title=f"นายกเทศมนตรีตำบลทดสอบ{i}",
            slug=f"test{i:02d}",
        )
        division = Division.objects.create(agency=agency, name="สำนักปลัด")
        measure = Measure.objects.create(
            agency=agency, fiscal_year=YEAR, number=1, title=f"มาตรการทดสอบที่ {i}"
        )
        measure.divisions.add(division)
    user = get_user_model().objects.create_user("op@example.org", email="op@example.org")
    SiteAccess.objects.create(user=user, role=SiteRole.OPERATOR)
    job = services.start(JobKind.RENDER_MEMOS, None, user, year=YEAR, fmt="docx")
    print(job.pk)


def progress(job_id: int) -> None:
    """done total state, and the finished items as key=attempt."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    import django

    django.setup()
    from django_tasks_db.models import DBTaskResult

    from prongsai.jobs.models import Job, JobItem

    job = Job.objects.get(pk=job_id)
    task = DBTaskResult.objects.get(pk=job.task_result_id)
    print(job.done, job.total, job.state, task.status, len(task.worker_ids))
    for key, attempt in JobItem.objects.filter(job=job).values_list("key", "attempt"):
        print(f"{key}={attempt}")


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup(int(sys.argv[2]))
    else:
        progress(int(sys.argv[2]))
