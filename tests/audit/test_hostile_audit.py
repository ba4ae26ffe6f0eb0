"""Attacks on the audit trail and on restore: each must be named or refused.

Rows changed behind the services' back (status, note, date; a deleted update with its
evidence; a forged update; a measure's title), and backups whose member names try to
write outside the media folder.
"""

import datetime as dt
import hashlib
import hmac
import json
import os
import sqlite3
import subprocess
import sys
import uuid
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from prongsai.audit import backup as backup_module
from prongsai.audit.backup_checks import FORMAT, BackupError, signature
from prongsai.audit.guard import APPEND_ONLY_TABLES, maintenance, missing_triggers, postgres_sql
from prongsai.audit.models import AuditEvent
from prongsai.audit.services import record_event, verify_chain, verify_rows
from prongsai.core.canonical import canonical_json as canonical
from prongsai.measures import services
from prongsai.measures.models import Evidence, Measure, StatusUpdate


def drop_guards():
    with connection.cursor() as cursor:
        for table in APPEND_ONLY_TABLES:
            if connection.vendor == "sqlite":
                for op in ("update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


def problems(agency):
    return [str(p) for p in verify_rows(agency)]


def verify_output(capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", "--agency", "ummao")
    assert exit_info.value.code == 1
    return capsys.readouterr().out


def last_binding_seq(label, pk):
    seqs = [
        e.seq
        for e in AuditEvent.objects.order_by("seq")
        if any(r["model"] == label and r["pk"] == str(pk) for r in e.rows)
    ]
    return seqs[-1]


def test_demo_rows_are_all_bound(demo, capsys):
    assert problems(demo) == []
    call_command("audit", "verify", "--agency", "ummao")
    assert "OK ummao" in capsys.readouterr().out
    assert missing_triggers(connection) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "not_started"), ("note", "แก้ไขย้อนหลัง"), ("reported_on", dt.date(2020, 1, 1))],
)
def test_changed_status_update_is_named(demo, capsys, field, value):
    update = StatusUpdate.objects.filter(measure__agency=demo).order_by("pk").first()
    seq = last_binding_seq("measures.statusupdate", update.pk)
    drop_guards()
    StatusUpdate.objects.filter(pk=update.pk).update(**{field: value})
    assert verify_chain(demo).ok  # the chain itself is intact: only the rows tell
    expected = f"status update {update.pk}: {field} changed since event #{seq}"
    assert problems(demo) == [expected]
    out = verify_output(capsys)
    assert f"BROKEN ummao: {expected}" in out


def test_change_made_in_maintenance_mode_is_named(demo):
    if connection.vendor != "sqlite":
        pytest.skip("maintenance mode is the SQLite guard")
    update = StatusUpdate.objects.filter(measure__agency=demo).order_by("pk").first()
    with maintenance():
        StatusUpdate.objects.filter(pk=update.pk).update(status="done", note="x")
    assert problems(demo) == [
        f"status update {update.pk}: status, note changed since event "
        f"#{last_binding_seq('measures.statusupdate', update.pk)}"
    ]


def test_deleted_update_and_its_evidence_are_named(demo, coordinator):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    update = services.report_status(
        actor=coordinator, measure=measure, status="done", links=["https://example.org/a"]
    )
    evidence = Evidence.objects.get(update=update)
    assert problems(demo) == []
    drop_guards()
    Evidence.objects.filter(pk=evidence.pk).delete()
    StatusUpdate.objects.filter(pk=update.pk).delete()
    seq = last_binding_seq("measures.statusupdate", update.pk)
    assert problems(demo) == [
        f"evidence {evidence.pk}: missing, bound by event #{seq}",
        f"status update {update.pk}: missing, bound by event #{seq}",
    ]


def test_forged_update_and_evidence_are_named(demo, coordinator):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=2)
    forged = StatusUpdate.objects.create(
        measure=measure, status="done", reported_on=dt.date(2022, 9, 1), created_by=coordinator
    )
    evidence = Evidence.objects.create(update=forged, url="https://example.org/forged")
    assert problems(demo) == [
        f"evidence {evidence.pk}: no event binds it",
        f"status update {forged.pk}: no event binds it",
    ]


def test_measure_title_edit_is_named_and_a_service_edit_rebinds(demo, coordinator):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    seq = last_binding_seq("measures.measure", measure.pk)
    Measure.objects.filter(pk=measure.pk).update(title="มาตรการปลอม")
    assert problems(demo) == [f"measure {measure.pk}: title changed since event #{seq}"]
    Measure.objects.filter(pk=measure.pk).update(title=measure.title)
    assert problems(demo) == []
    # Divisions are part of the measure's content too.
    measure.divisions.clear()
    assert problems(demo) == [f"measure {measure.pk}: divisions changed since event #{seq}"]
    measure.divisions.set(Measure.objects.get(pk=measure.pk).agency.divisions.all()[:1])
    edited = services.update_measure(
        actor=coordinator,
        measure=measure,
        expected_version=measure.version,
        title="ชื่อใหม่",
        divisions=list(demo.divisions.all()[:2]),
    )
    assert problems(demo) == []
    assert last_binding_seq("measures.measure", edited.pk) > seq


def test_moving_a_measure_to_another_agency_is_named(demo, other_agency):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=3)
    drop_guards()
    Measure.objects.filter(pk=measure.pk).update(agency=other_agency)
    assert f"measure {measure.pk}: no event binds it" in problems(other_agency)
    assert any(p.startswith(f"measure {measure.pk}: missing") for p in problems(demo))


def test_only_audited_models_can_be_bound(demo):
    with pytest.raises(ValueError), transaction.atomic():
        record_event(actor="test", agency=demo, action="x", obj=None, payload={}, rows=[demo])


# --- restore: names from the archive never leave the media folder --------------------


def make_backup(path, members, files, *, sign=True, symlink=None):
    """A backup ZIP with the given uploads/ members and manifest file list."""
    db = b"not reached"
    manifest = {
        "format": FORMAT,
        "created": "2026-01-01T00:00:00+00:00",
        "vendor": connection.vendor,
        "database": "database.sqlite3",
        "database_sha256": hashlib.sha256(db).hexdigest(),
        "row_counts": {},
        "files": files,
    }
    if sign:
        manifest["signature"] = signature(manifest)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink[0])
            info.external_attr = 0o120777 << 16  # a symbolic link
            archive.writestr(info, symlink[1])
        archive.writestr("database.sqlite3", db)
        archive.writestr("manifest.json", json.dumps(manifest))
    return path


def sha(data):
    return hashlib.sha256(data).hexdigest()


def refused(path, expected):
    for accept in (False, True):
        with pytest.raises(BackupError) as info:
            backup_module.restore(path, accept_unsigned=accept)
        assert expected in str(info.value), str(info.value)


def test_absolute_path_after_uploads_is_refused(tmp_path, settings):
    outside = tmp_path / "outside" / "evil.txt"
    data = b"owned"
    bad = make_backup(
        tmp_path / "abs.zip", [(f"uploads/{outside}", data)], {str(outside): sha(data)}
    )
    assert f"uploads/{outside}".startswith("uploads//")
    refused(bad, "ไม่ปลอดภัย")
    assert not outside.exists()


@pytest.mark.parametrize(
    "name",
    ["../evil.txt", "a/../../evil.txt", "C:/evil.txt", "c:evil.txt", "a\\..\\evil.txt", "./x"],
)
def test_unsafe_names_are_refused(tmp_path, name):
    data = b"x"
    bad = make_backup(tmp_path / "bad.zip", [(f"uploads/{name}", data)], {name: sha(data)})
    refused(bad, "ไม่ปลอดภัย")


def test_unsafe_name_only_in_the_manifest_is_refused(tmp_path):
    bad = make_backup(tmp_path / "bad.zip", [("uploads/a.txt", b"x")], {"/etc/a.txt": sha(b"x")})
    refused(bad, "ไม่ปลอดภัย")


def test_symlink_member_is_refused(tmp_path):
    bad = make_backup(tmp_path / "link.zip", [], {}, symlink=("uploads/evidence", "/etc"))
    refused(bad, "ลิงก์")


def test_duplicate_member_is_refused(tmp_path):
    with pytest.warns(UserWarning, match="Duplicate name"):
        bad = make_backup(
            tmp_path / "dup.zip",
            [("uploads/a.txt", b"x"), ("uploads/a.txt", b"y")],
            {"a.txt": sha(b"y")},
        )
    refused(bad, "ซ้ำ")


def test_symlink_inside_the_media_folder_is_not_followed(tmp_path, settings):
    outside = tmp_path / "outside"
    outside.mkdir()
    media = tmp_path / "uploads"
    media.mkdir(parents=True, exist_ok=True)
    (media / "evidence").symlink_to(outside)
    data = b"%PDF-1.4 x"
    bad = make_backup(
        tmp_path / "via-link.zip", [("uploads/evidence/x.pdf", data)], {"evidence/x.pdf": sha(data)}
    )
    refused(bad, "ไม่ปลอดภัย")
    assert list(outside.iterdir()) == []


def test_unsigned_and_wrongly_signed_backups_are_refused(tmp_path):
    unsigned = make_backup(tmp_path / "unsigned.zip", [], {}, sign=False)
    with pytest.raises(BackupError, match="ไม่มีลายมือชื่อ"):
        backup_module.restore(unsigned)
    wrong = tmp_path / "wrong.zip"
    with zipfile.ZipFile(make_backup(tmp_path / "ok.zip", [], {})) as src:
        manifest = json.loads(src.read("manifest.json"))
        manifest["created"] = "2030-01-01T00:00:00+00:00"  # changed after signing
        with zipfile.ZipFile(wrong, "w") as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "manifest.json":
                    data = json.dumps(manifest).encode()
                dst.writestr(info, data)
    with pytest.raises(BackupError, match="ลายมือชื่อ"):
        backup_module.restore(wrong)


# --- the prongsai restore command against forged backups (SQLite and PostgreSQL) ------

PG_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = PG_URL.startswith("postgres")
KEY = "hostile-backup-test"


def new_database(tmp_path, name):
    if not ON_POSTGRES:
        return f"sqlite:///{tmp_path}/{name}.sqlite3"
    import psycopg

    db = f"{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db}"')
    return PG_URL.rsplit("/", 1)[0] + f"/{db}"


def cli_env(tmp_path, name):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=new_database(tmp_path, name),
        PRONGSAI_VAR_DIR=str(tmp_path / name),
        DJANGO_SETTINGS_MODULE="prongsai.settings",
        SECRET_KEY=KEY,
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


def resign(manifest):
    unsigned = {k: v for k, v in manifest.items() if k != "signature"}
    manifest["signature"] = hmac.new(KEY.encode(), canonical(unsigned), "sha256").hexdigest()


def rewrite(backup_file, out, manifest, replace):
    """Copy the backup with `replace` {member: bytes} and the given manifest."""
    with zipfile.ZipFile(backup_file) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename == "manifest.json":
                dst.writestr(info, json.dumps(manifest))
            else:
                dst.writestr(info, replace.pop(info.filename, src.read(info.filename)))
        for name, data in replace.items():
            dst.writestr(name, data)
    return out


@pytest.fixture
def demo_backup(tmp_path):
    source = cli_env(tmp_path, "source")
    prongsai(source, "demo")
    backup_file = tmp_path / "backup.zip"
    prongsai(source, "backup", str(backup_file))
    with zipfile.ZipFile(backup_file) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        database = archive.read(manifest["database"])
    return backup_file, manifest, database


def target_counts(env):
    code = (
        "import django; django.setup();"
        "from prongsai.measures.models import StatusUpdate;"
        "print(StatusUpdate.objects.count())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout)


@pytest.mark.slow
def test_restore_command_never_writes_outside_the_media_folder(tmp_path, demo_backup):
    backup_file, manifest, _ = demo_backup
    outside = tmp_path / "outside" / "pwned.txt"
    data = b"written by a backup"
    manifest["files"][str(outside)] = sha(data)
    resign(manifest)  # even with the key (an insider), the name is refused
    bad = rewrite(backup_file, tmp_path / "abs.zip", manifest, {f"uploads/{outside}": data})
    target = cli_env(tmp_path, "target")
    prongsai(target, "migrate")
    for flags in ((), ("--accept-unsigned",)):
        result = prongsai(target, "restore", str(bad), *flags, check=False)
        assert result.returncode != 0 and "กู้คืนแล้ว" not in result.stdout, result.stdout
        assert "ไม่กู้คืน: " in result.stderr and "ไม่ปลอดภัย" in result.stderr
    assert not outside.exists()
    assert target_counts(target) == 0


FORGE_NOTE = (
    "UPDATE measures_statusupdate SET note = 'forged' "
    "WHERE id = (SELECT MIN(id) FROM measures_statusupdate)"
)


def forge(tmp_path, manifest, database, *, keep_triggers):
    """The backup's database with one status update's note changed behind the services."""
    table = "measures_statusupdate"
    if not ON_POSTGRES:
        path = tmp_path / "forged.sqlite3"
        path.write_bytes(database)
        con = sqlite3.connect(path)
        saved = con.execute(
            "SELECT sql FROM sqlite_master WHERE type='trigger' AND tbl_name=?", [table]
        ).fetchall()
        for op in ("update", "delete"):
            con.execute(f"DROP TRIGGER {table}_no_{op}")
        con.execute(FORGE_NOTE)
        if keep_triggers:
            for (sql,) in saved:
                con.execute(sql)
        con.commit()
        con.close()
        return path.read_bytes()
    import psycopg

    dump = tmp_path / "in.pgdump"
    dump.write_bytes(database)
    url = new_database(tmp_path, "forge")
    subprocess.run(["pg_restore", "--no-owner", "-d", url, str(dump)], check=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        conn.execute(FORGE_NOTE)
        if keep_triggers:
            for sql in postgres_sql(table):
                conn.execute(sql)
    out = tmp_path / "out.pgdump"
    subprocess.run(["pg_dump", "-Fc", "--no-owner", "-f", str(out), url], check=True)
    return out.read_bytes()


@pytest.mark.slow
def test_tampered_backup_is_refused(tmp_path, demo_backup):
    backup_file, manifest, database = demo_backup
    target = cli_env(tmp_path, "target")
    prongsai(target, "migrate")

    def attempt(name, forged, *flags, sign=False):
        changed = dict(manifest, database_sha256=hashlib.sha256(forged).hexdigest())
        if sign:
            resign(changed)
        bad = rewrite(
            backup_file, tmp_path / f"{name}.zip", changed, {manifest["database"]: forged}
        )
        result = prongsai(target, "restore", str(bad), *flags, check=False)
        assert result.returncode != 0 and "กู้คืนแล้ว" not in result.stdout, (name, result.stdout)
        return result.stderr

    no_triggers = forge(tmp_path, manifest, database, keep_triggers=False)
    # Hash recomputed, signature not: refused for the signature.
    assert "ลายมือชื่อ" in attempt("unsigned", no_triggers)
    # Accepting unsigned backups still checks the schema ...
    assert "measures_statusupdate" in attempt("no-triggers", no_triggers, "--accept-unsigned")
    # ... and the rows against the chain, even when the forger put the triggers back or
    # holds the key and signed the forged backup.
    with_triggers = forge(tmp_path, manifest, database, keep_triggers=True)
    for sign, flags in ((False, ("--accept-unsigned",)), (True, ())):
        err = attempt(f"rows-{sign}", with_triggers, *flags, sign=sign)
        assert "note changed since event" in err, err
    assert target_counts(target) == 0

    # The untouched backup restores, with a warning only when told to accept it unsigned.
    unsigned = dict(manifest)
    del unsigned["signature"]
    plain = rewrite(backup_file, tmp_path / "plain.zip", unsigned, {})
    result = prongsai(target, "restore", str(plain), "--accept-unsigned")
    assert "กู้คืนแล้ว" in result.stdout and "ไม่มีลายมือชื่อ" in result.stderr
    result = prongsai(target, "restore", str(backup_file))
    assert "กู้คืนแล้ว" in result.stdout and result.stderr == ""
    assert prongsai(target, "audit", "verify").returncode == 0


def test_dropped_or_defused_trigger_is_named(demo, capsys):
    table = "measures_statusupdate"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Same name, but it lets everything through.
            cursor.execute(f"DROP TRIGGER {table}_no_update")
            cursor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                "WHEN 0 BEGIN SELECT 1; END"
            )
            expected = f"{table}_no_update"
        else:
            # The function every trigger calls, made to let everything through.
            cursor.execute(
                "CREATE OR REPLACE FUNCTION prongsai_append_only() RETURNS trigger AS $$ "
                "BEGIN RETURN COALESCE(NEW, OLD); END; $$ LANGUAGE plpgsql"
            )
            expected = f"{table}_append_only"
    assert expected in missing_triggers(connection)
    assert f"append-only trigger missing or altered: {expected}" in verify_output(capsys)
