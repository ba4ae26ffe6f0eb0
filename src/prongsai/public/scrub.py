"""Strip metadata that can identify a sender from attached photos.

A phone photo's EXIF block can hold the GPS position, the time, the camera's serial number
and the owner's name; PNG text chunks can hold an author. Complaint attachments lose them
before they are stored. The picture data is copied unchanged (no re-encoding).

Only what is known to be needed to show the picture is kept: for JPEG the main image up to
its end-of-image marker (phones append preview, depth or HDR images after it, each with its
own EXIF block, and those are dropped with everything else after the marker); for PNG an
allow-list of chunks, so that a private or future chunk cannot carry metadata through.

PDF and Office files keep their metadata; the feedback form tells the sender so.
"""

import hashlib
import struct
from dataclasses import replace

from django.utils.translation import gettext as _

from prongsai.core.errors import UploadRejected
from prongsai.core.uploads import CheckedFile

# JPEG segments kept: APP0 (JFIF), APP2 with the ICC colour profile and APP14 (Adobe colour
# transform) are needed to show the picture right; other APPn (APP1 = EXIF and XMP,
# APP2 = MPF index of appended images, APP13 = Photoshop/IPTC) and COM (comments) are
# dropped. Tables, frame and scan headers and the scan data are copied.
_JPEG_KEEP_APP = {0xE0, 0xEE}  # and APP2 when it is the ICC profile
# PNG chunks kept: the critical ones and the ancillary ones about colour and pixel size.
# Everything else (tEXt, zTXt, iTXt, eXIf, tIME, private chunks such as caBX...) is dropped.
_PNG_KEEP = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"iCCP",
    b"pHYs",
}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _broken(kind: str) -> UploadRejected:
    return UploadRejected(_("ไฟล์ภาพ %(kind)s เสียหาย") % {"kind": kind})


def _scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data starting at `pos` ends: the 0xFF of the next marker, or
    the end of `data`. Stuffed bytes (0xFF 0x00) and RSTn markers belong to the scan; like
    libjpeg, fill bytes (further 0xFF) are skipped."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0:
            return len(data)
        following = pos + 1
        while following < len(data) and data[following] == 0xFF:
            following += 1
        if following >= len(data):
            return len(data)
        if data[following] == 0x00 or 0xD0 <= data[following] <= 0xD7:
            pos = following + 1
        else:
            return pos


def _keep_segment(marker: int, payload: bytes) -> bool:
    if marker == 0xFE:  # comment
        return False
    if marker == 0xE2:  # APP2 holds the ICC profile, but also MPF and FlashPix data
        return payload.startswith(b"ICC_PROFILE\x00")
    if 0xE0 <= marker <= 0xEF:
        return marker in _JPEG_KEEP_APP
    return True


def strip_jpeg(data: bytes) -> bytes:
    """The main image without APP1/APP13/other APPn segments and comments, ending at its
    end-of-image marker: whatever follows (appended images and their EXIF) is dropped."""
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
        if marker in (0xD9, 0xD8):  # end of the main image (or a next one without it)
            out += b"\xff\xd9"
            return bytes(out)  # nothing after it is kept
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # RSTn, TEM: no length
            out += data[pos : pos + 2]
            pos += 2
            continue
        if pos + 4 > len(data):
            raise _broken("JPEG")
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise _broken("JPEG")
        if marker == 0xDA:  # start of scan: its header, then picture data copied as it is
            end = _scan_end(data, end)
            out += data[pos:end]
            pos = end
            continue
        if _keep_segment(marker, data[pos + 4 : end]):
            out += data[pos:end]
        pos = end
    return bytes(out)  # no end-of-image marker (a truncated file): kept as far as it goes


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
        if kind in _PNG_KEEP:
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
