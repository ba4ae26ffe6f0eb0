"""Photos lose the metadata that can identify a sender (EXIF GPS, camera, author)."""

import struct

import pytest

from prongsai.core.errors import UploadRejected
from prongsai.core.uploads import check_upload
from prongsai.public.scrub import strip_jpeg, strip_png, without_metadata


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
    with pytest.raises(UploadRejected, match="JPEG เสียหาย"):
        strip_jpeg(data)


def test_broken_png_is_refused():
    with pytest.raises(UploadRejected, match="PNG เสียหาย"):
        strip_png(b"\x89PNG\r\n\x1a\n\x00\x00\x10\x00IDAT")


# --- appended images and unknown chunks ------------------------------------------------------

EXIF_GPS = b"Exif\x00\x00MM\x00*GPSLatitude=16.4322N GPSLongitude=103.5001E Owner=Somchai"


def baseline_jpeg(scan: bytes = b"\x12\x34\xff\x00\x56\xff\xd0\x78\x9a") -> bytes:
    """A small baseline JPEG: tables, frame, one scan (with a stuffed 0xFF and a restart
    marker in its data) and the end-of-image marker."""
    return (
        b"\xff\xd8"
        + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + segment(0xDB, b"\x00" + bytes(range(1, 65)))
        + segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")
        + segment(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00")
        + segment(0xDD, b"\x00\x01")
        + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + scan
        + b"\xff\xd9"
    )


def phone_photo() -> bytes:
    """A main image with an MPF index in APP2, followed by a preview image that carries its
    own EXIF block with the position and the owner (as phones write them)."""
    main = baseline_jpeg()
    mpf = segment(0xE2, b"MPF\x00MM\x00*\x00\x00\x00\x08 offsets of the appended images")
    main = main[:2] + segment(0xE1, EXIF_GPS) + mpf + main[2:]
    preview = (
        b"\xff\xd8"
        + segment(0xE1, EXIF_GPS)
        + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x9a\xbc"
        + b"\xff\xd9"
    )
    return main + preview + b"SEFT trailer Owner=Somchai"


def jpeg_structure(data: bytes) -> list[int]:
    """The markers of a JPEG, checking that it is one well-formed image: SOI first, every
    segment inside the file, scan data up to the next marker, EOI as the very last bytes."""
    assert data[:2] == b"\xff\xd8", "no start-of-image marker"
    markers = [0xD8]
    pos = 2
    while True:
        assert data[pos] == 0xFF, f"no marker at {pos}"
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xD9:
            assert pos + 2 == len(data), "bytes after the end-of-image marker"
            return markers
        assert marker != 0xD8, "a second image"
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length
        assert pos <= len(data), "a segment runs past the end"
        if marker == 0xDA:  # scan data: stuffed 0xFF00, RSTn and fill bytes, then a marker
            while True:
                if data[pos] != 0xFF:
                    pos += 1
                    continue
                after = pos + 1
                while data[after] == 0xFF:
                    after += 1
                if data[after] != 0x00 and not 0xD0 <= data[after] <= 0xD7:
                    pos = after - 1
                    break
                pos = after + 1


def test_jpeg_keeps_only_the_main_image_without_the_appended_images_metadata():
    original = phone_photo()
    assert original.count(b"GPSLatitude") == 2 and original.count(b"Owner=Somchai") == 3
    clean = strip_jpeg(original)
    assert b"GPSLatitude" not in clean and b"Owner=Somchai" not in clean
    assert b"MPF" not in clean  # the index pointed at the dropped images
    assert clean == baseline_jpeg()  # the main image, unchanged, and nothing else
    assert jpeg_structure(clean) == [0xD8, 0xE0, 0xDB, 0xC0, 0xC4, 0xDD, 0xDA, 0xD9]
    assert strip_jpeg(clean) == clean


def test_a_progressive_jpeg_keeps_all_its_scans():
    scans = (
        b"\x11\xff\x00\x22"
        + segment(0xC4, b"\x10" + bytes(17))
        + segment(0xDA, b"\x01\x01\x00\x01\x3f\x00")
        + b"\x33\xff\xff\xd1\x44"
    )
    photo = baseline_jpeg(scans) + b"\xff\xd8" + segment(0xE1, EXIF_GPS) + b"\xff\xd9"
    clean = strip_jpeg(photo)
    assert clean == baseline_jpeg(scans)
    assert jpeg_structure(clean).count(0xDA) == 2


def test_stored_complaint_photo_keeps_no_gps_or_owner(demo, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prongsai.public.models import CaseAttachment

    photo = SimpleUploadedFile("IMG_0001.jpg", phone_photo(), content_type="image/jpeg")
    response = client.post(
        "/p/ummao/feedback/",
        {"kind": "complaint", "subject": "ถนนชำรุด", "body": "หน้าตลาด", "files": [photo]},
    )
    assert response.status_code == 302  # to the receipt
    attachment = CaseAttachment.objects.get()
    with attachment.file.open("rb") as handle:
        stored = handle.read()
    assert b"GPSLatitude" not in stored and b"Owner=Somchai" not in stored
    assert stored == baseline_jpeg() and attachment.size == len(stored)


def png_structure(data: bytes) -> list[bytes]:
    """The chunk types of a PNG, checking the signature, every CRC, IHDR first and IEND as
    the very last chunk."""
    import zlib

    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    kinds, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        kinds.append(kind)
        pos += 12 + length
    assert pos == len(data) and kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    return kinds


def test_png_keeps_only_the_chunks_needed_to_show_it():
    import zlib

    pixels = zlib.compress(b"\x00\x80")
    original = (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + png_chunk(b"gAMA", struct.pack(">I", 45455))
        + png_chunk(b"caBX", b"jumb c2pa Owner=Somchai GPSLatitude=16.4322N")
        + png_chunk(b"pHYs", struct.pack(">IIB", 2835, 2835, 1))
        + png_chunk(b"prVt", b"Owner=Somchai")
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"tIME", b"\x07\xe6\x03\x1f\x0c\x00\x00")
        + png_chunk(b"IEND", b"")
        + b"trailing Owner=Somchai"
    )
    clean = strip_png(original)
    assert b"Somchai" not in clean and b"GPSLatitude" not in clean
    assert png_structure(clean) == [b"IHDR", b"gAMA", b"pHYs", b"IDAT", b"IEND"]
    idat = clean.index(b"IDAT")
    assert zlib.decompress(clean[idat + 4 : idat + 4 + len(pixels)]) == b"\x00\x80"
    assert strip_png(clean) == clean
