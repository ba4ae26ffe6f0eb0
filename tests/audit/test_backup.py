"""Back up while another process writes; restore into a fresh database; refuse bad backups.

Runs against SQLite files, or against PostgreSQL databases when DATABASE_URL points there
(the PostgreSQL leg of `make test`).
"""

import json
import os
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest

WORKER = Path(__file__).parents[1] / "measures" / "concurrent_worker.py"
pytestmark = pytest.mark.slow

PG_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = PG_URL.startswith("postgres")


def new_database(tmp_path, name):
    if not ON_POSTGRES:
        return f"sqlite:///{tmp_path}/{name}.sqlite3"
    import psycopg

    db = f"{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db}"')
    return PG_URL.rsplit("/", 1)[0] + f"/{db}"


def env_for(tmp_path, url, media):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        PRONGSAI_VAR_DIR=str(tmp_path / media),
        DJANGO_SETTINGS_MODULE="prongsai.settings",
        SECRET_KEY="backup-test",
        LOG_LEVEL="WARNING",
    )
    return env


def prongsai(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "-m", "prongsai.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=check,
    )


COUNT = (
    "import django; django.setup();"
    "from prongsai.measures.models import StatusUpdate, Evidence;"
    "print(StatusUpdate.objects.count(), Evidence.objects.count())"
)


def counts(env):
    out = subprocess.run(
        [sys.executable, "-c", COUNT], env=env, capture_output=True, text=True, check=True
    )
    return tuple(int(x) for x in out.stdout.split())


def add_uploaded_file(env):
    code = (
        "import django, io; django.setup();"
        "from django.contrib.auth import get_user_model;"
        "from prongsai.measures.models import Measure;"
        "from prongsai.measures.services import report_status;"
        "from prongsai.core.uploads import check_upload;"
        "u = get_user_model().objects.get(username='ummao-coordinator');"
        "m = Measure.objects.get(agency__slug='ummao', fiscal_year=2565, number=3);"
        "f = check_upload(io.BytesIO(b'%PDF-1.4 evidence'), max_bytes=1000);"
        "report_status(actor=u, measure=m, status='done', files=[('r.pdf', f)])"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)


def test_backup_during_writes_restores_into_fresh_database(tmp_path):
    source = env_for(tmp_path, new_database(tmp_path, "source"), "source")
    prongsai(source, "demo")
    add_uploaded_file(source)
    started = tmp_path / "writer-started"
    writer = subprocess.Popen(
        [sys.executable, str(WORKER), "0", "1500"],
        env={**source, "WRITER_STARTED_FILE": str(started)},
        stdout=subprocess.PIPE,
        text=True,
    )
    # the backup must overlap the writes: it starts once the first update is in (the writer
    # starting Django can take longer than the backup on a busy machine)
    deadline = time.monotonic() + 120
    while not started.exists():
        assert writer.poll() is None and time.monotonic() < deadline, "the writer did not start"
        time.sleep(0.05)
    backup_file = tmp_path / "backup.zip"
    prongsai(source, "backup", str(backup_file))
    assert writer.wait(timeout=600) == 0
    manifest = json.loads(zipfile.ZipFile(backup_file).read("manifest.json"))
    assert len(manifest["files"]) == 1
    # The backup was taken while the writer ran: it holds some of its rows, not all.
    written_in_backup = manifest["row_counts"]["measures_statusupdate"] - 7
    assert 0 < written_in_backup < 1500, written_in_backup

    target = env_for(tmp_path, new_database(tmp_path, "target"), "target")
    result = prongsai(target, "restore", str(backup_file))
    assert "กู้คืนแล้ว" in result.stdout
    updates, evidence = counts(target)
    assert updates == manifest["row_counts"]["measures_statusupdate"]
    assert evidence == manifest["row_counts"]["measures_evidence"]
    assert prongsai(target, "audit", "verify").returncode == 0
    restored_files = list((tmp_path / "target" / "uploads").rglob("*.pdf"))
    assert len(restored_files) == 1 and restored_files[0].read_bytes() == b"%PDF-1.4 evidence"


def tamper(backup_file, out, *, member, edit):
    with zipfile.ZipFile(backup_file) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, edit(data) if info.filename.startswith(member) else data)


def test_restore_refuses_tampered_backups(tmp_path):
    source = env_for(tmp_path, new_database(tmp_path, "source"), "source")
    prongsai(source, "demo")
    add_uploaded_file(source)
    backup_file = tmp_path / "backup.zip"
    prongsai(source, "backup", str(backup_file))

    def more_rows(data):
        manifest = json.loads(data)
        manifest["row_counts"]["measures_statusupdate"] += 1
        return json.dumps(manifest).encode()

    cases = {
        "manifest": ("manifest.json", more_rows),
        "file": ("uploads/", lambda data: data + b"x"),
    }
    target = env_for(tmp_path, new_database(tmp_path, "target"), "target")
    prongsai(target, "migrate")
    for name, (member, edit) in cases.items():
        bad = tmp_path / f"bad-{name}.zip"
        tamper(backup_file, bad, member=member, edit=edit)
        # Refused for its signature, and by the checks themselves when told to accept it.
        for flags in ((), ("--accept-unsigned",)):
            result = prongsai(target, "restore", str(bad), *flags, check=False)
            assert result.returncode != 0, name
            assert "ไม่กู้คืน: " in result.stderr, result.stderr
        assert "ลายมือชื่อ" not in result.stderr, result.stderr
    assert counts(target) == (0, 0)
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"not a zip")
    assert prongsai(target, "restore", str(garbage), check=False).returncode != 0


def test_restore_refuses_a_broken_audit_chain(tmp_path):
    if ON_POSTGRES:
        pytest.skip("the forged database is made with sqlite3; the check is shared code")
    import hashlib
    import sqlite3

    source = env_for(tmp_path, new_database(tmp_path, "source"), "source")
    prongsai(source, "demo")
    backup_file = tmp_path / "backup.zip"
    prongsai(source, "backup", str(backup_file))
    db_path = tmp_path / "forged.sqlite3"
    with zipfile.ZipFile(backup_file) as src:
        manifest = json.loads(src.read("manifest.json"))
        db_path.write_bytes(src.read(manifest["database"]))
    con = sqlite3.connect(db_path)
    (trigger,) = con.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'audit_auditevent_no_update'"
    ).fetchone()
    con.execute("DROP TRIGGER audit_auditevent_no_update")
    con.execute("UPDATE audit_auditevent SET action = 'forged' WHERE seq = 2")
    con.execute(trigger)  # put back, so only the chain can tell
    con.commit()
    con.close()
    manifest["database_sha256"] = hashlib.sha256(db_path.read_bytes()).hexdigest()
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(backup_file) as src, zipfile.ZipFile(forged, "w") as dst:
        for info in src.infolist():
            if info.filename == "manifest.json":
                dst.writestr(info, json.dumps(manifest))
            elif info.filename == manifest["database"]:
                dst.write(db_path, info.filename)
            else:
                dst.writestr(info, src.read(info.filename))
    target = env_for(tmp_path, new_database(tmp_path, "target"), "target")
    result = prongsai(target, "restore", str(forged), check=False)
    assert result.returncode != 0 and "ลายมือชื่อ" in result.stderr  # the stale signature
    result = prongsai(target, "restore", str(forged), "--accept-unsigned", check=False)
    assert result.returncode != 0
    assert "ไม่กู้คืน: ห่วงโซ่ประวัติของ ummao เสียหายที่ #2" in result.stderr


SHARED_STATE = (
    "from prongsai.core import counters;"
    "from prongsai.public import ratelimit;"
    "from django.core.cache import cache;"
    "counters.hit('login-fail:x', 900);"
    "cache.set('some-page', 'body', 3600);"
    "print(ratelimit._hour_key(ratelimit._hour()).hex())"
)
UNSAVED = ("core_counter", "core_hourkey", "prongsai_cache")


def test_backup_keeps_neither_counters_nor_the_rate_limits_hour_key(tmp_path):
    source = env_for(tmp_path, new_database(tmp_path, "source"), "source")
    prongsai(source, "demo")
    shared = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + SHARED_STATE],
        env=source,
        check=True,
        capture_output=True,
        text=True,
    )
    key = bytes.fromhex(shared.stdout.strip())
    backup_file = tmp_path / "backup.zip"
    prongsai(source, "backup", str(backup_file))
    with zipfile.ZipFile(backup_file) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        database = archive.read(manifest["database"])
    assert all(manifest["row_counts"][table] == 0 for table in UNSAVED), manifest["row_counts"]
    assert key not in database and key.hex().encode() not in database

    target = env_for(tmp_path, new_database(tmp_path, "target"), "target")
    assert "กู้คืนแล้ว" in prongsai(target, "restore", str(backup_file)).stdout
    empty = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup();"
            "from prongsai.core.models import Counter, HourKey;"
            "print(Counter.objects.count(), HourKey.objects.count())",
        ],
        env=target,
        check=True,
        capture_output=True,
        text=True,
    )
    assert empty.stdout.split() == ["0", "0"]
