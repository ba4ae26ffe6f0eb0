"""Strip metadata that can identify a sender from attached photos.

A phone photo's EXIF block can hold the GPS position, the time, the camera's serial number
and the owner's name; PNG text chunks can hold an author. Complaint attachments lose them
before they are stored. The picture data is copied unchanged (no re-encoding).

PDF and Office files keep their metadata; the feedback form tells the sender so.
"""

import hashlib
import struct
from dataclasses import replace

from prongsai.errors import UploadRejected
from prongsai.uploads import CheckedFile

# JPEG markers kept before the first scan: APP0 (JFIF), APP2 (ICC colour profile) and
# APP14 (Adobe colour transform) are needed to show the picture right; other APPn
# (APP1 = EXIF and XMP, APP13 = Photoshop/IPTC) and COM (comments) are dropped.
_JPEG_KEEP_APP = {0xE0, 0xE2, 0xEE}
_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _broken(kind: str) -> UploadRejected:
    return UploadRejected(f"ไฟล์ภาพ {kind} เสียหาย", f"damaged {kind} image")


def strip_jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise _broken("JPEG")
    out = bytearray(b"\xff\xd8")
    pos = 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise _broken("JPEG")
        marker = data[pos + 1] if pos + 1 < len(data) else None
        if marker is None:
            raise _broken("JPEG")
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9 or 0xD0 <= marker <= 0xD7 or marker == 0x01:  # EOI, RSTn, TEM
            out += data[pos : pos + 2]
            pos += 2
            continue
        if pos + 4 > len(data):
            raise _broken("JPEG")
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise _broken("JPEG")
        if marker == 0xDA:  # start of scan: the rest is picture data, copied as it is
            out += data[pos:]
            return bytes(out)
        is_app = 0xE0 <= marker <= 0xEF
        if not (marker == 0xFE or (is_app and marker not in _JPEG_KEEP_APP)):
            out += data[pos:end]
        pos = end
    return bytes(out)


def strip_png(data: bytes) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        raise _broken("PNG")
    out = bytearray(_PNG_SIGNATURE)
    pos = len(_PNG_SIGNATURE)
    while pos < len(data):
        if pos + 8 > len(data):
            raise _broken("PNG")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise _broken("PNG")
        if kind not in _PNG_DROP:
            out += data[pos:end]
        pos = end
        if kind == b"IEND":
            break
    return bytes(out)


def without_metadata(checked: CheckedFile) -> CheckedFile:
    """The file with identifying metadata removed (JPEG, PNG); other types unchanged."""
    if checked.content_type == "image/jpeg":
        content = strip_jpeg(checked.content)
    elif checked.content_type == "image/png":
        content = strip_png(checked.content)
    else:
        return checked
    return replace(
        checked,
        content=content,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
