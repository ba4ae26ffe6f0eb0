"""Checks on uploaded files: size, type decided by content, ZIP structure of Office files.

Used for evidence, imports and complaint attachments. Files are stored under random names
below MEDIA_ROOT (outside the web root) and served only as downloads. The checks on an
Office file's container and parts are in prongsai.core.office.
"""

import hashlib
import secrets
from dataclasses import dataclass
from typing import BinaryIO

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from prongsai.core.errors import UploadRejected
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
    "CheckedFile",
    "check_upload",
    "read_limited",
    "sniff",
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
