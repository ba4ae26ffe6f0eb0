"""What a backup must prove before restore touches anything: safe member names, a valid
signature, and a schema that still guards its history.

Member names come from the archive and the manifest, i.e. from whoever made the file: each
must be a plain relative path (no absolute path, no empty, `.` or `..` part, no backslash
or drive letter), no member may be a symbolic link or appear twice, and every uploaded
file must resolve inside the media folder before anything is written.
"""

import hashlib
import hmac
import re
import stat
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from prongsai.core.canonical import canonical_json
from prongsai.core.errors import ProngsaiError

FORMAT = "prongsai-backup-1"
DATABASE_NAMES = frozenset({"database.sqlite3", "database.pgdump"})
UPLOADS = "uploads/"
_DRIVE = re.compile(r"^[A-Za-z]:")


class BackupError(ProngsaiError):
    """A backup that cannot be made or must not be restored."""


def _unsafe(name: str) -> BackupError:
    return BackupError(_("ชื่อไฟล์ในไฟล์สำรองไม่ปลอดภัย: %(name)s") % {"name": repr(name)})


def check_relative(name: str) -> str:
    """`name` if it is a plain relative POSIX path, else BackupError."""
    if (
        not isinstance(name, str)
        or not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(part in ("", ".", "..") for part in name.split("/"))
    ):
        raise _unsafe(str(name))
    return name


def check_members(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    """Every member safe, regular, listed once, and one of: the manifest, the database, an
    uploaded file of the manifest."""
    infos = archive.infolist()
    for name, count in Counter(i.filename for i in infos).items():
        if count > 1:
            raise BackupError(_("ไฟล์สำรองมีชื่อไฟล์ซ้ำ: %(name)s") % {"name": repr(name)})
    if manifest.get("database") not in DATABASE_NAMES:
        raise _unsafe(str(manifest.get("database")))
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise BackupError(_("รูปแบบไฟล์สำรองไม่ถูกต้อง"))
    for rel in files:
        check_relative(rel)
    if manifest["database"] not in {i.filename for i in infos}:
        raise BackupError(_("รูปแบบไฟล์สำรองไม่ถูกต้อง"))
    for info in infos:
        name = check_relative(info.filename)
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0: made on a system without modes
        if (kind and kind != stat.S_IFREG) or info.is_dir():  # links, devices, folders
            raise BackupError(_("ไฟล์สำรองมีลิงก์หรือรายการที่ไม่ใช่ไฟล์: %(name)s") % {"name": repr(name)})
        if name not in ("manifest.json", manifest["database"]) and not name.startswith(UPLOADS):
            raise _unsafe(name)


def media_targets(manifest: dict[str, Any]) -> dict[str, Path]:
    """Where each uploaded file goes; BackupError if any would land outside MEDIA_ROOT
    (also through a symbolic link already in the media folder)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    targets = {}
    for rel in manifest["files"]:
        target = (root / check_relative(rel)).resolve()
        if target == root or not target.is_relative_to(root):
            raise _unsafe(rel)
        targets[rel] = target
    return targets


def write_media(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    root = Path(settings.MEDIA_ROOT).resolve()
    for rel, target in media_targets(manifest).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Checked again now the folders exist: a link made meanwhile must not redirect us.
        if not target.parent.resolve().is_relative_to(root) or target.is_symlink():
            raise _unsafe(rel)
        target.write_bytes(archive.read(f"{UPLOADS}{rel}"))


def signature(manifest: dict[str, Any]) -> str:
    """HMAC-SHA-256 with the audit key over the manifest without its signature; the
    manifest holds the database's and every file's hash, so this signs the whole backup."""
    unsigned = {k: v for k, v in manifest.items() if k != "signature"}
    return hmac.new(
        settings.AUDIT_KEY.encode(), canonical_json(unsigned), hashlib.sha256
    ).hexdigest()


def signature_problem(manifest: dict[str, Any]) -> str:
    """ "" when the manifest is signed with this server's audit key, else what is wrong."""
    given = manifest.get("signature")
    if not given:
        return _("ไฟล์สำรองไม่มีลายมือชื่อ")
    if not isinstance(given, str) or not hmac.compare_digest(given, signature(manifest)):
        return _("ลายมือชื่อของไฟล์สำรองไม่ถูกต้อง (ถูกแก้ไข หรือลงชื่อด้วยกุญแจคนละชุด)")
    return ""


def check_schema(connection: Any) -> None:
    from prongsai.audit.guard import missing_triggers

    missing = missing_triggers(connection)
    if missing:
        raise BackupError(
            _("ฐานข้อมูลไม่มีตัวป้องกันการแก้ไขประวัติ: %(names)s") % {"names": ", ".join(missing)}
        )
