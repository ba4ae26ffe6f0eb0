"""Jobs whose worker died are queued again, so that a restart picks them up.

django-tasks' database worker leaves a task it was running in RUNNING for ever when the
process is killed. Each `prongsai worker` names itself HOST:PID; when one starts, and then
every while, it hands back to the queue (READY) every job task whose worker on this host is
no longer alive, and every one whose job wrote no progress for JOB_STALE_SECONDS (a worker
that died on another machine). The job itself continues after its finished items."""

import datetime as dt
import os
import socket

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from prongsai.jobs.models import Job, JobState

TASK_PATH = "prongsai.jobs.tasks.run_job"


def worker_name() -> str:
    return f"{socket.gethostname()[:50]}:{os.getpid()}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dead_here(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname()[:50] or not pid.isdigit():
        return False
    # Our own PID on a task still RUNNING is a previous process of the same number
    # (a container restarted): this process has not taken anything yet.
    return int(pid) == os.getpid() or not _alive(int(pid))


def requeue_orphans(now: dt.datetime | None = None) -> list[str]:
    """Queue again the job tasks whose worker is gone; the ids of those queued."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.JOB_STALE_SECONDS)
    requeued = []
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path=TASK_PATH)
    for task in running:
        workers = task.worker_ids or [""]
        job = Job.objects.filter(task_result_id=str(task.id)).first()
        stale = (
            job is not None
            and job.state == JobState.RUNNING
            and ((job.heartbeat_at or job.created_at) < cutoff)
        )
        if _dead_here(str(workers[-1])) or stale:
            changed = DBTaskResult.objects.filter(
                pk=task.pk, status=TaskResultStatus.RUNNING
            ).update(status=TaskResultStatus.READY)
            if changed:
                requeued.append(str(task.id))
    return requeued
