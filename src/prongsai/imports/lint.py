"""The memo linter: errors copied templates leave in ITA memos.

    lint_memo(memo, agency_name="", province="") -> [Finding]

Codes (each finding has a Thai message, an English one, an excerpt and where it is):

    mixed_digits    one number written with Thai and Arabic digits (๓1, 824๐๑, ๒๕๖5)
    province_code   the letter code of the ที่ line is another province's (สท in Kalasin)
    foreign_agency  the text names an agency other than the document's own (head, signature)
    year_mismatch   a fiscal year or an ITA result cited that does not fit the document's year
    band_mismatch   a score and a band or rating that disagree under that year's rules
    status_missing  a measure without a status row; a status row with no tick or several
    misspelling     a word of misspellings.MISSPELLINGS, matched as a whole word

The linter reads; it never changes the memo.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from prongsai.imports import mapping as importer
from prongsai.imports.identity import (
    AgencyMention,
    agency_mentions,
    own_agency,
    own_fiscal_year,
    own_province,
)
from prongsai.imports.misspellings import MAX_MISSPELLINGS, find_misspellings
from prongsai.imports.parse import parse_file
from prongsai.ita.framework import available_years, load_framework
from prongsai.ita.rules import ResultRules
from prongsai.memos.model import Memo, Table
from prongsai.thai.digits import ARABIC_DIGITS, THAI_DIGITS, to_arabic_digits, to_thai_digits
from prongsai.thai.provinces import province_by_code, province_by_name

CODES = (
    "mixed_digits",
    "province_code",
    "foreign_agency",
    "year_mismatch",
    "band_mismatch",
    "status_missing",
    "misspelling",
)


@dataclass(frozen=True)
class Finding:
    code: str
    message: str  # Thai
    message_en: str
    excerpt: str
    where: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def lint_file(
    source: str | Path | bytes, filename: str = "", *, agency_name: str = "", province: str = ""
) -> list[Finding]:
    """Parse (ParseError when unreadable) and lint."""
    return lint_memo(parse_file(source, filename), agency_name=agency_name, province=province)


def lint_memo(memo: Memo, *, agency_name: str = "", province: str = "") -> list[Finding]:
    """Every finding, grouped by code and in the order of the text within a code."""
    places = [(where, text) for where, text in memo.iter_text() if text]
    own = _own(memo, agency_name)
    findings: list[Finding] = []
    findings += _mixed_digits(places)
    findings += _province_code(memo, own, province)
    findings += _foreign_agency(places, own)
    fiscal_year = memo.fiscal_year or own_fiscal_year(memo)
    findings += _years(places, fiscal_year)
    findings += _status_missing(memo)
    findings += _misspellings(places)
    return list(dict.fromkeys(findings))


def excerpt(text: str, start: int, end: int, width: int = 24) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    body = re.sub(r"\s+", " ", text[left:right]).strip()
    return ("…" if left else "") + body + ("…" if right < len(text) else "")


def _own(memo: Memo, agency_name: str) -> AgencyMention | None:
    if agency_name:
        given = agency_mentions(agency_name)
        if given:
            return given[0]
    return own_agency(memo)


# ------------------------------------------------------------------ mixed_digits

_NUMBER_RE = re.compile(r"[0-9๐-๙]+(?:[.,:/\-][0-9๐-๙]+)*")


def _mixed_digits(places: list[tuple[str, str]]) -> list[Finding]:
    out = []
    for where, text in places:
        for m in _NUMBER_RE.finditer(text):
            number = m[0]
            if any(c in THAI_DIGITS for c in number) and any(c in ARABIC_DIGITS for c in number):
                out.append(
                    Finding(
                        "mixed_digits",
                        f"ตัวเลข “{number}” เขียนปนกันทั้งเลขไทยและเลขอารบิก "
                        f"ควรเป็น “{to_thai_digits(number)}”",
                        f"the number “{number}” mixes Thai and Arabic digits; "
                        f"write “{to_thai_digits(number)}”",
                        excerpt(text, m.start(), m.end()),
                        where,
                    )
                )
    return out


# ------------------------------------------------------------------ province_code

# No two optional repetitions of spaces side by side (\s*\.?\s*): a long run of spaces
# between them is tried in every split, which is quadratic. Same in _SCORE_RE.
_LETTER_CODE_RE = re.compile(r"^\s*(?P<code>[ก-ฮ]{2})\s*(?:\.\s*)?[0-9๐-๙]")


def _province_code(memo: Memo, own: AgencyMention | None, given: str) -> list[Finding]:
    number = memo.header.document_number
    m = _LETTER_CODE_RE.match(number)
    if m is None:
        return []
    coded = province_by_code(m["code"])
    if coded is None:  # a ministry's code (มท, ศธ ...) says nothing about the province
        return []
    own_name = given or memo.province or own_province(memo, own)
    home = province_by_name(own_name) if own_name else None
    if home is None or home == coded:
        return []
    return [
        Finding(
            "province_code",
            f"ที่ “{number}” ใช้รหัส {coded.letter_code} ของจังหวัด{coded.name_th} "
            f"แต่หน่วยงานอยู่จังหวัด{home.name_th} (รหัส {home.letter_code})",
            f"the document number “{number}” carries {coded.letter_code} ({coded.name_en}); "
            f"the agency is in {home.name_en} ({home.letter_code})",
            number,
            "ที่",
        )
    ]


# ------------------------------------------------------------------ foreign_agency


def _foreign_agency(places: list[tuple[str, str]], own: AgencyMention | None) -> list[Finding]:
    if own is None:
        return []
    out = []
    for where, text in places:
        for mention in agency_mentions(text):
            if mention.same_agency(own):
                continue
            out.append(
                Finding(
                    "foreign_agency",
                    f"ข้อความอ้างถึง{mention.full} ซึ่งไม่ใช่หน่วยงานเจ้าของเอกสาร ({own.full})",
                    f"the text names {mention.full}, not the document's own agency ({own.full})",
                    excerpt(text, mention.start, mention.end),
                    where,
                )
            )
    return out


# ------------------------------------------------------------------ years and bands

_Y = r"(?P<y>[0-9๐-๙]{4})"
_YEAR_RE = re.compile(
    r"(?P<kw>ปีงบประมาณ|ประจำปี|ITA|ปี)\s*(?:ปี\s*)?(?:พ\.\s?ศ\.\s?)?" + _Y + r"(?![0-9๐-๙])"
)
_SCORE_RE = re.compile(
    r"คะแนน(?:รวม|เฉลี่ย|ที่ได้)?\s*(?:(?:เท่ากับ|ได้|=|:)\s*)?"
    r"(?P<score>[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,2})?)(?![0-9๐-๙])"
)
_RESULT_CONTEXT_RE = re.compile(r"ผลการประเมิน|ITA|คะแนน")
_BAND_RE = re.compile(r"ระดับ\s*(?P<band>AA|A|B|C|D|E|F)(?![A-Za-z])")
_RATING_RE = re.compile(
    r"(?:ระดับ|ผล(?:การประเมิน)?|\(|อยู่ใน(?:เกณฑ์)?)\s*"
    r"(?P<rating>ผ่านดีเยี่ยม|ผ่านดี|ไม่ผ่าน|ผ่าน|ต้องปรับปรุงโดยด่วน|ต้องปรับปรุง)"
)
_RESULT_REACH = 160  # a year and the score it introduces, within one sentence
_BAND_REACH = 60  # a score and its band


def _years(places: list[tuple[str, str]], fiscal_year: int | None) -> list[Finding]:
    out = []
    for where, text in places:
        years = [(m, int(to_arabic_digits(m["y"]))) for m in _YEAR_RE.finditer(text)]
        years = [(m, y) for m, y in years if 2400 <= y <= 2700]
        scores = list(_SCORE_RE.finditer(text))
        if fiscal_year is not None:
            out += _year_findings(where, text, years, scores, fiscal_year)
        out += _band_findings(where, text, years, scores, fiscal_year)
    return out


def _cited_result(
    text: str, year_match: re.Match[str], scores: list[re.Match[str]], starts: list[int]
) -> bool:
    """A year followed in the same sentence by a score, in the context of an ITA result.
    The score is found by bisection in `starts` (walking every score was quadratic)."""
    start = year_match.end()
    i = bisect_left(starts, start)
    if i == len(scores) or scores[i].start() > start + _RESULT_REACH:
        return False
    between = text[start : scores[i].start()]
    if _YEAR_RE.search(between):
        return False
    before = text[max(0, year_match.start() - 200) : year_match.start()]
    return bool(_RESULT_CONTEXT_RE.search(before + year_match[0]))


def _year_findings(
    where: str,
    text: str,
    years: list[tuple[re.Match[str], int]],
    scores: list[re.Match[str]],
    fiscal_year: int,
) -> list[Finding]:
    out = []
    starts = [s.start() for s in scores]
    for m, year in years:
        if _cited_result(text, m, scores, starts):
            if year in (fiscal_year - 1, fiscal_year):
                continue
            out.append(
                Finding(
                    "year_mismatch",
                    f"อ้างผลการประเมินของปี {to_thai_digits(str(year))} ในเอกสารปีงบประมาณ "
                    f"{to_thai_digits(str(fiscal_year))} ควรอ้างผลของปี "
                    f"{to_thai_digits(str(fiscal_year - 1))}",
                    f"cites the ITA result of {year} in a document of fiscal year {fiscal_year}; "
                    f"it should cite the {fiscal_year - 1} result",
                    excerpt(text, m.start(), m.end()),
                    where,
                )
            )
        elif m["kw"] == "ปีงบประมาณ" and abs(year - fiscal_year) > 1:
            out.append(
                Finding(
                    "year_mismatch",
                    f"ปีงบประมาณ {to_thai_digits(str(year))} ไม่เข้ากับเอกสารปีงบประมาณ "
                    f"{to_thai_digits(str(fiscal_year))}",
                    f"fiscal year {year} does not fit a document of fiscal year {fiscal_year}",
                    excerpt(text, m.start(), m.end()),
                    where,
                )
            )
    return out


def _band_findings(
    where: str,
    text: str,
    years: list[tuple[re.Match[str], int]],
    scores: list[re.Match[str]],
    fiscal_year: int | None,
) -> list[Finding]:
    out = []
    ends = [m.end() for m, _y in years]  # ascending: the matches do not overlap
    for score_match in scores:
        score = Decimal(to_arabic_digits(score_match["score"]))  # the pattern admits only numbers
        if not 0 <= score <= 100:
            continue
        # The last year cited before the score (the nearest one, whether within
        # _RESULT_REACH or not), found by bisection.
        last = bisect_right(ends, score_match.start()) - 1
        year = years[last][1] if last >= 0 else None
        if year is None and fiscal_year is not None:
            year = fiscal_year - 1
        if year is None:
            continue
        window = text[score_match.end() : score_match.end() + _BAND_REACH]
        next_score = _SCORE_RE.search(window)
        if next_score:
            window = window[: next_score.start()]
        claim = _claim(window)
        if claim is None:
            continue
        problem = band_problem(year, score, claim)
        if problem:
            th, en = problem
            out.append(
                Finding(
                    "band_mismatch",
                    th,
                    en,
                    excerpt(text, score_match.start(), score_match.end() + len(window.rstrip())),
                    where,
                )
            )
    return out


def _claim(window: str) -> str | None:
    m = _BAND_RE.search(window)
    if m:
        return m["band"]
    m = _RATING_RE.search(window)
    return m["rating"] if m else None


# The AA-F bands were first used for fiscal 2562; an earlier year's figures are not judged.
_FIRST_BAND_YEAR = 2562


@dataclass(frozen=True)
class YearRules:
    bands: tuple[tuple[str, Decimal, Decimal], ...]
    pass_threshold: Decimal | None
    ratings: tuple[tuple[str, Decimal, bool], ...]  # label, minimum total, a condition per tool


def rules_for(year: int) -> YearRules | None:
    """The result rules a memo of `year` is judged by (None before 2562), all from the
    frameworks of prongsai.ita.

    Memos keep quoting AA-F bands after 2565 by habit, so a year without bands of its own
    borrows the nearest year's (an earlier one first); likewise the pass threshold. A year
    without a framework of its own takes the rating of the latest framework before it. Each
    tool's condition of a rating cannot be checked from a total alone, so only the total's
    part of each level is.
    """
    if year < _FIRST_BAND_YEAR:
        return None
    known = _framework_rules()
    own = known.get(year)
    bands = _nearest(year, known, lambda r: r.bands)
    threshold = _nearest(year, known, lambda r: r.pass_rule)
    if own is not None:
        ratings = own.ratings
    else:
        earlier = [y for y in known if y < year]
        ratings = known[max(earlier)].ratings if earlier else ()
    return YearRules(
        tuple((b.code, b.minimum, b.maximum) for b in bands or ()),
        threshold.threshold if threshold else None,
        tuple((r.label_th, r.min_total, r.min_each_tool is not None) for r in ratings),
    )


def _framework_rules() -> dict[int, ResultRules]:
    """The result rules of every framework shipped in prongsai.ita, by year."""
    return {year: load_framework(year).rules for year in available_years()}


_Part = TypeVar("_Part")


def _nearest(
    year: int, known: dict[int, ResultRules], part: Callable[[ResultRules], _Part]
) -> _Part | None:
    """`part` of the year's own rules, else of the nearest year that has it (earlier first)."""
    order = sorted(known, key=lambda y: (abs(y - year), y > year))
    return next((part(known[y]) for y in order if part(known[y])), None)


def band_problem(year: int, score: Decimal, claim: str) -> tuple[str, str] | None:
    """(th, en) when `claim` (a band or a rating) cannot go with `score` in `year`."""
    rules = rules_for(year)
    if rules is None:
        return None
    shown = score.quantize(Decimal("0.01"))
    y_th, s_th = to_thai_digits(str(year)), to_thai_digits(str(shown))
    if claim in {b[0] for b in rules.bands}:
        band = next((b[0] for b in rules.bands if b[1] <= shown <= b[2]), None)
        if band is None or band == claim:
            return None
        return (
            f"คะแนน {s_th} อยู่ในระดับ {band} ตามเกณฑ์ปี {y_th} ไม่ใช่ระดับ {claim}",
            f"a score of {shown} is band {band} under the {year} rules, not {claim}",
        )
    expected = _rating_range(rules, claim)
    if expected is None:
        return None
    low, high = expected
    if low <= shown and (high is None or shown < high):
        return None
    return (
        f"คะแนน {s_th} ไม่เข้าเกณฑ์ “{claim}” ของปี {y_th}",
        f"a score of {shown} does not meet “{claim}” under the {year} rules",
    )


def _rating_range(rules: YearRules, claim: str) -> tuple[Decimal, Decimal | None] | None:
    """The totals a rating word allows: [low, high) (high None: no upper limit)."""
    if claim == "ผ่าน" and not rules.ratings and rules.pass_threshold is not None:
        return rules.pass_threshold, None
    if claim == "ไม่ผ่าน" and rules.pass_threshold is not None:
        return Decimal("0"), rules.pass_threshold
    levels = list(rules.ratings)
    for i, (label, minimum, _each_tool) in enumerate(levels):
        if label != claim:
            continue
        # A level above whose only condition is the total caps this one.
        caps = [m for lab, m, each in levels[:i] if not each and m > minimum]
        return minimum, (min(caps) if caps else None)
    if claim in ("ผ่าน", "ผ่านดี", "ผ่านดีเยี่ยม") and rules.pass_threshold is not None:
        return rules.pass_threshold, None
    return None


# ------------------------------------------------------------------ status_missing


def _table_number(memo: Memo, table: Table) -> int:
    """The table's number in iter_text's places ("ตาราง 2 แถว 3 ช่อง 1")."""
    tables = [b for b in memo.body if isinstance(b, Table)]
    return next(i for i, t in enumerate(tables, start=1) if t is table)


def _status_missing(memo: Memo) -> list[Finding]:
    status_tables = memo.tables("status")
    if not status_tables:
        return []
    out = []
    rows = importer.status_rows(memo)
    for row in rows:
        where = f"ตาราง {_table_number(memo, row.table)} แถว {row.row_index + 1}"
        label = excerpt(row.title, 0, 0, width=60) if row.title else f"แถว {row.row_index + 1}"
        if not row.marks:
            out.append(
                Finding(
                    "status_missing",
                    f"แถวสถานะ “{label}” ไม่ได้ทำเครื่องหมายสถานะ",
                    f"the status row “{label}” has no status ticked",
                    label,
                    where,
                )
            )
        elif len(row.marks) > 1:
            out.append(
                Finding(
                    "status_missing",
                    f"แถวสถานะ “{label}” ทำเครื่องหมายมากกว่าหนึ่งช่อง",
                    f"the status row “{label}” has more than one status ticked",
                    label,
                    where,
                )
            )
    measures = importer.measure_table_rows(memo)
    pairs = importer.pair_rows([m.measure for m in measures], rows)
    for measure_row, paired in zip(measures, pairs, strict=True):
        if paired is not None:
            continue
        m = measure_row.measure
        label = excerpt(m.title, 0, 0, width=60)
        where = f"ตาราง {_table_number(memo, measure_row.table)} แถว {measure_row.row_index + 1}"
        number = f"({to_thai_digits(str(m.number))}) " if m.number is not None else ""
        out.append(
            Finding(
                "status_missing",
                f"มาตรการ {number}“{label}” ไม่มีแถวในตารางสถานะการดำเนินการ",
                f"the measure {number}“{label}” has no row in the status table",
                label,
                where,
            )
        )
    return out


# ------------------------------------------------------------------ misspelling


def _misspellings(places: list[tuple[str, str]]) -> list[Finding]:
    out: list[Finding] = []
    for where, text in places:
        if len(out) >= MAX_MISSPELLINGS:
            break
        for m in find_misspellings(text, limit=MAX_MISSPELLINGS - len(out)):
            out.append(
                Finding(
                    "misspelling",
                    f"“{m.wrong}” สะกดผิด ที่ถูกคือ “{m.correct}”",
                    f"“{m.wrong}” is misspelt; write “{m.correct}”",
                    excerpt(text, m.start, m.end),
                    where,
                )
            )
    return out
