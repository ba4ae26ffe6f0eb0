"""A real `prongsai worker` killed (SIGKILL) in the middle of a job, then started again:
the job is picked up where it stopped and every item is done exactly once.

Runs on its own database (a SQLite file, or a fresh database on the PostgreSQL server of
scripts/with-postgres), which the worker processes and the test's children share."""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

AGENCIES = 7  # with the demo: 8 agencies, 16 memos
HELPER = Path(__file__).with_name("worker_setup.py")

pytestmark = pytest.mark.slow


@pytest.fixture
def worker_env(tmp_path):
    env = dict(os.environ)
    env.update(
        PRONGSAI_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="prongsai.settings",
        SECRET_KEY="worker-test",
        LOG_LEVEL="WARNING",
        DEBUG="false",
        HTTPS="false",
    )
    env.pop("TASKS_BACKEND", None)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        env["DATABASE_URL"] = f"sqlite:///{tmp_path}/worker.sqlite3"
        yield env
        return
    import psycopg

    name = f"worker_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    env["DATABASE_URL"] = url.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


def run(env, *args):
    result = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def progress(env, job_id):
    lines = run(env, str(HELPER), "progress", str(job_id)).split("\n")
    done, total, state, task_status, workers = lines[0].split()
    items = dict(line.split("=") for line in lines[1:] if line)
    return int(done), int(total), state, task_status, int(workers), items


def done_now(env, job_id) -> int:
    """The job's finished items, read straight from its database (no process to start, so
    the kill follows the reading by milliseconds, not by a Django start-up)."""
    url = env["DATABASE_URL"]
    query = "SELECT done FROM jobs_job WHERE id = %s"
    if url.startswith("sqlite:///"):
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(url.removeprefix("sqlite:///"), timeout=10)) as conn:
            row = conn.execute(query.replace("%s", "?"), (job_id,)).fetchone()
    else:
        import psycopg

        with psycopg.connect(url) as conn:
            row = conn.execute(query, (job_id,)).fetchone()
    return int(row[0]) if row else 0


def worker(env, *extra):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "prongsai.cli",
            "worker",
            "--no-startup-delay",
            "--interval",
            "0.2",
            *extra,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_killed_worker_s_job_is_finished_by_the_next_one_exactly_once(worker_env, tmp_path):
    run(worker_env, "-m", "prongsai.cli", "migrate", "--no-input")
    job_id = int(run(worker_env, str(HELPER), "setup", str(AGENCIES)).split()[-1])
    first = worker(worker_env)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if done_now(worker_env, job_id) >= 3:
                break
            assert first.poll() is None, first.stdout.read() if first.stdout else ""
            time.sleep(0.05)
        else:
            pytest.fail("the first worker made no progress")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    done, total, state, task_status, workers, before = progress(worker_env, job_id)
    assert total == 2 * (AGENCIES + 1)
    assert done < total, "the job finished before the kill: give it more items"
    assert (state, task_status) == ("running", "RUNNING")  # left behind by the dead worker

    second = worker(worker_env, "--batch")
    out, _ = second.communicate(timeout=90)
    assert second.returncode == 0, out
    assert "queued again" in out
    done, total, state, task_status, workers, items = progress(worker_env, job_id)
    assert (state, task_status, workers) == ("done", "SUCCESSFUL", 2)
    assert done == total == len(items)
    # what the first worker finished, the second did not do again
    assert all(items[key] == "1" for key in before)
    assert set(items.values()) == {"1", "2"}
    folder = tmp_path / "jobs" / str(job_id)
    memos = sorted(p.name for p in folder.glob("*.docx"))
    assert len(memos) == total
    assert not list(folder.glob("*.partial"))
