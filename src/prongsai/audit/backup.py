"""Backups that prove themselves on restore.

A backup is a ZIP holding the database (SQLite's online backup API, or pg_dump's custom
format taken in an exported snapshot), every uploaded file, and manifest.json with the row
count of every table and the SHA-256 of every file, all as of the same moment, signed with
the audit key (HMAC). `restore` refuses a backup unless: it is signed with this server's
audit key (or the operator explicitly accepts an unsigned one), every member name is safe
(backup_checks), the database passes its integrity check, the row counts match the
manifest, the append-only triggers are in place, every audit chain verifies, every bound
row matches its chain, and every file matches its hash. Only then is anything replaced.
"""

import copy
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

from prongsai.audit.backup_checks import (
    FORMAT,
    UPLOADS,
    BackupError,
    check_members,
    check_schema,
    media_targets,
    signature,
    signature_problem,
    write_media,
)
from prongsai.core.models import UNSAVED_TABLES

__all__ = ["BackupError", "backup", "restore"]


def _vendor() -> str:
    return connections["default"].vendor


def _counts(alias: str, tables: list[str]) -> dict[str, int]:
    conn = connections[alias]
    counts = {}
    with conn.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if root.exists():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                yield path.relative_to(root).as_posix(), path


@contextmanager
def _alias_for(name: str) -> Iterator[str]:
    """A temporary connection alias to another database with the default's settings."""
    alias = f"check_{uuid.uuid4().hex[:8]}"
    config = copy.deepcopy(connections.databases["default"])
    config["NAME"] = name
    # A short-lived check needs no pool of its own (its pool would outlive the close below).
    config.get("OPTIONS", {}).pop("pool", None)
    connections.databases[alias] = config
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections.databases[alias]


def backup(target: Path) -> dict[str, Any]:
    """Write a backup ZIP to `target`; return its manifest."""
    work = Path(tempfile.mkdtemp(prefix="prongsai-backup-"))
    try:
        if _vendor() == "sqlite":
            db_file, counts = _backup_sqlite(work)
        else:
            db_file, counts = _backup_postgres(work)
        files = {}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for rel, path in _media_files():
                files[rel] = _sha256(path)
                archive.write(path, f"{UPLOADS}{rel}")
            archive.write(db_file, db_file.name)
            manifest = {
                "format": FORMAT,
                "created": dt.datetime.now(dt.UTC).isoformat(),
                "vendor": _vendor(),
                "database": db_file.name,
                "database_sha256": _sha256(db_file),
                "row_counts": counts,
                "files": files,
            }
            manifest["signature"] = signature(manifest)
            archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        return manifest
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _backup_sqlite(work: Path) -> tuple[Path, dict[str, int]]:
    source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]), timeout=30)
    copy_path = work / "database.sqlite3"
    dest = sqlite3.connect(str(copy_path))
    try:
        source.backup(dest)  # online: consistent copy while others keep writing
    finally:
        source.close()
    try:
        _drop_unsaved_rows(dest)
        tables = [
            row[0]
            for row in dest.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {t: dest.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    finally:
        dest.close()
    return copy_path, dict(sorted(counts.items()))


def _drop_unsaved_rows(dest: sqlite3.Connection) -> None:
    """Empty the tables no backup keeps (counters, the rate limit's hour key, the cache),
    overwriting the freed pages so nothing of them stays in the file."""
    present = {row[0] for row in dest.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    dest.execute("PRAGMA secure_delete = ON")
    for table in UNSAVED_TABLES:
        if table in present:
            dest.execute(f'DELETE FROM "{table}"')  # noqa: S608 - names from the code
    dest.commit()
    dest.execute("VACUUM")


def _pg_env(config: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(config.get("HOST") or ""),
            "PGPORT": str(config.get("PORT") or ""),
            "PGUSER": str(config.get("USER") or ""),
            "PGPASSWORD": str(config.get("PASSWORD") or ""),
        }
    )
    return {k: v for k, v in env.items() if v != ""}


def _backup_postgres(work: Path) -> tuple[Path, dict[str, int]]:
    config = connections.databases["default"]
    conn = connections["default"]
    dump = work / "database.pgdump"
    conn.ensure_connection()
    raw = conn.connection
    # Count in the same snapshot that pg_dump reads, so the manifest matches the dump.
    raw.autocommit = False
    try:
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
            tables = [row[0] for row in cursor.fetchall()]
            counts = {}
            for table in tables:
                if table in UNSAVED_TABLES:  # dumped without its rows
                    counts[table] = 0
                    continue
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
                counts[table] = cursor.fetchone()[0]
            result = subprocess.run(
                [
                    "pg_dump",
                    "-Fc",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    *(f"--exclude-table-data={table}" for table in UNSAVED_TABLES),
                    "-f",
                    str(dump),
                    str(config["NAME"]),
                ],
                env=_pg_env(config),
                capture_output=True,
                text=True,
            )
            cursor.execute("COMMIT")
    finally:
        raw.autocommit = True
    if result.returncode != 0:
        raise BackupError(_("pg_dump ล้มเหลว: %(detail)s") % {"detail": result.stderr.strip()})
    return dump, counts


def _open(path: Path) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    try:
        archive = zipfile.ZipFile(path)
        manifest = json.loads(archive.read("manifest.json"))
    except (OSError, zipfile.BadZipFile, KeyError, json.JSONDecodeError) as exc:
        raise BackupError(_("ไฟล์สำรองข้อมูลอ่านไม่ได้: %(detail)s") % {"detail": exc}) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("รูปแบบไฟล์สำรองไม่ถูกต้อง"))
    check_members(archive, manifest)
    return archive, manifest


def _check_files(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    listed = {n.removeprefix(UPLOADS) for n in archive.namelist() if n.startswith(UPLOADS)}
    if listed != set(manifest["files"]):
        raise BackupError(_("รายการไฟล์ไม่ตรงกับบัญชี"))
    for rel, expected in manifest["files"].items():
        if hashlib.sha256(archive.read(f"{UPLOADS}{rel}")).hexdigest() != expected:
            raise BackupError(_("ไฟล์ %(name)s ถูกแก้ไข") % {"name": rel})


def _check_database(alias: str, manifest: dict[str, Any]) -> None:
    from prongsai.agencies.models import Agency
    from prongsai.audit.services import verify_chain, verify_rows

    counts = _counts(alias, sorted(manifest["row_counts"]))
    if counts != manifest["row_counts"]:
        diff = {
            t: (manifest["row_counts"][t], counts[t])
            for t in counts
            if counts[t] != manifest["row_counts"][t]
        }
        raise BackupError(_("จำนวนแถวไม่ตรงกับบัญชี: %(detail)s") % {"detail": diff})
    check_schema(connections[alias])
    for agency in Agency.objects.using(alias).all():
        report = verify_chain(agency, using=alias)
        if not report.ok:
            raise BackupError(
                _("ห่วงโซ่ประวัติของ %(agency)s เสียหายที่ #%(seq)s: %(problem)s")
                % {"agency": agency.slug, "seq": report.broken_seq, "problem": report.problem}
            )
        problems = verify_rows(agency, using=alias)
        if problems:
            raise BackupError(
                _("ข้อมูลของ %(agency)s ไม่ตรงกับห่วงโซ่ประวัติ: %(problems)s")
                % {"agency": agency.slug, "problems": "; ".join(map(str, problems[:20]))}
            )


def restore(path: Path, *, accept_unsigned: bool = False) -> tuple[dict[str, Any], str]:
    """Check the backup completely, then replace the database and the uploaded files.

    Returns the manifest and a warning ("" when the backup is signed with this server's
    audit key). An unsigned or wrongly signed backup is refused unless `accept_unsigned`.
    """
    archive, manifest = _open(path)
    warning = signature_problem(manifest)
    if warning and not accept_unsigned:
        raise BackupError(warning)
    if manifest["vendor"] != _vendor():
        raise BackupError(
            _("ฐานข้อมูลคนละชนิดกับไฟล์สำรอง (ไฟล์สำรองเป็น %(backup)s เครื่องนี้ใช้ %(server)s)")
            % {"backup": manifest["vendor"], "server": _vendor()}
        )
    _check_files(archive, manifest)
    media_targets(manifest)  # every file lands inside the media folder, checked up front
    work = Path(tempfile.mkdtemp(prefix="prongsai-restore-"))
    try:
        db_file = work / manifest["database"]
        db_file.write_bytes(archive.read(manifest["database"]))
        if _sha256(db_file) != manifest["database_sha256"]:
            raise BackupError(_("ไฟล์ฐานข้อมูลถูกแก้ไข"))
        if _vendor() == "sqlite":
            _restore_sqlite(db_file, manifest)
        else:
            _restore_postgres(db_file, manifest)
        check_schema(connections["default"])
        write_media(archive, manifest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest, warning


def _restore_sqlite(db_file: Path, manifest: dict[str, Any]) -> None:
    check = sqlite3.connect(str(db_file))
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(_("ฐานข้อมูลเสียหาย: %(detail)s") % {"detail": exc}) from exc
    finally:
        check.close()
    if result != "ok":
        raise BackupError(_("ฐานข้อมูลเสียหาย: %(detail)s") % {"detail": result})
    with _alias_for(str(db_file)) as alias:
        _check_database(alias, manifest)
    connections["default"].close()
    source = sqlite3.connect(str(db_file))
    target = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]), timeout=30)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _restore_postgres(dump: Path, manifest: dict[str, Any]) -> None:
    config = connections.databases["default"]
    env = _pg_env(config)
    listing = subprocess.run(["pg_restore", "--list", str(dump)], env=env, capture_output=True)
    if listing.returncode != 0:
        raise BackupError(_("ไฟล์ pg_dump เสียหาย"))
    scratch = f"prongsai_restore_check_{uuid.uuid4().hex[:8]}"
    with connections["default"].cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        _pg_restore(dump, scratch, env)
        with _alias_for(scratch) as alias:
            _check_database(alias, manifest)
    finally:
        with connections["default"].cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    _pg_restore(dump, str(config["NAME"]), env, clean=True)


def _pg_restore(dump: Path, database: str, env: dict[str, str], clean: bool = False) -> None:
    args = ["pg_restore", "--no-owner", "--single-transaction", "-d", database]
    if clean:
        args += ["--clean", "--if-exists"]
    result = subprocess.run([*args, str(dump)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("pg_restore ล้มเหลว: %(detail)s") % {"detail": result.stderr.strip()[:500]}
        )
