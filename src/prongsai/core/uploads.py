"""Checks on uploaded files: size, type decided by content, ZIP structure of Office files.

Used for evidence, imports and complaint attachments. Files are stored under random names
below MEDIA_ROOT (outside the web root) and served only as downloads.
"""

import hashlib
import io
import re
import secrets
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from prongsai.core.errors import UploadRejected

MAX_ZIP_ENTRIES = 2000
MAX_ZIP_RATIO = 100  # expanded size / compressed size, per file
MAX_ZIP_EXPANDED = 200 * 1024 * 1024

EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def sniff(data: bytes) -> str | None:
    """The content type decided by the file's bytes (None when not allowed)."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    return None


def _office_type(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UploadRejected(_("ไฟล์ ZIP เสียหาย")) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UploadRejected(_("ไฟล์มีรายการภายในมากผิดปกติ"))
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith("/") or ".." in name.split("/") or "\\" in name:
            raise UploadRejected(_("ชื่อไฟล์ภายในไม่ปลอดภัย"))
        if info.flag_bits & 0x1:
            raise UploadRejected(_("ไฟล์ถูกเข้ารหัส"))
        total += info.file_size
        if (
            info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
            and info.file_size > 1_000_000
        ):
            raise UploadRejected(_("ไฟล์บีบอัดผิดปกติ (ZIP bomb)"))
        if "vbaproject" in name.lower():
            raise UploadRejected(_("ไม่รับไฟล์ที่มีแมโคร"))
    if total > MAX_ZIP_EXPANDED:
        raise UploadRejected(_("ไฟล์ขยายแล้วใหญ่เกินไป"))
    names = {i.filename for i in infos}
    _refuse_active_content(archive, names)
    if "[Content_Types].xml" not in names:
        raise UploadRejected(_("ไม่ใช่ไฟล์ Office"))
    content_types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in content_types:
        raise UploadRejected(_("ไม่รับไฟล์ที่มีแมโคร"))
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    raise UploadRejected(_("ไม่ใช่ไฟล์ DOCX หรือ XLSX"))


# Parts that carry code or other programs: embedded OLE objects, ActiveX controls.
_ACTIVE_DIRS = (
    "word/embeddings/",
    "xl/embeddings/",
    "ppt/embeddings/",
    "word/activeX/",
    "xl/activeX/",
)
# Relationships that make Word or Excel fetch something when the file is opened: a
# remote template (can bring macros), OLE links, frames and sub-documents (can leak the
# Windows credentials of whoever opens the file to a network share).
_RISKY_EXTERNAL = re.compile(
    rb"<Relationship\b[^>]*?(?:attachedTemplate|oleObject|/frame\"|subDocument)[^>]*>",
    re.IGNORECASE,
)


_EXTERNAL = re.compile(rb"TargetMode\s*=\s*[\"']External", re.IGNORECASE)


def _refuse_active_content(archive: zipfile.ZipFile, names: set[str]) -> None:
    for name in names:
        if name.startswith(_ACTIVE_DIRS):
            raise UploadRejected(_("ไม่รับไฟล์ที่ฝังวัตถุหรือโปรแกรมไว้ข้างใน"))
        if name.endswith(".rels"):
            for rel in _RISKY_EXTERNAL.findall(archive.read(name)):
                if _EXTERNAL.search(rel):
                    raise UploadRejected(_("ไม่รับไฟล์ที่เชื่อมต่อแม่แบบหรือวัตถุภายนอก"))


def check_upload(
    stream: BinaryIO, *, max_bytes: int, allowed: frozenset[str] | None = None
) -> CheckedFile:
    """Read and check an upload; raise UploadRejected saying why not."""
    data = read_limited(stream, max_bytes)
    if not data:
        raise UploadRejected(_("ไฟล์ว่างเปล่า"))
    content_type = sniff(data)
    if content_type is None or (allowed is not None and content_type not in allowed):
        raise UploadRejected(_("ชนิดไฟล์ไม่อนุญาต (รับ PDF, DOCX, XLSX, JPEG, PNG)"))
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
