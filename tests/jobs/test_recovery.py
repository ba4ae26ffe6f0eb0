"""Which running job tasks a starting worker hands back to the queue."""

import datetime as dt
import os
import socket

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from prongsai.jobs.models import Job, JobKind, JobState
from prongsai.jobs.recovery import TASK_PATH, requeue_orphans, worker_name


def running_task(worker: str, heartbeat_age: int, demo) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [0], "kwargs": {}},
        task_path=TASK_PATH,
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        worker_ids=[worker],
    )
    Job.objects.create(
        kind=JobKind.RENDER_MEMOS,
        agency=demo,
        args={"year": 2565},
        state=JobState.RUNNING,
        task_result_id=str(task.id),
        heartbeat_at=timezone.now() - dt.timedelta(seconds=heartbeat_age),
    )
    return task


def test_dead_here_stale_elsewhere_and_alive(demo, settings):
    settings.JOB_STALE_SECONDS = 300
    host = socket.gethostname()[:50]
    alive_here = running_task(f"{host}:{os.getppid()}", 5, demo)  # the test runner's parent
    dead_here = running_task(f"{host}:{2**22 + 12345}", 5, demo)  # beyond any PID in use
    busy_elsewhere = running_task("other-host:42", 5, demo)
    silent_elsewhere = running_task("other-host:43", 600, demo)
    requeued = set(requeue_orphans())
    assert requeued == {str(dead_here.id), str(silent_elsewhere.id)}
    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert statuses[alive_here.id] == statuses[busy_elsewhere.id] == TaskResultStatus.RUNNING
    assert statuses[dead_here.id] == TaskResultStatus.READY
    assert requeue_orphans() == []  # nothing twice


def test_a_worker_is_named_by_host_and_pid():
    assert worker_name().endswith(f":{os.getpid()}")
