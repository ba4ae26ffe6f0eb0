"""Checks on uploaded files: size, type decided by content, ZIP structure of Office files.

Used for evidence, imports and complaint attachments. Files are stored under random names
below MEDIA_ROOT (outside the web root) and served only as downloads. The checks on an
Office file's container and parts are in prongsai.core.office.
"""

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from prongsai.core.errors import ProngsaiError, UploadRejected
from prongsai.core.office import (
    DOCX,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_EXPANDED,
    MAX_ZIP_RATIO,
    XLSX,
    office_type,
)

__all__ = [
    "DOCX",
    "EXTENSIONS",
    "MAX_ZIP_ENTRIES",
    "MAX_ZIP_EXPANDED",
    "MAX_ZIP_RATIO",
    "XLSX",
    "EVIDENCE_ACCEPT",
    "EVIDENCE_TYPES",
    "CheckedFile",
    "about_file",
    "check_named_upload",
    "check_upload",
    "display_name",
    "read_limited",
    "sniff",
    "upload_help",
]

#: The upload limit assumed when a caller gives none (settings.UPLOAD_MAX_BYTES's default).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    DOCX: ".docx",
    XLSX: ".xlsx",
}
_OFFICE = frozenset({DOCX, XLSX})


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str
    size: int


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadRejected(_("ไฟล์ใหญ่เกิน %(mb)s MB") % {"mb": max_bytes // (1024 * 1024)})
    return data


def sniff(data: bytes, *, max_bytes: int | None = None) -> str | None:
    """The content type decided by the file's bytes (None when not allowed).

    An Office file is checked whole (prongsai.core.office); `max_bytes`, the upload limit,
    bounds how far its parts may expand.
    """
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        return office_type(data, DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    return None


def _not_allowed() -> UploadRejected:
    return UploadRejected(_("ชนิดไฟล์ไม่อนุญาต (รับ PDF, DOCX, XLSX, JPEG, PNG)"))


def check_upload(
    stream: BinaryIO, *, max_bytes: int, allowed: frozenset[str] | None = None
) -> CheckedFile:
    """Read and check an upload; raise UploadRejected saying why not."""
    data = read_limited(stream, max_bytes)
    if not data:
        raise UploadRejected(_("ไฟล์ว่างเปล่า"))
    if data.startswith(b"PK\x03\x04") and allowed is not None and not allowed & _OFFICE:
        raise _not_allowed()  # no need to expand a ZIP that could not be accepted anyway
    content_type = sniff(data, max_bytes=max_bytes)
    if content_type is None or (allowed is not None and content_type not in allowed):
        raise _not_allowed()
    return CheckedFile(
        content=data,
        content_type=content_type,
        extension=EXTENSIONS[content_type],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def store_upload(field_file: FieldFile, checked: CheckedFile) -> None:
    """Save a checked upload into a model's file field under a random name (the instance is
    not saved). The user's file name is kept only as data, so it never chooses a path."""
    field_file.save(
        secrets.token_hex(16) + checked.extension, ContentFile(checked.content), save=False
    )


#: What each upload accepts, as people know the types (shown before they upload).
EVIDENCE_TYPES = "PDF, DOCX, XLSX, JPEG, PNG"
EVIDENCE_ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"

_NAME_MAX = 80
_INVISIBLE = {
    0x200E,
    0x200F,
    0x202A,
    0x202B,
    0x202C,
    0x202D,
    0x202E,
    0x2066,
    0x2067,
    0x2068,
    0x2069,
}


def upload_help(types: str, max_files: int | None = None) -> str:
    """The limits of a file input, in the active language, from settings.UPLOAD_MAX_BYTES."""
    mb = max(1, int(settings.UPLOAD_MAX_BYTES) // (1024 * 1024))
    if max_files is None:
        return _("ไฟล์ละไม่เกิน %(mb)s MB · ชนิดไฟล์ที่รับ: %(types)s") % {"mb": mb, "types": types}
    return _("ไม่เกิน %(count)s ไฟล์ ไฟล์ละไม่เกิน %(mb)s MB · ชนิดไฟล์ที่รับ: %(types)s") % {
        "count": max_files,
        "mb": mb,
        "types": types,
    }


def display_name(name: str | None) -> str:
    """A file name as the user gave it, safe to show: no folders, no control or direction
    characters (which could make the message read otherwise), at most _NAME_MAX characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    shown = "".join(c for c in base if c.isprintable() and ord(c) not in _INVISIBLE).strip()
    if len(shown) > _NAME_MAX:
        shown = shown[: _NAME_MAX - 1] + "…"
    return shown or _("(ไม่มีชื่อ)")


def about_file(name: str | None, error: ProngsaiError) -> UploadRejected:
    """The error said of the file it concerns: "ไฟล์ scan.docx: …" (one of several, too)."""
    return UploadRejected(
        _("ไฟล์ %(name)s: %(reason)s") % {"name": display_name(name), "reason": str(error)},
        field=error.field,
    )


def check_named_upload(uploaded: Any, *, max_bytes: int) -> CheckedFile:
    """check_upload of a file the user chose; a refusal names that file."""
    try:
        return check_upload(uploaded, max_bytes=max_bytes)
    except UploadRejected as exc:
        raise about_file(getattr(uploaded, "name", ""), exc) from None
