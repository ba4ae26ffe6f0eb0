"""The DOCX read back as a ZIP: font table and embedded font, Thai on every run, document
properties, the first-page header's grid, the tick's font; and, where LibreOffice is
installed, the page count it lays the DOCX out on."""

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from prongsai.memos import docx_package, fonts
from prongsai.memos.model import TICK
from prongsai.memos.render_docx import SYMBOL_FONT, render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R, "rel": PKG}
FONT = "TH SarabunPSK"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture
def package(implementation):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data = render_docx(implementation)
    after = dt.datetime.now(dt.UTC)
    return zipfile.ZipFile(io.BytesIO(data)), before, after


def xml(archive: zipfile.ZipFile, name: str):
    return etree.fromstring(archive.read(name))


def text_parts(archive: zipfile.ZipFile) -> list[str]:
    return [
        n
        for n in archive.namelist()
        if re.fullmatch(r"word/(document|header\d+|footer\d+)\.xml", n)
    ]


def font_entries(archive: zipfile.ZipFile) -> dict[str, etree._Element]:
    table = xml(archive, "word/fontTable.xml")
    return {f.get(w("name")): f for f in table.findall("w:font", NS)}


def test_font_table_gives_the_memo_font_its_twin_and_its_class(package):
    archive, *_ = package
    entry = font_entries(archive)[FONT]
    assert entry.find("w:altName", NS).get(w("val")) == "TH Sarabun New"
    assert entry.find("w:panose1", NS).get(w("val")) == "020B0500040200020003"
    assert entry.find("w:family", NS).get(w("val")) == "swiss"
    sig = entry.find("w:sig", NS)
    # Unicode range bit 24 (usb0) is Thai; code page bit 16 (csb0) is Thai (874).
    assert int(sig.get(w("usb0")), 16) & (1 << 24)
    assert int(sig.get(w("csb0")), 16) & (1 << 16)


def test_every_font_the_runs_name_is_in_the_font_table(package):
    archive, *_ = package
    named = set()
    styles = xml(archive, "word/styles.xml")
    used = [
        styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS),
        styles.find("w:style[@w:styleId='Normal']/w:rPr/w:rFonts", NS),
    ]
    for part in text_parts(archive):
        used += xml(archive, part).iter(w("rFonts"))
    for fonts_el in used:
        named |= {fonts_el.get(w(slot)) for slot in ("ascii", "hAnsi", "cs", "eastAsia")}
    assert named == {FONT, SYMBOL_FONT}
    assert set(font_entries(archive)) == named


def _deobfuscate(blob: bytes, key: str) -> bytes:
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ key_bytes[i % 16] for i, b in enumerate(blob[:32]))
    return head + blob[32:]


def test_the_metric_clone_is_embedded_under_the_memo_fonts_name(package):
    archive, *_ = package
    entry = font_entries(archive)[FONT]
    rels = xml(archive, "word/_rels/fontTable.xml.rels")
    targets = {r.get("Id"): r for r in rels.findall("rel:Relationship", NS)}
    types = xml(archive, "[Content_Types].xml")
    defaults = {d.get("Extension"): d.get("ContentType") for d in types}
    seen = {}
    for tag in ("embedRegular", "embedBold"):
        el = entry.find(f"w:{tag}", NS)
        rel = targets[el.get(f"{{{R}}}id")]
        assert rel.get("Type").endswith("/relationships/font")
        name = "word/" + rel.get("Target")
        assert name.endswith(".odttf")
        overrides = {o.get("PartName"): o.get("ContentType") for o in types}
        content_type = overrides.get("/" + name) or defaults.get("odttf")
        assert content_type == docx_package.OBFUSCATED_FONT
        blob = archive.read(name)
        assert blob[:4] != b"\x00\x01\x00\x00"  # obfuscated as the format requires
        font = TTFont(io.BytesIO(_deobfuscate(blob, el.get(w("fontKey")))))
        # The same per-em scale as TH SarabunPSK: the layout of the PDF.
        assert font["head"].unitsPerEm == fonts.UNITS_PER_EM
        seen[tag] = font["name"].getDebugName(2)
    assert seen == {"embedRegular": "Regular", "embedBold": "Bold"}
    settings = xml(archive, "word/settings.xml")
    assert settings.find("w:embedTrueTypeFonts", NS) is not None
    assert settings.find("w:savePreviewPicture", NS) is None


def test_without_laksaman_the_docx_is_still_whole(implementation, monkeypatch):
    def missing():
        raise fonts.FontMissingError("no Laksaman")

    monkeypatch.setattr(fonts, "font_dir", missing)
    archive = zipfile.ZipFile(io.BytesIO(render_docx(implementation)))
    entry = font_entries(archive)[FONT]
    assert entry.find("w:altName", NS) is not None
    assert entry.find("w:embedRegular", NS) is None
    assert not [n for n in archive.namelist() if n.startswith("word/fonts/")]
    assert xml(archive, "word/settings.xml").find("w:embedTrueTypeFonts", NS) is None


def _check_rpr(rpr, where: str) -> None:
    assert rpr is not None, where
    fonts_el = rpr.find("w:rFonts", NS)
    assert fonts_el.get(w("cs")) == fonts_el.get(w("ascii")), where
    size, size_cs = rpr.find("w:sz", NS), rpr.find("w:szCs", NS)
    assert size_cs is not None and size_cs.get(w("val")) == size.get(w("val")), where
    bold, bold_cs = rpr.find("w:b", NS), rpr.find("w:bCs", NS)
    assert bold_cs.get(w("val")) == bold.get(w("val")), where
    assert rpr.find("w:lang", NS).get(w("bidi")) == "th-TH", where


def test_every_run_and_the_base_styles_declare_thai_complex_script(package):
    archive, *_ = package
    runs = 0
    for part in text_parts(archive):
        for run in xml(archive, part).iter(w("r")):
            _check_rpr(run.find("w:rPr", NS), f"{part}: {''.join(run.itertext())!r}")
            runs += 1
    assert runs > 100
    styles = xml(archive, "word/styles.xml")
    _check_rpr(styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS), "docDefaults")
    normal = styles.find("w:style[@w:styleId='Normal']/w:rPr", NS)
    _check_rpr(normal, "Normal")
    assert normal.find("w:rFonts", NS).get(w("cs")) == FONT


def test_the_tick_is_the_character_in_the_symbol_font(package):
    archive, *_ = package
    ticks = [
        run
        for run in xml(archive, "word/document.xml").iter(w("r"))
        if "".join(t.text or "" for t in run.findall("w:t", NS)) == TICK
    ]
    assert len(ticks) == 6
    for run in ticks:
        fonts_el = run.find("w:rPr/w:rFonts", NS)
        assert {fonts_el.get(w(s)) for s in ("ascii", "hAnsi", "cs", "eastAsia")} == {SYMBOL_FONT}
        assert run.find("w:sym", NS) is None  # a real ✓, which readers and search find
    assert SYMBOL_FONT in font_entries(archive)


def test_properties_name_the_memo_its_agency_and_the_render_time(package):
    archive, before, after = package
    core = xml(archive, "docProps/core.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    cp = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
    terms = "{http://purl.org/dc/terms/}"
    assert core.find(f"{dc}title").text.startswith("รายงานผลการดำเนินการตามมาตรการ")
    assert core.find(f"{dc}subject").text == ("บันทึกข้อความ เทศบาลตำบลอุ่มเม่า ประจำปีงบประมาณ พ.ศ. ๒๕๖๕")
    assert core.find(f"{dc}creator").text == "เทศบาลตำบลอุ่มเม่า"
    assert core.find(f"{cp}lastModifiedBy").text == "เทศบาลตำบลอุ่มเม่า"
    assert not (core.find(f"{dc}description").text or "")
    for tag in ("created", "modified"):
        stamp = dt.datetime.fromisoformat(core.find(f"{terms}{tag}").text.replace("Z", "+00:00"))
        assert before <= stamp <= after
    raw = archive.read("docProps/core.xml").decode()
    assert "2013" not in raw and "python-docx" not in raw


def test_no_template_thumbnail_or_application(package):
    archive, *_ = package
    assert not [n for n in archive.namelist() if "thumbnail" in n.lower()]
    rels = archive.read("_rels/.rels").decode()
    assert "thumbnail" not in rels
    assert "thumbnail" not in archive.read("[Content_Types].xml").decode()
    app = archive.read("docProps/app.xml").decode()
    assert "<Application>prongsai</Application>" in app
    assert "Macintosh" not in app and "<Company>เทศบาลตำบลอุ่มเม่า</Company>" in app


def test_table_grids_agree_with_their_cells(package):
    archive, *_ = package
    tables = [
        (part, table) for part in text_parts(archive) for table in xml(archive, part).iter(w("tbl"))
    ]
    assert {p for p, _ in tables} >= {"word/document.xml"} and len(tables) == 3
    header = [t for p, t in tables if p != "word/document.xml"]
    assert len(header) == 1
    for part, table in tables:
        grid = [int(c.get(w("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        assert abs(sum(grid) - 9071) <= len(grid), part  # 16 cm of text width, in twips
        for row in table.findall("w:tr", NS):
            col = 0
            for cell in row.findall("w:tc", NS):
                span = cell.find("w:tcPr/w:gridSpan", NS)
                n = int(span.get(w("val"))) if span is not None else 1
                width = int(cell.find("w:tcPr/w:tcW", NS).get(w("w")))
                assert abs(width - sum(grid[col : col + n])) <= n, part
                col += n
            assert col == len(grid)
    widths = [int(c.get(w("w"))) for c in header[0].findall("w:tblGrid/w:gridCol", NS)]
    assert widths == [1417, 6236, 1417]  # 2.5 cm | 11 cm | 2.5 cm


def _pages(pdf: bytes) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_the_docx_out_on_prongsais_pages(implementation, tmp_path):
    from prongsai.memos.render_pdf import render_pdf

    source = tmp_path / "memo.docx"
    source.write_bytes(render_docx(implementation))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = (tmp_path / "memo.pdf").read_bytes()
    assert abs(_pages(converted) - _pages(render_pdf(implementation))) <= 1
    doc = pdfium.PdfDocument(converted)
    text = "".join(page.get_textpage().get_text_range() for page in doc)
    doc.close()
    assert text.count(TICK) == 6
