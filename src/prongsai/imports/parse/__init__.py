"""Reading a file into the memo model: the dispatcher.

    parse_file(path_or_bytes, filename) -> Memo

decides the format by content (a DOCX is a ZIP with word/document.xml; anything else must be
text, decoded as UTF-8, UTF-16 with a BOM, or the Thai legacy code pages TIS-620/cp874) and
raises ParseError, saying why, for everything it cannot read.

The parsers (parse_docx, parse_text) reduce a document to blocks and hand them to
`parse_head.assemble`; the agency, province and fiscal year of the memo come from `identity`.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.translation import gettext as _

from prongsai.imports.parse.errors import ParseError
from prongsai.memos.model import Memo

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


# --------------------------------------------------------------------------- dispatcher


def max_upload_bytes() -> int:
    """settings.UPLOAD_MAX_BYTES where Django settings can be had (web, CLI), else 10 MB."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        return int(settings.UPLOAD_MAX_BYTES)
    except (ImproperlyConfigured, AttributeError):
        return DEFAULT_MAX_BYTES


def _too_big(limit: int) -> ParseError:
    mb = limit / (1024 * 1024)
    return ParseError(_("ไฟล์ใหญ่เกิน %(mb)s MB") % {"mb": f"{mb:g}"})


def read_source(source: str | Path | bytes, max_bytes: int | None = None) -> bytes:
    """The bytes of a path or of bytes given, within the size limit."""
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > limit:
            raise _too_big(limit)
        return data
    path = Path(source)
    try:
        if path.stat().st_size > limit:
            raise _too_big(limit)
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise ParseError(_("ไม่พบไฟล์ %(path)s") % {"path": path}) from None
    except IsADirectoryError:
        raise ParseError(_("%(path)s เป็นโฟลเดอร์ ไม่ใช่ไฟล์") % {"path": path}) from None
    except OSError as exc:
        raise ParseError(
            _("อ่านไฟล์ %(path)s ไม่ได้ (%(reason)s)") % {"path": path, "reason": exc.strerror}
        ) from exc
    if len(data) > limit:  # the file grew while we read it
        raise _too_big(limit)
    return data


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCX_NAMES = (".docx", ".docm", ".dotx")


def parse_file(
    source: str | Path | bytes, filename: str = "", *, max_bytes: int | None = None
) -> Memo:
    """Read a DOCX or a text export of a Word memo into a Memo, or raise ParseError."""
    from prongsai.imports.parse import docx as parse_docx
    from prongsai.imports.parse import text as parse_text

    if not filename and isinstance(source, str | Path):
        filename = Path(source).name
    data = read_source(source, max_bytes)
    if not data.strip():
        raise ParseError(_("ไฟล์ว่างเปล่า"))
    kind = sniff_kind(data)
    lower = filename.lower()
    if kind == "docx":
        return parse_docx.parse_docx_bytes(data)
    if lower.endswith(_DOCX_NAMES):
        raise ParseError(_("ไฟล์นี้ตั้งชื่อเป็น .docx แต่เนื้อในไม่ใช่ไฟล์ DOCX (อาจเสียหายหรือเปลี่ยนนามสกุลมา)"))
    return parse_text.parse_text(decode_text(data))


def sniff_kind(data: bytes) -> str:
    """ "docx" or "text"; other known formats raise ParseError saying what they are."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _check_zip(data)
    if data.startswith(_OLE2):
        # Word 97-2003 files and password-protected DOCX files are both OLE2 containers;
        # the encrypted package names its EncryptionInfo stream in UTF-16.
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise ParseError(_("ไฟล์ถูกตั้งรหัสผ่าน กรุณาเอารหัสผ่านออกแล้วบันทึกใหม่เป็น .docx"))
        raise ParseError(_("ไฟล์ Word รุ่นเก่า (.doc) ยังไม่รองรับ กรุณาบันทึกเป็น .docx"))
    if data.startswith(b"%PDF-"):
        raise ParseError(_("ไฟล์ PDF อ่านเป็นบันทึกข้อความไม่ได้ กรุณาใช้ไฟล์ .docx หรือข้อความที่ส่งออกจาก Word"))
    if data.startswith(b"{\\rtf"):
        raise ParseError(_("ไฟล์ RTF ยังไม่รองรับ กรุณาบันทึกเป็น .docx"))
    for magic, name in ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF")):
        if data.startswith(magic):
            raise ParseError(_("ไฟล์รูปภาพ (%(kind)s) ไม่ใช่บันทึกข้อความ") % {"kind": name})
    return "text"


def _check_zip(data: bytes) -> str:
    """Reuse the upload checks (ZIP bomb, encryption, unsafe names, macros) for a DOCX."""
    from prongsai.core.errors import UploadRejected
    from prongsai.core.uploads import DOCX, sniff

    try:
        content_type = sniff(data)
    except UploadRejected as exc:
        raise ParseError(exc.message) from exc
    except Exception as exc:
        # zipfile raises a zoo of exceptions on damaged archives (BadZipFile, zlib.error,
        # EOFError, NotImplementedError, RuntimeError ...); every one means the same thing.
        raise ParseError(_("ไฟล์ DOCX เสียหาย อ่านไม่ได้")) from exc
    if content_type != DOCX:
        raise ParseError(_("ไฟล์นี้ไม่ใช่ DOCX"))
    _check_document_size(data)
    return "docx"


#: Largest expanded word/document.xml of a memo: a long Word memo has a megabyte or two.
#: python-docx holds the whole tree in memory, about twenty times the text, so the upload
#: checks' general limit (tens of megabytes) is far too much for one memo.
MAX_DOCUMENT_XML_BYTES = 8 * 1024 * 1024


def _check_document_size(data: bytes) -> None:
    import io
    import zipfile

    from django.utils.translation import gettext

    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # checked by sniff already
        sizes = [
            i.file_size for i in archive.infolist() if i.filename.lower() == "word/document.xml"
        ]
    if max(sizes, default=0) > MAX_DOCUMENT_XML_BYTES:
        mb = MAX_DOCUMENT_XML_BYTES // (1024 * 1024)
        raise ParseError(
            gettext("เอกสาร DOCX นี้ยาวเกินกว่าจะเป็นบันทึกข้อความ (เนื้อหาขยายแล้วเกิน %(mb)s MB)")
            % {"mb": mb}
        )


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Tried in order: UTF-8 is strict enough to rule itself out on legacy bytes; cp874 (Windows
# Thai) is TIS-620 plus a few punctuation marks in 0x80-0x9F, so it goes before TIS-620.
_LEGACY = ("cp874", "tis_620")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, TIS-620/cp874."""
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(_("ไฟล์ข้อความเสียหาย (รหัสอักขระไม่ถูกต้อง)")) from exc
            break
    if text is None:
        if _looks_utf16le(data):
            text = _try_decode(data, "utf-16-le")
        if text is None and b"\x00" in data:
            raise ParseError(_("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ"))
        if text is None:
            text = _try_decode(data, "utf-8")
        if text is None and _mostly_utf8_thai(data):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ParseError(
                    _("ไฟล์ข้อความ UTF-8 เสียหายที่ไบต์ %(byte)s") % {"byte": f"{exc.start:,}"}
                ) from exc
        for encoding in _LEGACY:
            if text is None:
                text = _try_decode(data, encoding)
    if text is None:
        raise ParseError(_("อ่านรหัสอักขระของไฟล์ไม่ได้ (รองรับ UTF-8, UTF-16 และ TIS-620)"))
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    controls += sum(1 for ch in text if 0x7F <= ord(ch) <= 0x9F)
    if controls > max(2, len(text) // 100):
        raise ParseError(_("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ"))
    return text


_UTF8_THAI_RE = re.compile(rb"\xe0\xb8[\x80-\xbf]|\xe0\xb9[\x80-\x9b]")


def _mostly_utf8_thai(data: bytes) -> bool:
    """Most high bytes form UTF-8 Thai letters: damaged UTF-8, not TIS-620 (whose letters
    rarely line up as E0 B8/B9 + a byte of 80-BF)."""
    high = sum(1 for b in data if b >= 0x80)
    return high > 0 and 3 * len(_UTF8_THAI_RE.findall(data)) >= high // 2


def _looks_utf16le(data: bytes) -> bool:
    """UTF-16 without BOM: Thai (U+0E..) and ASCII both put a NUL or 0x0E in every odd byte."""
    odd = data[1:200:2]
    return len(odd) >= 4 and sum(1 for b in odd if b in (0, 0x0E)) >= 0.9 * len(odd)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None
