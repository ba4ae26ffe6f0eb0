"""Property-based: no input makes the parsers raise anything but the project's own error.

And what they return can always be imported and linted without a crash (the importer may
answer with ValidationFailed, a project error, when a memo holds no measures).
"""

import contextlib
import io
import random
from pathlib import Path

from docx import Document
from docx.exceptions import InvalidSpanError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.core.errors import ProngsaiError
from prongsai.imports.lint import lint_memo
from prongsai.imports.mapping import recover
from prongsai.imports.parse import ParseError, parse_file
from prongsai.imports.tables import owner_grid
from prongsai.memos.model import Memo

DATA = Path(__file__).resolve().parent.parent / "data"
CLEAN = (DATA / "clean-khonkaen.docx").read_bytes()
SEED_LINES = (DATA / "seed-ummao-2565.txt").read_text("utf-8").split("\n")
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _use(memo: Memo) -> None:
    """Everything downstream of a parser must cope with whatever it returned."""
    assert isinstance(memo, Memo)
    for table in memo.tables():
        owner_grid(table)
    lint_memo(memo)
    try:
        recover(memo)
    except ProngsaiError:
        pass


def _parse(data: bytes, filename: str) -> None:
    try:
        memo = parse_file(data, filename)
    except ParseError as exc:
        assert str(exc)
        return
    _use(memo)


@PROPERTY
@given(st.binary(max_size=4096), st.sampled_from(["memo.txt", "memo.docx", "memo", ""]))
def test_any_bytes(data, filename):
    _parse(data, filename)


@PROPERTY
@given(st.binary(max_size=2048))
def test_any_bytes_behind_a_zip_signature(data):
    _parse(b"PK\x03\x04" + data, "memo.docx")


@PROPERTY
@given(st.integers(0, len(CLEAN) - 1), st.binary(min_size=1, max_size=16))
def test_a_damaged_docx(position, patch):
    _parse(CLEAN[:position] + patch + CLEAN[position + len(patch) :], "memo.docx")


@PROPERTY
@given(st.integers(0, len(CLEAN)))
def test_a_truncated_docx(length):
    _parse(CLEAN[:length], "memo.docx")


_LINE_PIECES = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(["", "\t", "\t/", "\t-", "\t✓", "-๒-", "/ผลการ...", "เรียน", "ที่ ", "วันที่"]),
    st.text(alphabet="\tก-ฮ ะาิีึืุู่้๊๋เแโใไ๐๑๒0123456789()/.-ฯ\u00a0", max_size=40),
)


@PROPERTY
@given(st.lists(_LINE_PIECES, max_size=120), st.sampled_from(["utf-8", "utf-16", "cp874"]))
def test_text_made_of_memo_pieces(lines, encoding):
    text = "\n".join(lines)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _parse(data, "memo.txt")


@PROPERTY
@given(st.permutations(SEED_LINES), st.integers(0, 2**32))
def test_the_seed_shuffled(lines, seed):
    rng = random.Random(seed)
    kept = [line for line in lines if rng.random() < 0.7]
    _parse("\n".join(kept).encode("utf-8"), "memo.txt")


_CELL_TEXT = st.sampled_from(
    [
        "",
        "-",
        "/",
        "✓",
        "มาตรการ",
        "ผู้รับผิดชอบ",
        "สถานะการดำเนินการ",
        "ยังไม่ดำเนินการ",
        "อยู่ระหว่างดำเนินการ",
        "ดำเนินการเสร็จเรียบร้อยแล้ว",
        "(๑) ให้ความรู้",
        "สำนักปลัด\nกองคลัง",
        "ขั้นตอนหรือวิธีการ",
        "การกำกับติดตาม",
    ]
)


@PROPERTY
@given(
    rows=st.integers(1, 6),
    cols=st.integers(1, 6),
    texts=st.lists(_CELL_TEXT, min_size=36, max_size=36),
    merges=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 5), st.integers(0, 5)),
        max_size=4,
    ),
)
def test_word_tables_with_any_merged_cells(rows, cols, texts, merges):
    doc = Document()
    doc.add_paragraph("ส่วนราชการ สำนักปลัด เทศบาลตำบลอุ่มเม่า")
    doc.add_paragraph("ที่ กส ๗๓๖๐๑/๑\tวันที่ ๓๑ มีนาคม ๒๕๖๕")
    table = doc.add_table(rows=rows, cols=cols)
    for r in range(rows):
        for c in range(cols):
            table.cell(r, c).text = texts[r * 6 + c]
    for r1, c1, r2, c2 in merges:
        a = table.cell(min(r1, rows - 1), min(c1, cols - 1))
        b = table.cell(min(r2, rows - 1), min(c2, cols - 1))
        with contextlib.suppress(InvalidSpanError, ValueError):  # python-docx refuses some
            a.merge(b)
    buffer = io.BytesIO()
    doc.save(buffer)
    _parse(buffer.getvalue(), "memo.docx")
