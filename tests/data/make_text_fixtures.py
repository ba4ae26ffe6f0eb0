"""Make the text-export fixtures of tests/imports (run once; the outputs are committed).

    .venv/bin/python tests/data/make_text_fixtures.py [NAME.docx ...]

Needs LibreOffice (Debian's libreoffice-writer-nogui) only here; the tests read the
committed files. Every memo is a DOCX under tests/data/text/ (or tests/data/) and its text
exports next to it:

    NAME.lo.txt         LibreOffice's text filter (`soffice --headless --convert-to
                        "txt:Text (encoded):UTF8"`): one paragraph a line, every cell
                        paragraph a line of its own, no tabs, an empty cell a blank line
    NAME.word-rows.txt  Word's "save as plain text" shape, made here from the DOCX: a row
                        a line, cells divided by tabs, a cell's further paragraphs on lines
                        of their own; CRLF line ends
    NAME.word-rows-utf16.txt, NAME.word-rows-tis620.txt   the same in UTF-16 LE with a
                        BOM and in TIS-620
    NAME.tabbed.txt     the shape of the seed export: each cell on a new line after a tab,
                        a cell's further lines without one, no blank line between rows

The DOCX sources: the four memos of make_docx_fixtures.py; prongsai's own memos of the
demo (`prongsai render --agency ummao --year 2565 --kind implementation|measures --format
docx --as-of 2026-12-01`, copied to text/demo-*.docx); and five memos built here with
python-docx in shapes ours are not: eight measures with a number column, a status table
with a remarks column, a status table with the status written in a cell, and (made after
the parser, to check it on what it was not tuned on) ticks typed as "/" and a monitoring
column merged down the table.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

HERE = Path(__file__).resolve().parent
TEXT = HERE / "text"
sys.path.insert(0, str(HERE))

import make_docx_fixtures as base  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STATUS_WORDS = base.STATUS_WORDS
th = base.th

_TOPICS = [
    ("เผยแพร่ข้อมูลข่าวสารของเทศบาลต่อสาธารณะ", "ปรับปรุงข้อมูลบนเว็บไซต์ให้เป็นปัจจุบันทุกเดือน"),
    ("ส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง", "ประกาศแผนการจัดซื้อจัดจ้างประจำปีบนเว็บไซต์"),
    ("ลดขั้นตอนการให้บริการประชาชน", "จัดทำคู่มือการให้บริการและประกาศระยะเวลาให้บริการ"),
    ("จัดการเรื่องร้องเรียนการทุจริต", "เปิดช่องทางรับเรื่องร้องเรียนทางโทรศัพท์และเว็บไซต์"),
    ("ป้องกันการขัดกันระหว่างผลประโยชน์", "อบรมพนักงานเทศบาลเรื่องการขัดกันระหว่างผลประโยชน์"),
    ("เสริมสร้างวัฒนธรรมองค์กรที่ไม่ทนต่อการทุจริต", "ประกาศเจตจำนงสุจริตของผู้บริหาร"),
    ("พัฒนาระบบบริหารทรัพยากรบุคคล", "เผยแพร่หลักเกณฑ์การบริหารทรัพยากรบุคคลให้พนักงานทราบ"),
    ("เปิดโอกาสให้ประชาชนมีส่วนร่วม", "จัดประชุมประชาคมหมู่บ้านเพื่อรับฟังความคิดเห็น"),
]
_DIVS = ["สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม"]
_STATUSES = ("done", "in_progress", "not_started", "done", "in_progress", "done", "done", None)


def _measures(count: int) -> list[base.MeasureSpec]:
    out = []
    for i in range(count):
        title, step = _TOPICS[i % len(_TOPICS)]
        status = _STATUSES[i % len(_STATUSES)]
        out.append(
            base.MeasureSpec(
                title,
                [step, "รายงานผลการดำเนินงานต่อผู้บริหารทุกไตรมาส"][: 1 + i % 2],
                [_DIVS[i % 5]] + ([_DIVS[(i + 2) % 5]] if i % 3 == 0 else []),
                "รายงานความก้าวหน้าและสรุปผล ณ ๓๑ มีนาคม ๒๕๖๗",
                status,
                "ตรวจสอบในเว็บไซต์ของหน่วยงาน" if status == "done" else "",
            )
        )
    return out


def _spec(file: str, agency: str, measures: list[base.MeasureSpec], **extra) -> base.MemoSpec:
    return base.MemoSpec(
        file=file,
        department=f"สำนักปลัดเทศบาล {agency}",
        telephone="๐ ๔๒๒๔ ๑๐๑๐",
        number="อด ๗๓๐๐๑/๑๒๓",
        date="๒๙ มีนาคม ๒๕๖๗",
        subject="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        addressee=f"นายก{agency.replace('เทศบาล', 'เทศมนตรี')}",
        paragraphs=[
            "ตามที่ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            f"ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ของ{agency} อำเภอเมืองอุดรธานี จังหวัดอุดรธานี "
            "มีค่าคะแนนเท่ากับ ๘๘.๒๐ คะแนน อยู่ในระดับ A",
            f"{agency}จึงกำหนดมาตรการ และรายงานผลการดำเนินการ ดังนี้",
        ],
        status_intro=["ผลการดำเนินการตามมาตรการ ข้อมูล ณ วันที่ ๒๙ มีนาคม ๒๕๖๗ ดังนี้"],
        measures=measures,
        closing="จึงเรียนมาเพื่อโปรดทราบ",
        signer="นายประสิทธิ์ ใจซื่อ",
        position=[f"ปลัด{agency}"],
        **extra,
    )


def _status_with_remarks(doc, spec: base.MemoSpec) -> None:
    """The usual status table plus a remarks column (หมายเหตุ) holding the evidence."""
    table = doc.add_table(rows=2 + len(spec.measures), cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    base.repeat_header(table.rows[0])
    base.repeat_header(table.rows[1])
    for col, word in ((0, "มาตรการ"), (1, "ขั้นตอนหรือวิธีการ"), (5, "หมายเหตุ")):
        base.cell_lines(table.cell(0, col).merge(table.cell(1, col)), [word])
    base.cell_lines(table.cell(0, 2).merge(table.cell(0, 4)), ["สถานะการดำเนินการ"])
    for c, word in enumerate(STATUS_WORDS, start=2):
        base.cell_lines(table.cell(1, c), [word], WD_ALIGN_PARAGRAPH.CENTER)
    for r, m in enumerate(spec.measures, start=2):
        base.cell_lines(table.cell(r, 0), [m.title])
        base.cell_lines(table.cell(r, 1), [f"- {s}" for s in m.steps])
        for c in range(3):
            ticked = m.status is not None and base.STATUS_INDEX[m.status] == c
            base.cell_lines(table.cell(r, 2 + c), [spec.tick if ticked else "-"])
        base.cell_lines(table.cell(r, 5), [m.evidence] if m.evidence else [""])


_WORDS = {"not_started": STATUS_WORDS[0], "in_progress": STATUS_WORDS[1], "done": STATUS_WORDS[2]}


def _status_in_a_cell(doc, spec: base.MemoSpec) -> None:
    """A status table whose status is written in one column, as many agencies make it."""
    heads = ["ที่", "มาตรการ", "ผู้รับผิดชอบ", "สถานะการดำเนินการ", "หมายเหตุ"]
    table = doc.add_table(rows=1 + len(spec.measures), cols=len(heads))
    table.style = "Table Grid"
    base.repeat_header(table.rows[0])
    for c, head in enumerate(heads):
        base.cell_lines(table.cell(0, c), [head], WD_ALIGN_PARAGRAPH.CENTER)
    for r, m in enumerate(spec.measures, start=1):
        base.cell_lines(table.cell(r, 0), [th(r)])
        base.cell_lines(table.cell(r, 1), [m.title])
        base.cell_lines(table.cell(r, 2), m.divisions)
        base.cell_lines(table.cell(r, 3), [_WORDS[m.status]] if m.status else [""])
        base.cell_lines(table.cell(r, 4), [m.evidence] if m.evidence else [""])


VARIANTS = [
    (
        _spec(
            "text/eight-measures-udon.docx", "เทศบาลตำบลหนองบัว", _measures(8), number_column=True
        ),
        None,
    ),
    (_spec("text/remarks-column-udon.docx", "เทศบาลตำบลนาดี", _measures(6)), _status_with_remarks),
    (_spec("text/status-in-cell-udon.docx", "เทศบาลตำบลโนนสูง", _measures(7)), _status_in_a_cell),
    # Made after the parser was written, to check it on shapes it was not tuned on: ticks
    # typed as "/", and the monitoring column merged down the whole table.
    (_spec("text/slash-ticks-udon.docx", "เทศบาลตำบลบ้านใหม่", _measures(5), tick="/"), None),
    (
        _spec(
            "text/merged-monitoring-udon.docx",
            "เทศบาลตำบลบ้านเก่า",
            _measures(6),
            merge_monitoring=True,
        ),
        None,
    ),
]


ONLY: list[str] = sys.argv[1:]  # DOCX names to make again; none: all


def make_variants() -> list[Path]:
    out = []
    usual = base.status_table
    for spec, status_table in VARIANTS:
        if ONLY and Path(spec.file).name not in ONLY:
            continue
        base.status_table = status_table or usual
        try:
            out.append(base.make(spec))
        finally:
            base.status_table = usual
    return out


# ------------------------------------------------------------------ text exports


def libreoffice_text(docx: Path) -> Path:
    """LibreOffice's own text export of the DOCX, as NAME.lo.txt."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(docx)],
            check=True, capture_output=True,
        )  # fmt: skip
        target = TEXT / f"{docx.stem}.lo.txt"
        shutil.copyfile(Path(tmp) / f"{docx.stem}.txt", target)
    return target


def _paragraph(p) -> str:
    out = []
    for node in p.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.getparent().tag != W + "r":
            continue  # a tab stop of the paragraph's properties, not a tab in its text
        if node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag == W + "tab":
            out.append("\t")
        elif node.tag in (W + "br", W + "cr"):
            out.append("\n")
    return "".join(out)


def _cells(tr) -> list[list[str]]:
    """A row's cells as lists of paragraph texts; a vertically continued cell is empty."""
    cells = []
    for tc in tr.iterchildren(W + "tc"):
        merge = tc.find(f"{W}tcPr/{W}vMerge")
        if merge is not None and merge.get(W + "val", "continue") == "continue":
            cells.append([""])
            continue
        cells.append([_paragraph(p) for p in tc.iterchildren(W + "p")] or [""])
    return cells


def _blocks(docx: Path):
    body = Document(str(docx)).element.body
    for child in body:
        if child.tag == W + "p":
            yield "p", _paragraph(child)
        elif child.tag == W + "tbl":
            yield "t", [_cells(tr) for tr in child.iterchildren(W + "tr")]


def word_rows(docx: Path) -> str:
    """Word's plain-text shape: a row a line, tabs between cells."""
    lines = []
    for kind, value in _blocks(docx):
        if kind == "p":
            lines.append(value)
            continue
        for row in value:
            lines.append("\t".join("\n".join(cell) for cell in row))
    return "\n".join(lines) + "\n"


def tabbed(docx: Path) -> str:
    """The seed's shape without its blank lines: a tab before every cell."""
    lines = []
    for kind, value in _blocks(docx):
        if kind == "p":
            lines.append(value)
            continue
        for row in value:
            for cell in row:
                lines.append("\t" + "\n".join(cell))
    return "\n".join(lines) + "\n"


SOURCES = [
    HERE / "clean-khonkaen.docx",
    HERE / "merged-nakhonratchasima.docx",
    HERE / "planted-errors-chiangmai.docx",
    HERE / "long-20pages.docx",
    TEXT / "demo-implementation.docx",
    TEXT / "demo-measures.docx",
]


def main(only: list[str] | None = None) -> None:
    """Every fixture, or only those whose DOCX names are given (the others stay as made)."""
    TEXT.mkdir(exist_ok=True)
    make_variants()
    for docx in SOURCES + [HERE / spec.file for spec, _ in VARIANTS]:
        if only and docx.name not in only:
            continue
        print(libreoffice_text(docx).relative_to(HERE))
        rows = word_rows(docx)
        (TEXT / f"{docx.stem}.word-rows.txt").write_bytes(rows.replace("\n", "\r\n").encode())
        (TEXT / f"{docx.stem}.tabbed.txt").write_text(tabbed(docx), "utf-8")
    if only:
        return
    # Encodings of Word's "save as": once each is enough, they decode to the same text.
    rows = word_rows(HERE / "clean-khonkaen.docx").replace("\n", "\r\n")
    (TEXT / "clean-khonkaen.word-rows-utf16.txt").write_bytes(rows.encode("utf-16"))
    # TIS-620 has no ✓: Word writes the tick as "/" there, as clerks type it anyway.
    tis = rows.replace("✓", "/")
    (TEXT / "clean-khonkaen.word-rows-tis620.txt").write_bytes(tis.encode("tis_620"))


if __name__ == "__main__":
    main(ONLY)
