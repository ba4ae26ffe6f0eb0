"""Photos lose the metadata that can identify a sender (EXIF GPS, camera, author)."""

import struct

import pytest

from prongsai.errors import UploadRejected
from prongsai.public.scrub import strip_jpeg, strip_png, without_metadata
from prongsai.uploads import check_upload


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_exif() -> bytes:
    return (
        b"\xff\xd8"
        + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + segment(0xE1, b"Exif\x00\x00GPS 16.4322N 103.5001E Owner Somchai")
        + segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:creator>Somchai</x:creator>")
        + segment(0xE2, b"ICC_PROFILE\x00colour")
        + segment(0xFE, b"comment by Somchai")
        + segment(0xDB, b"\x00" + bytes(64))
        + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x12\x34\xff\x00\x56"
        + b"\xff\xd9"
    )


def png_chunk(kind: bytes, data: bytes) -> bytes:
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_text() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + png_chunk(b"tEXt", b"Author\x00Somchai")
        + png_chunk(b"eXIf", b"MM\x00*GPS")
        + png_chunk(b"IDAT", b"x\x9cc\x00\x00\x00\x01\x00\x01")
        + png_chunk(b"IEND", b"")
    )


def test_jpeg_loses_exif_xmp_and_comments_but_keeps_the_picture():
    original = jpeg_with_exif()
    clean = strip_jpeg(original)
    assert b"Somchai" not in clean and b"GPS" not in clean
    assert b"JFIF" in clean and b"ICC_PROFILE" in clean
    assert clean.endswith(b"\x12\x34\xff\x00\x56\xff\xd9")
    assert strip_jpeg(clean) == clean


def test_png_loses_text_and_exif_chunks():
    clean = strip_png(png_with_text())
    assert b"Somchai" not in clean and b"eXIf" not in clean
    assert b"IHDR" in clean and b"IDAT" in clean and clean.endswith(png_chunk(b"IEND", b""))


def test_without_metadata_updates_size_and_hash():
    import io

    checked = check_upload(io.BytesIO(jpeg_with_exif()), max_bytes=10_000)
    clean = without_metadata(checked)
    assert clean.size < checked.size and clean.sha256 != checked.sha256
    pdf = check_upload(io.BytesIO(b"%PDF-1.4 x"), max_bytes=100)
    assert without_metadata(pdf) is pdf


@pytest.mark.parametrize(
    "data", [b"\xff\xd8\xff\xe1\x00", b"\xff\xd8\x00\x00", b"\xff\xd8\xff\xe1\xff\xff" + b"x" * 10]
)
def test_broken_jpeg_is_refused(data):
    with pytest.raises(UploadRejected):
        strip_jpeg(data)


def test_broken_png_is_refused():
    with pytest.raises(UploadRejected):
        strip_png(b"\x89PNG\r\n\x1a\n\x00\x00\x10\x00IDAT")
