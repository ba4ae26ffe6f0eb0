"""The linear rewrites of the memo parsers read exactly what the old expressions read.

The old regular expressions and the old table merge (quadratic or cubic on hostile input,
see tests/core/test_hostile_uploads.py) are kept here as references and compared with the
new code on random short inputs, where their cost does not matter.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.imports.parse.assemble import _number_line, _split_phone, signature_name, tidy
from prongsai.imports.parse.tables import (
    classify_table,
    drop_repeated_headers,
    mark_header_rows,
    merge_tables,
    row_key,
)
from prongsai.memos.model import Cell, Paragraph, Row, Table

OLD_NUMBER = re.compile(
    r"^\s*ที่(?:\s+|(?=[ก-ฮ]{1,3}\s?[0-9๐-๙]))(?P<number>.*?)(?:\s+วันที่\s*(?P<date>.*))?$",
    re.S,
)
OLD_PHONE = re.compile(r"\s*โทร(?:ศัพท์|\.)?\s*(?P<phone>.*)$", re.S)
OLD_SIGNATURE = re.compile(
    r"^\s*\(\s*(?P<name>(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|จ่า|พ\.|ร\.|ส\.|จ\.|สิบ|พันจ่า|นาวา)"
    r"[^()\d๐-๙]{1,80}?|[.…_\s]{3,})\s*\)\s*$"
)

PIECES = ["ที่", "วันที่", "โทร", "ศัพท์", ".", " ", "\t", "\n", "(", ")", "นาย", "นางสาว", "กส"]
PIECES += ["๑", "1", "ก", "x", "…", "_", "ข้อความ"]
lines = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@settings(max_examples=400)
@given(lines)
def test_number_line_reads_what_the_old_expression_read(line):
    old = OLD_NUMBER.match(line)
    new = _number_line(line)
    assert (old is None) == (new is None)
    if old:
        assert tidy(new[0]) == tidy(old["number"])
        assert bool(old["date"]) == bool(new[1] and new[1].strip())
        if old["date"]:
            assert tidy(new[1]) == tidy(old["date"])


@settings(max_examples=400)
@given(lines)
def test_telephone_split_matches_the_old_expression(rest):
    old = OLD_PHONE.search(rest)
    department, phone = _split_phone(rest)
    assert (old is None) == (phone is None)
    if old:
        assert tidy(phone) == tidy(old["phone"])
        assert tidy(department) == tidy(rest[: old.start()])


@settings(max_examples=400)
@given(lines)
def test_signature_name_matches_the_old_expression(text):
    old = OLD_SIGNATURE.match(text)
    new = signature_name(text)
    assert (old is None) == (new is None)
    if old:
        assert tidy(new) == tidy(old["name"])


def old_merge(blocks):
    """The merge as it was: the whole grown table cleaned again after each continuation."""
    out = []
    for block in blocks:
        if not isinstance(block, Table):
            out.append(Paragraph(text=block.text))
            continue
        table = block
        if not table.header_rows():
            mark_header_rows(table)
        table.role = table.role or classify_table(table)
        previous = out[-1] if out else None
        if (
            isinstance(previous, Table)
            and len(previous.columns) == len(table.columns)
            and (table.role == previous.role or not table.role)
            and (
                not table.role
                or all(
                    k in {row_key(r) for r in previous.header_rows()}
                    for k in [row_key(r) for r in table.header_rows()]
                )
            )
        ):
            previous.rows.extend(table.rows)
            drop_repeated_headers(previous)
            continue
        drop_repeated_headers(table)
        out.append(table)
    return out


TEXTS = ["มาตรการ", "ผู้รับผิดชอบ", "สถานะ", "ก", "ข", "", "ยังไม่ดำเนินการ"]
rows = st.lists(
    st.tuples(st.booleans(), st.lists(st.sampled_from(TEXTS), min_size=2, max_size=2)),
    min_size=1,
    max_size=4,
)
blocks = st.lists(st.one_of(rows, st.just("paragraph")), max_size=8)


class Para:
    def __init__(self, text):
        self.text = text


def build(spec):
    out = []
    for item in spec:
        if item == "paragraph":
            out.append(Para("ย่อหน้า"))
        else:
            out.append(
                Table(
                    columns=[1.0, 1.0],
                    rows=[Row(cells=[Cell(text=t) for t in texts], header=h) for h, texts in item],
                )
            )
    return out


def shape(merged):
    return [
        (b.role, [(r.header, row_key(r)) for r in b.rows]) if isinstance(b, Table) else b.text
        for b in merged
    ]


@settings(max_examples=500)
@given(blocks)
def test_merged_tables_are_those_of_the_old_merge(spec):
    assert shape(merge_tables(build(spec))) == shape(old_merge(build(spec)))
