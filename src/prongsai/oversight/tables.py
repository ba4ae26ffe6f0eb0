"""The columns of the oversight tables, their sorting, paging and the links that keep the
filters: shared by the pages and the CSV/XLSX exports, so an export is the page's view."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from prongsai.ita.rules import ResultRules
from prongsai.oversight.selectors import Filters, Row

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    key: str  # Row.value(key); also the `sort` value
    label: Any  # a lazy translation (Thai source)
    numeric: bool = True


def columns(rules: ResultRules, *, groups: bool, with_district: bool = False) -> list[Column]:
    """The table's columns: a row per province or district (`groups`), else per agency."""
    cols = [Column("name", _("ชื่อ"), numeric=False)]
    if groups:
        cols += [
            Column("agencies", _("หน่วยงาน")),
            Column("with_measures", _("หน่วยงานที่มีมาตรการ")),
        ]
    else:
        cols.append(Column("kind", _("ประเภท"), numeric=False))
        if with_district:
            cols.append(Column("district", _("อำเภอ"), numeric=False))
    cols += [
        Column("measures", _("มาตรการ")),
        Column("done", _("เสร็จแล้ว")),
        Column("in_progress", _("กำลังดำเนินการ")),
        Column("not_started", _("ยังไม่เริ่ม")),
        Column("no_status", _("ยังไม่รายงาน")),
        Column("overdue", _("เลยกำหนด")),
        Column("approved", _("รายงานที่อนุมัติ")),
        Column("published", _("รายงานที่เผยแพร่")),
        Column("ita_entered", _("บันทึกผล ITA")),
        Column("ita_mean", _("คะแนน ITA เฉลี่ย") if groups else _("คะแนน ITA")),
    ]
    if rules.pass_rule is not None and groups:
        cols.append(Column("pass_rate", _("ร้อยละที่ผ่าน")))
    elif rules.pass_rule is not None:
        cols.append(Column("ita_passed", _("ผ่าน")))
    cols += [Column(f"band:{band.code}", band.code) for band in rules.bands]
    return cols


def sort_rows(rows: Sequence[Row], sort: str, cols: Sequence[Column]) -> tuple[list[Row], str]:
    """`rows` sorted by the column `sort` ("-" first: descending; empty values always last);
    an unknown column is ignored (the name order is kept). Returns the rows and the sort
    actually used."""
    key = sort.removeprefix("-")
    if key not in {c.key for c in cols}:
        return sorted(rows, key=lambda r: r.name), ""
    descending = sort.startswith("-")
    present = [r for r in rows if r.value(key) is not None]
    empty = [r for r in rows if r.value(key) is None]
    present.sort(key=lambda r: (r.value(key), r.name), reverse=descending)
    return present + sorted(empty, key=lambda r: r.name), sort


def paged(rows: Sequence[Row], page: str | None) -> Page[Row]:
    return Paginator(rows, PAGE_SIZE).get_page(page)


def query(filters: Filters, **more: str) -> str:
    """The query string of the filters and `more` (empty values left out)."""
    values = {**filters.as_query(), **{k: v for k, v in more.items() if v}}
    return urlencode(values)


@dataclass(frozen=True)
class Header:
    label: Any
    numeric: bool
    href: str  # sorts by this column (again: the other direction)
    direction: str  # "asc"/"desc" when the table is sorted by it, else ""


def headers(cols: Sequence[Column], filters: Filters, sort: str) -> list[Header]:
    result = []
    for c in cols:
        direction = "asc" if sort == c.key else "desc" if sort == f"-{c.key}" else ""
        target = f"-{c.key}" if direction == "asc" else c.key
        result.append(Header(c.label, c.numeric, "?" + query(filters, sort=target), direction))
    return result


def cells(row: Row, cols: Sequence[Column]) -> list[Any]:
    return [row.value(c.key) for c in cols]


def labelled(rows: Sequence[Row], cols: Sequence[Column]) -> list[tuple[Row, Any, SafeString]]:
    """Each row with its first cell's value (the template links it) and its other cells as
    HTML, each with its column's label (on a phone a cell shows its label). Built here, not
    cell by cell in the template: a national table has some 1,500 cells, and the template
    engine spent more time on them than the database on the figures."""
    rest = cols[1:]
    # each column's opening tags once per table, not once per cell
    opening = [
        (
            format_html('<td data-label="{}" class="num">', c.label),
            format_html('<td data-label="{}">', c.label),
        )
        for c in rest
    ]
    return [(r, r.value(cols[0].key), _cells_html(r, rest, opening)) for r in rows]


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not settings.USE_THOUSAND_SEPARATOR
    ):
        return str(value)  # what localize() gives, without its lookups
    return str(conditional_escape(localize(value)))


def _cells_html(row: Row, cols: Sequence[Column], opening: Sequence[tuple[str, str]]) -> SafeString:
    parts = []
    for c, (with_value, without) in zip(cols, opening, strict=True):
        value = row.value(c.key)
        start = with_value if value is not None and value != "" else without
        parts.append(f"{start}{_shown(value)}</td>")
    return SafeString("".join(parts))
