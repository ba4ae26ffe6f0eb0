"""The checks on an Office Open XML upload (DOCX, XLSX): its ZIP container and every part.

Everything that can be decided from the ZIP's directory is decided first, before a byte is
expanded: the number of parts, their names, encryption, the compression method, each
part's declared size and compression ratio, and the total. Only then is each part
expanded, in chunks, counting the bytes really produced (a declared size can lie) against
the same limits and a time budget; nothing is held whole in memory.

Every XML part is read by a real XML parser (prongsai.core.safexml): a DTD or entity
declaration anywhere refuses the file, and the relationships are judged as parsed, so that
no spelling (character references, another namespace prefix, a `>` inside a value, upper-case
part names) hides one. A relationship with an external target is refused whatever its
type, except a web or mail hyperlink, which Word opens only when clicked; internal
relationships to embedded objects, controls and macros are refused too.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
from collections.abc import Callable
from functools import partial

from django.utils.translation import gettext as _

from prongsai.core.errors import UploadRejected
from prongsai.core.safexml import HardenedXml, XmlRefused, local_name, parse_bytes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MAX_ZIP_ENTRIES = 2000
#: Expanded size / compressed size, for every part above RATIO_FLOOR and for the whole file.
MAX_ZIP_RATIO = 100
#: A part this small is never refused for its ratio (tiny XML parts compress well).
RATIO_FLOOR = 64 * 1024
#: Allowance added to the whole file's ratio limit, for the many tiny parts.
TOTAL_RATIO_FLOOR = 1024 * 1024
#: Expanded size of a whole file: at most EXPANDED_PER_UPLOAD_BYTE times the upload limit,
#: and never more than MAX_ZIP_EXPANDED.
EXPANDED_PER_UPLOAD_BYTE = 5
MAX_ZIP_EXPANDED = 50 * 1024 * 1024
#: Elements (counted as "<" that open one) in all XML parts of one file together.
MAX_XML_ELEMENTS = 2_000_000
#: [Content_Types].xml and relationship parts are small; they are parsed whole.
MAX_SMALL_PART = 2 * 1024 * 1024
#: Seconds the expansion and parsing of one file may take.
TIME_BUDGET = 5.0

_CHUNK = 64 * 1024
_CONTENT_TYPES = "[content_types].xml"
_XML_EXTENSIONS = (".xml", ".rels", ".vml")
# Parts that carry code or other programs: embedded OLE objects, ActiveX controls.
_ACTIVE_DIRS = (
    "word/embeddings/",
    "xl/embeddings/",
    "ppt/embeddings/",
    "word/activex/",
    "xl/activex/",
)
# Relationship types (last segment, lower case) of embedded objects, controls and macros.
_EMBEDDED_TYPES = frozenset(
    {"oleobject", "package", "control", "activexcontrol", "activexcontrolbinary", "vbaproject"}
)
_HYPERLINK_TYPES = frozenset(
    {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/hyperlink",
    }
)
_LINK_SCHEMES = ("http://", "https://", "mailto:")
# Only the parts that hold text may carry web links. Word reads a relationship by its id
# (settings.xml names its template by r:id), so a "hyperlink" in settings.xml.rels or any
# other part is refused like every other external target, whatever its declared type.
_TEXT_PART_RELS = re.compile(
    r"^(word/_rels/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml\.rels"
    r"|xl/worksheets/_rels/sheet\d+\.xml\.rels)$"
)
_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!doctype", "<!entity")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)


def expanded_limit(max_bytes: int) -> int:
    return min(MAX_ZIP_EXPANDED, EXPANDED_PER_UPLOAD_BYTE * max_bytes)


def _corrupt(exc: BaseException) -> UploadRejected:
    return UploadRejected(_("ไฟล์ ZIP เสียหาย"))


def _bomb() -> UploadRejected:
    return UploadRejected(_("ไฟล์บีบอัดผิดปกติ (ZIP bomb)"))


def _too_large() -> UploadRejected:
    return UploadRejected(_("ไฟล์ขยายแล้วใหญ่เกินไป"))


def _macros() -> UploadRejected:
    return UploadRejected(_("ไม่รับไฟล์ที่มีแมโคร"))


def _embedded(name: str) -> UploadRejected:
    return UploadRejected(_("ไม่รับไฟล์ที่ฝังวัตถุหรือโปรแกรมไว้ข้างใน"))


def _external() -> UploadRejected:
    return UploadRejected(_("ไม่รับไฟล์ที่เชื่อมต่อแม่แบบหรือวัตถุภายนอก"))


def _declaration(name: str) -> UploadRejected:
    return UploadRejected(
        _("ไม่รับไฟล์ที่มีการประกาศ DTD หรือ entity ใน XML (ส่วน %(part)s)") % {"part": name}
    )


def _bad_xml(name: str) -> UploadRejected:
    return UploadRejected(_("ไฟล์ Office เสียหาย: ส่วน %(part)s ไม่ใช่ XML ที่ถูกต้อง") % {"part": name})


def _too_complex() -> UploadRejected:
    return UploadRejected(_("ไฟล์ซับซ้อนเกินกว่าจะตรวจได้ กรุณาแบ่งเป็นไฟล์ที่เล็กลง"))


def office_type(data: bytes, max_bytes: int) -> str:
    """DOCX or XLSX for a ZIP that passes every check; UploadRejected otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise _corrupt(exc) from exc
    _check_directory(infos, expanded_limit(max_bytes))
    lower = {info.filename.lower(): info for info in infos}
    if _CONTENT_TYPES not in lower:
        raise UploadRejected(_("ไม่ใช่ไฟล์ Office"))
    _Parts(archive, lower[_CONTENT_TYPES], expanded_limit(max_bytes)).check(infos)
    if "word/document.xml" in lower:
        return DOCX
    if "xl/workbook.xml" in lower:
        return XLSX
    raise UploadRejected(_("ไม่ใช่ไฟล์ DOCX หรือ XLSX"))


def _check_directory(infos: list[zipfile.ZipInfo], limit: int) -> None:
    """What the ZIP's directory says, checked before anything is expanded."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UploadRejected(_("ไฟล์มีรายการภายในมากผิดปกติ"))
    total = compressed = 0
    for info in infos:
        name = info.filename
        if name.startswith("/") or ".." in name.split("/") or "\\" in name or "\0" in name:
            raise UploadRejected(_("ชื่อไฟล์ภายในไม่ปลอดภัย"))
        if info.flag_bits & 0x1:
            raise UploadRejected(_("ไฟล์ถูกเข้ารหัส"))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _corrupt(ValueError(f"compression method {info.compress_type}"))
        if (
            info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
            and info.file_size > RATIO_FLOOR
        ):
            raise _bomb()
        total += info.file_size
        compressed += info.compress_size
        lower = name.lower()
        if "vbaproject" in lower:
            raise _macros()
        if lower.startswith(_ACTIVE_DIRS):
            raise _embedded(name)
    if total > MAX_ZIP_RATIO * compressed + TOTAL_RATIO_FLOOR:
        raise _bomb()
    if total > limit:
        raise _too_large()


class _Parts:
    """Expands every part once, in chunks, within the limits; XML parts go to the parser."""

    def __init__(self, archive: zipfile.ZipFile, content_types: zipfile.ZipInfo, limit: int):
        self.archive = archive
        self.limit = limit
        self.expanded = 0
        self.elements = 0
        self.deadline = time.monotonic() + TIME_BUDGET
        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        self.content_types = content_types

    def check(self, infos: list[zipfile.ZipInfo]) -> None:
        self._read_content_types()
        for info in infos:
            if info is self.content_types or info.is_dir():
                continue
            name = info.filename
            lower = name.lower()
            if lower.endswith(".rels"):
                self._parse_small(info, partial(_check_relationship, name))
            elif self._is_xml(lower):
                self._parse(info, HardenedXml())
            else:
                self._expand(info, _Scanner(name).feed)

    def _read_content_types(self) -> None:
        def on_start(tag: str, attrs: dict[str, str]) -> None:
            values = {local_name(k): v.strip() for k, v in attrs.items()}
            content_type = values.get("ContentType", "").lower()
            if "macroenabled" in content_type or "vbaproject" in content_type:
                raise _macros()
            if "oleobject" in content_type or "activex" in content_type:
                raise _embedded(content_type)
            if local_name(tag) == "Default":
                self.defaults[values.get("Extension", "").lower()] = content_type
            elif local_name(tag) == "Override":
                part = values.get("PartName", "").lower().lstrip("/")
                self.overrides[part] = content_type

        self._parse_small(self.content_types, on_start)

    def _is_xml(self, lower: str) -> bool:
        if lower.endswith(_XML_EXTENSIONS):
            return True
        base = lower.rpartition("/")[2]
        extension = base.rpartition(".")[2] if "." in base else ""
        content_type = self.overrides.get(lower) or self.defaults.get(extension, "")
        return content_type.endswith("xml")

    def _parse_small(self, info: zipfile.ZipInfo, on_start: Callable) -> None:
        if info.file_size > MAX_SMALL_PART:
            raise _too_large()
        self._parse(info, HardenedXml(on_start))

    def _parse(self, info: zipfile.ZipInfo, xml: HardenedXml) -> None:
        self._expand(info, partial(self._feed, xml))
        self._close(xml, info.filename)

    def _feed(self, xml: HardenedXml, chunk: bytes) -> None:
        self.elements += chunk.count(b"<") - chunk.count(b"</")
        if self.elements > MAX_XML_ELEMENTS:
            raise _too_complex()
        xml.feed(chunk)

    def _close(self, xml: HardenedXml, name: str) -> None:
        try:
            xml.close()
        except XmlRefused as exc:
            raise _declaration(name) if exc.kind == "dtd" else _bad_xml(name) from None

    def _expand(self, info: zipfile.ZipInfo, sink: Callable[[bytes], None]) -> None:
        produced = 0
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    produced += len(chunk)
                    self.expanded += len(chunk)
                    if produced > info.file_size or self.expanded > self.limit:
                        raise _too_large()
                    if time.monotonic() > self.deadline:
                        raise _too_complex()
                    sink(chunk)
        except XmlRefused as exc:
            if exc.kind == "dtd":
                raise _declaration(info.filename) from None
            raise _bad_xml(info.filename) from None
        except UploadRejected:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise _corrupt(exc) from exc
        except (NotImplementedError, RuntimeError) as exc:  # zipfile's other complaints
            raise _corrupt(exc) from exc


class _Scanner:
    """A part that is not XML still may not carry a DTD (a reader could take it for XML)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        window = (self.tail + chunk).lower()
        if any(marker in window for marker in _DECLARATIONS):
            raise _declaration(self.name)
        self.tail = window[-24:]


def check_relationships(name: str, data: bytes) -> None:
    """The relationship checks on one relationship part (for tests and other readers)."""
    try:
        parse_bytes(data, partial(_check_relationship, name))
    except XmlRefused as exc:
        raise _declaration(name) if exc.kind == "dtd" else _bad_xml(name) from None


def _check_relationship(part: str, _tag: str, attrs: dict[str, str]) -> None:
    values = {local_name(k): v.strip() for k, v in attrs.items()}
    kind = values.get("Type", "")
    target = values.get("Target", "")
    if values.get("TargetMode", "").lower() == "external":
        if (
            kind in _HYPERLINK_TYPES
            and target.lower().startswith(_LINK_SCHEMES)
            and _TEXT_PART_RELS.match(part.lower())
        ):
            return
        raise _external()
    if kind.rpartition("/")[2].lower() in _EMBEDDED_TYPES:
        raise _embedded(part)
    if "://" in target or target.startswith(("\\\\", "//")):
        raise _external()  # an address posing as a part of the package
