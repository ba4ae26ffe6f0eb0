"""The one django-tasks task: run a Job by its id (the worker imports it by this path)."""

from typing import Any

from django_tasks import task

from prongsai.jobs import runner


@task()
def run_job(job_id: int) -> dict[str, Any]:
    return runner.run(job_id)
