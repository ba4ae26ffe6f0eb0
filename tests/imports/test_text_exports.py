"""Text exports of memos import as their DOCX does, whatever shape the export gives tables.

The fixtures under tests/data/text/ were made by tests/data/make_text_fixtures.py from DOCX
memos: LibreOffice's text filter (every cell paragraph a line, no tabs), Word's "save as
text" rows (tabs between cells, CRLF; also in UTF-16 and TIS-620) and the tabbed shape of
the seed without its blank lines. Tables made up by hypothesis are written in each shape too.
"""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.imports.lint import lint_memo
from prongsai.imports.mapping import recover
from prongsai.imports.parse import ParseError, parse_file

DATA = Path(__file__).resolve().parent.parent / "data"
TEXT = DATA / "text"
EXPORTS = sorted(TEXT.glob("*.txt"))
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _docx_of(text: Path) -> Path:
    stem = text.name.split(".")[0]
    return next(p for p in (TEXT / f"{stem}.docx", DATA / f"{stem}.docx") if p.exists())


def _read(source):
    memo = parse_file(source) if isinstance(source, Path) else parse_file(*source)
    result = recover(memo)
    measures = [
        (m.number, m.title, m.steps, m.divisions, m.monitoring, m.status, m.evidence)
        for m in result.measures
    ]
    return measures, sorted({f.code for f in lint_memo(memo)}), result


def test_there_are_exports_of_every_shape():
    shapes = {p.name.split(".", 1)[1] for p in EXPORTS}
    assert {"lo.txt", "word-rows.txt", "tabbed.txt"} <= shapes
    assert len({_docx_of(p) for p in EXPORTS}) >= 11


@pytest.mark.parametrize("export", EXPORTS, ids=[p.name for p in EXPORTS])
def test_an_export_imports_and_lints_as_its_docx(export):
    docx_measures, docx_codes, docx_result = _read(_docx_of(export))
    measures, codes, result = _read(export)
    assert measures == docx_measures
    assert codes == docx_codes
    assert (result.agency, result.document_number, result.date, result.fiscal_year) == (
        docx_result.agency,
        docx_result.document_number,
        docx_result.date,
        docx_result.fiscal_year,
    )


def test_the_new_shapes_are_read_whole():
    eight, _, _ = _read(TEXT / "eight-measures-udon.lo.txt")
    assert [m[0] for m in eight] == list(range(1, 9))
    assert [m[5] for m in eight] == ["done", "in_progress", "not_started", "done"] + [
        "in_progress",
        "done",
        "done",
        None,
    ]
    remarks, _, _ = _read(TEXT / "remarks-column-udon.word-rows.txt")
    assert remarks[0][5] == "done" and remarks[0][6] == "ตรวจสอบในเว็บไซต์ของหน่วยงาน"
    in_cell, _, _ = _read(TEXT / "status-in-cell-udon.lo.txt")
    assert [m[5] for m in in_cell][:3] == ["done", "in_progress", "not_started"]


def test_a_heading_row_followed_at_once_by_its_rows():
    """The seed's blank lines gone: the column count still comes from the heading."""
    seed = (DATA / "seed-ummao-2565.txt").read_text("utf-8")
    packed = "\n".join(line for line in seed.split("\n") if line.strip() or "\t" in line)
    assert _read((packed.encode(), "seed.txt"))[0] == _read(DATA / "seed-ummao-2565.txt")[0]


# ------------------------------------------------------------------ generated tables

WORDS = ["ส่งเสริม", "ความ", "โปร่งใส", "เผยแพร่", "ข้อมูล", "ข่าวสาร", "ประชาชน", "จัดซื้อ"]
WORDS += ["จัดจ้าง", "ทุจริต", "บริการ", "พัฒนา", "ระบบ", "ร้องเรียน", "คุณธรรม", "การ", "ของ"]
DIVISIONS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม"]
MONITORING = ["รายงานผลทุกไตรมาส", "รายงานความก้าวหน้าและสรุปผล ณ ๓๑ มีนาคม ๒๕๖๗"]
STATUS_HEADS = ["ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการเสร็จเรียบร้อยแล้ว"]
STATUSES = ["not_started", "in_progress", "done"]

phrase = st.lists(st.sampled_from(WORDS), min_size=2, max_size=7).map("".join)
measure = st.fixed_dictionaries(
    {
        "title": phrase,
        "steps": st.lists(phrase, min_size=1, max_size=3),
        "divisions": st.lists(st.sampled_from(DIVISIONS), min_size=1, max_size=3, unique=True),
        "monitoring": st.sampled_from(MONITORING),
        "status": st.sampled_from([*STATUSES, None]),
        "note": st.sampled_from(["", "ตรวจสอบในเว็บไซต์ของหน่วยงาน"]),
    }
)
measures_lists = st.lists(measure, min_size=1, max_size=8, unique_by=lambda m: m["title"])


def _tables(measures: list[dict], tick: str, status: str) -> list[list[list[list[str]]]]:
    """The two tables as rows of cells, each cell its lines. `status`: "ticks" (a column
    per status), "grouped" (those under one heading, flattened as an export does) or
    "words" (the status written in a cell, the evidence in a remarks column)."""
    head = [["มาตรการ"], ["ขั้นตอนหรือวิธีการ"], ["ผู้รับผิดชอบ"], ["การกำกับติดตาม"]]
    first = [head]
    for i, m in enumerate(measures, start=1):
        steps = [f"- {s}" for s in m["steps"]]
        title = f"({str(i).translate(THAI)}) {m['title']}"
        first.append([[title], steps, m["divisions"], [m["monitoring"]]])
    if status == "words":
        second = [[["มาตรการ"], ["สถานะการดำเนินการ"], ["หมายเหตุ"]]]
        for m in measures:
            word = STATUS_HEADS[STATUSES.index(m["status"])] if m["status"] else ""
            second.append([[m["title"]], [word], [m["note"] if m["status"] else ""]])
        return [first, second]
    if status == "grouped":
        second = [[["มาตรการ"], ["ขั้นตอนหรือวิธีการ"], ["สถานะการดำเนินการ"]]]
        second.append([[""], [""], *[[w] for w in STATUS_HEADS]])
    else:
        second = [[["มาตรการ"], ["ขั้นตอนหรือวิธีการ"], *[[w] for w in STATUS_HEADS]]]
    for m in measures:
        marks = []
        for status in STATUSES:
            ticked = m["status"] == status
            marks.append([tick, *([f"({m['note']})"] if m["note"] else [])] if ticked else ["-"])
        second.append([[m["title"]], [f"- {s}" for s in m["steps"]], *marks])
    return [first, second]


def _write(table: list[list[list[str]]], shape: str, blank_rows: bool) -> list[str]:
    lines: list[str] = []
    for row in table:
        if shape == "flat":
            lines += [line for cell in row for line in cell]
        elif shape == "rows":
            lines += "\t".join("\n".join(cell) for cell in row).split("\n")
        else:
            lines += ["\t" + "\n".join(cell) for cell in row]
        if blank_rows and shape != "flat":
            lines.append("")
    return lines


HEAD = [
    "บันทึกข้อความ",
    "ส่วนราชการ สำนักปลัด เทศบาลตำบลหนองบัว",
    "ที่ อด ๗๓๐๐๑/๑๒๓ วันที่ ๒๙ มีนาคม ๒๕๖๗",
    "เรื่อง รายงานผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
    "เรียน นายกเทศมนตรีตำบลหนองบัว",
    "ตามที่เทศบาลตำบลหนองบัวได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส ดังนี้",
]
TAIL = ["จึงเรียนมาเพื่อโปรดทราบ", "", "(นายประสิทธิ์ ใจซื่อ)", "ปลัดเทศบาลตำบลหนองบัว"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    measures_lists,
    st.sampled_from(["flat", "rows", "lead"]),
    st.sampled_from(["ticks", "grouped", "words"]),
    st.booleans(),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "tis_620"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_generated_tables_import_whole(measures, shape, status, blank_rows, encoding, newline):
    tick = "/" if encoding == "tis_620" else "✓"
    first, second = _tables(measures, tick, status)
    lines = HEAD + _write(first, shape, blank_rows)
    lines += ["ผลการดำเนินการตามมาตรการ ข้อมูล ณ วันที่ ๒๙ มีนาคม ๒๕๖๗ ดังนี้"]
    lines += _write(second, shape, blank_rows) + TAIL
    data = newline.join(lines).encode(encoding)
    got, _, result = _read((data, "memo.txt"))
    expected = [
        (
            i,
            m["title"],
            m["steps"],
            m["divisions"],
            m["monitoring"],
            m["status"],
            m["note"] if m["status"] else "",
        )
        for i, m in enumerate(measures, start=1)
    ]
    assert got == expected
    assert result.fiscal_year == 2567 and not result.warnings


# ------------------------------------------------------------------ what cannot be read


def _refusal(text: str) -> str:
    """The Thai message (the English one comes with the catalogue made after merging)."""
    with pytest.raises(ParseError) as thai:
        parse_file(text.encode(), "memo.txt")
    return str(thai.value)


MEMO_HEAD = "\n".join(HEAD) + "\n"


def test_a_heading_without_rows_names_its_line():
    text = MEMO_HEAD + "มาตรการ\nขั้นตอนหรือวิธีการ\nผู้รับผิดชอบ\nการกำกับติดตาม\n" + "\n".join(TAIL)
    thai = _refusal(text)
    assert thai.startswith("บรรทัดที่ 7: พบหัวตารางมาตรการ แต่อ่านแถวของตารางต่อจากนั้นไม่ได้")
    assert "คาดว่าจะพบแถวแรกของตาราง" in thai


def test_a_lone_heading_word_names_its_line():
    text = MEMO_HEAD + "\nมาตรการ\n(๑) เผยแพร่ข้อมูลข่าวสาร\n- ปรับปรุงเว็บไซต์\nกองคลัง\n"
    thai = _refusal(text)
    assert thai.startswith("บรรทัดที่ 8: “มาตรการ” น่าจะเป็นหัวตาราง")
    assert "คาดว่าจะพบ เช่น “ขั้นตอนหรือวิธีการ”" in thai


def test_a_memo_without_tables_still_reads():
    memo = parse_file((MEMO_HEAD + "มาตรการ\n" + "\n".join(TAIL)).encode(), "memo.txt")
    assert not memo.tables()


def test_a_long_flat_table_is_read():
    # its time against a table ten times shorter: bench/bench_text_exports.py
    rows = "(๑) เผยแพร่ข้อมูล\n- ปรับปรุงเว็บไซต์\nกองคลัง\nรายงานผลทุกไตรมาส\n" * 2_000
    text = MEMO_HEAD + "มาตรการ\nขั้นตอนหรือวิธีการ\nผู้รับผิดชอบ\nการกำกับติดตาม\n" + rows
    memo = parse_file(text.encode(), "memo.txt", max_bytes=20 << 20)
    assert memo.tables()


@pytest.mark.parametrize("blank_lines", [True, False])
def test_the_seed_without_tabs(blank_lines):
    """Every cell paragraph a line and no tab, with or without the seed's blank lines: each
    measure keeps its divisions and status (a title's wrapped second line cannot be told
    from a step without a bullet, so titles are compared by their start)."""
    seed = (DATA / "seed-ummao-2565.txt").read_text("utf-8")
    flat = [line.replace("\t", "") for line in seed.split("\n")]
    if not blank_lines:
        flat = [line for line in flat if line.strip()]
    got, _, _ = _read(("\n".join(flat).encode(), "seed.txt"))
    expected, _, _ = _read(DATA / "seed-ummao-2565.txt")
    assert [(m[0], m[1][:12], m[3], m[5]) for m in got] == [
        (m[0], m[1][:12], m[3], m[5]) for m in expected
    ]
