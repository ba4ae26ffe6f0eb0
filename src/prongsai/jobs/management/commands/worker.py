"""`prongsai worker`: django-tasks' database worker (`db_worker`), named HOST:PID, that first
queues again the jobs of workers that died (prongsai.jobs.recovery) and keeps doing so.

Run as many as you like on PostgreSQL (each takes one task at a time, rows locked with
SKIP LOCKED); on SQLite, one is enough. Stop with SIGTERM: the task under way finishes."""

import logging
import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from prongsai.jobs.recovery import requeue_orphans, worker_name

log = logging.getLogger("prongsai.jobs")


def _watch(stop: threading.Event, every: float) -> None:
    while not stop.wait(every):
        try:
            close_old_connections()
            for task_id in requeue_orphans():
                log.warning("queued again task %s (its worker stopped)", task_id)
        except Exception:  # a busy database now is no reason to stop watching
            log.exception("requeue of orphaned jobs failed")
        finally:
            connection.close()


class Command(DbWorkerCommand):
    help = "Run background jobs (งานเบื้องหลัง): a database worker that also takes over jobs of dead workers"

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_name(), reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        for task_id in requeue_orphans():
            self.stdout.write(f"queued again: {task_id}")
        connection.close()
        stop = threading.Event()
        watcher = threading.Thread(
            target=_watch, args=(stop, settings.JOB_STALE_SECONDS / 2), daemon=True
        )
        watcher.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
