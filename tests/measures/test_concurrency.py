"""4 processes × 200 writes through the services on one SQLite file: no error, no lost write."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

WORKERS = 4
WRITES = 200
WORKER = Path(__file__).with_name("concurrent_worker.py")

pytestmark = pytest.mark.slow


def run_env(tmp_path):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path}/concurrent.sqlite3",
        PRONGSAI_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="prongsai.settings",
        SECRET_KEY="concurrency-test",
        LOG_LEVEL="WARNING",
    )
    return env


def test_four_writers_lose_nothing(tmp_path):
    env = run_env(tmp_path)
    prongsai = [sys.executable, "-m", "prongsai.cli"]
    subprocess.run([*prongsai, "demo"], env=env, check=True, capture_output=True)
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(w), str(WRITES)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WORKERS)
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    for (out, err), proc in zip(outputs, procs):
        assert proc.returncode == 0, err
        assert out.strip().endswith("errors=0"), err
    check = (
        "import django; django.setup();"
        "from prongsai.measures.models import StatusUpdate;"
        "from prongsai.agencies.models import Agency;"
        "from prongsai.audit.services import verify_chain;"
        "print(StatusUpdate.objects.filter(note__startswith='w').count());"
        "print(verify_chain(Agency.objects.get(slug='ummao')).ok)"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], env=env, check=True, capture_output=True, text=True
    )
    count, chain_ok = result.stdout.split()
    assert int(count) == WORKERS * WRITES
    assert chain_ok == "True"
