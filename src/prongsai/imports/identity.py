"""The document's own identity: the agencies a memo names, and its own agency, province
and fiscal year, read from its head, signature and subject.

    agency_mentions(text) -> [AgencyMention]
    own_agency(memo), own_province(memo), own_fiscal_year(memo), fiscal_year_reading(memo)
    infer_identity(memo)    fills agency_name, province and fiscal_year of a parsed memo

The parsers call infer_identity; the linter compares every agency named with the own one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prongsai.memos.model import Memo, Paragraph
from prongsai.thai.dates import fiscal_year_of
from prongsai.thai.digits import to_arabic_digits
from prongsai.thai.provinces import load_provinces, province_by_name

AGENCY_KINDS = {
    "องค์การบริหารส่วนตำบล": "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด": "องค์การบริหารส่วนจังหวัด",
    "เทศบาลตำบล": "เทศบาลตำบล",
    "เทศบาลเมือง": "เทศบาลเมือง",
    "เทศบาลนคร": "เทศบาลนคร",
    # The head's title names the agency too: นายกเทศมนตรีตำบลอุ่มเม่า → เทศบาลตำบลอุ่มเม่า.
    "เทศมนตรีตำบล": "เทศบาลตำบล",
    "เทศมนตรีเมือง": "เทศบาลเมือง",
    "เทศมนตรีนคร": "เทศบาลนคร",
    "อบต.": "องค์การบริหารส่วนตำบล",
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
    "ทต.": "เทศบาลตำบล",
    "ทม.": "เทศบาลเมือง",
    "ทน.": "เทศบาลนคร",
}
_KIND_ALTERNATION = "|".join(re.escape(k) for k in sorted(AGENCY_KINDS, key=len, reverse=True))
AGENCY_RE = re.compile(rf"(?P<kind>{_KIND_ALTERNATION})\s?(?P<name>[\u0e01-\u0e4e]+)")
# Words that end a place name written without a space before them.
_NAME_STOPS = (
    "อำเภอ",
    "จังหวัด",
    "โทร",
    "ลงวันที่",
    "ประจำปี",
    "ทุกแห่ง",
    "ทั้งหมด",
    "ต่างๆ",
    "ซึ่ง",
    "ได้",
    "และ",
    "ที่",
    "ใน",
    "ของ",
    "เพื่อ",
    "มีค่า",
    "มี",
    "เป็น",
    "จึง",
    "ตาม",
    "ให้",
    "แล้ว",
    "ด้วย",
    "ต่อ",
    "กับ",
    "หรือ",
    "ทุก",
)


@dataclass(frozen=True)
class AgencyMention:
    kind: str  # the full kind, e.g. เทศบาลตำบล
    name: str  # the place name, e.g. อุ่มเม่า
    start: int
    end: int

    @property
    def full(self) -> str:
        return self.kind + self.name

    def same_agency(self, other: AgencyMention) -> bool:
        """Same kind and one name the start of the other (a name run into the next word)."""
        return self.kind == other.kind and (
            self.name.startswith(other.name) or other.name.startswith(self.name)
        )


# Function words that cannot start a place name (เทศบาลตำบลทุกแห่ง, อบต.ของ...); the other
# stops only end a name (ตำบลมีชัย and ตำบลในเมือง are real places).
_LEADING_STOPS = frozenset(
    {"ทุก", "ทุกแห่ง", "ทั้งหมด", "ต่างๆ", "ซึ่ง", "และ", "ของ", "เพื่อ", "จึง", "หรือ", "กับ", "ด้วย"}
)


def _cut_name(name: str) -> str:
    cut = len(name)
    for stop in _NAME_STOPS:
        pos = name.find(stop, 0 if stop in _LEADING_STOPS else 2)
        if pos != -1 and pos < cut:
            cut = pos
    return name[:cut]


def agency_mentions(text: str) -> list[AgencyMention]:
    """Agencies named in the text, abbreviations and heads' titles mapped to full names."""
    found: list[AgencyMention] = []
    for m in AGENCY_RE.finditer(text):
        name = _cut_name(m["name"])
        if len(name) < 2:
            continue
        kind = AGENCY_KINDS[m["kind"]]
        found.append(AgencyMention(kind, name, m.start(), m.start("name") + len(name)))
    return found


def own_agency(memo: Memo) -> AgencyMention | None:
    """The document's own agency: as set by a builder, else from the head, else the signature."""
    sources = [memo.agency_name, memo.header.department, memo.header.addressee]
    for signature in (memo.signature, memo.approval):
        if signature:
            sources.append(signature.position)
    for text in sources:
        mentions = agency_mentions(text or "")
        if mentions:
            return mentions[0]
    return None


_PROVINCE_AFTER_RE = re.compile(
    r"\s*(?:อำเภอ\s?[\u0e01-\u0e4e]+\s*)?จังหวัด\s?(?P<p>[\u0e01-\u0e4e]+)"
)
_ANY_PROVINCE_RE = re.compile(r"จังหวัด\s?(?P<p>[\u0e01-\u0e4e]+)")
_LONGEST_PROVINCE = max(len(p.name_th) for p in load_provinces())


def _province_name(raw: str) -> str:
    """The longest province name at the start of `raw` (names may run into the next word)."""
    # Only as far as the longest name: trying every prefix of a long run was quadratic.
    for end in range(min(len(raw), _LONGEST_PROVINCE), 1, -1):
        province = province_by_name(raw[:end])
        if province is not None:
            return province.name_th
    return ""


def own_province(memo: Memo, own: AgencyMention | None = None) -> str:
    """The province written after the agency's own name ("... อำเภอยางตลาด จังหวัดกาฬสินธุ์")."""
    own = own or own_agency(memo)
    texts = [text for _, text in memo.iter_text()]
    if own is not None:
        for text in texts:
            for mention in agency_mentions(text):
                if not mention.same_agency(own):
                    continue
                m = _PROVINCE_AFTER_RE.match(text, mention.end)
                if m and (name := _province_name(m["p"])):
                    return name
    for text in (memo.header.department, memo.signature.position if memo.signature else ""):
        for m in _ANY_PROVINCE_RE.finditer(text):
            if name := _province_name(m["p"]):
                return name
    return ""


_FISCAL_YEAR_RE = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s?ศ\.\s*)?(?P<y>[0-9๐-๙]{4})(?![0-9๐-๙])")
# In the body "ในปี พ.ศ. ๒๕๖๕" names the year as well as "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕".
_BODY_YEAR_RE = re.compile(
    r"ปี(?:งบประมาณ\s*(?:พ\.\s?ศ\.\s*)?|\s*พ\.\s?ศ\.\s*)(?P<y>[0-9๐-๙]{4})(?![0-9๐-๙])"
)
# A score ("๘๕.๔๓ คะแนน", "เท่ากับ ๘๒.๔๘") after a year: the year of a result cited, not
# the year the memo is about ("ผลการประเมิน ... ปี ๒๕๖๔ ... มีค่าคะแนนเท่ากับ ๘๕.๔๓").
_SCORE_RE = re.compile(r"[0-9๐-๙]{1,3}[.][0-9๐-๙]{1,2}")
_CITED_REACH = 160

#: Where the fiscal year of a memo was read, in the order they are tried.
YEAR_SOURCES = ("subject", "body", "table", "date")


def _year(raw: str) -> int | None:
    year = int(to_arabic_digits(raw))
    return year if 2400 <= year <= 2700 else None


def _body_years(text: str) -> list[int]:
    """The fiscal years a text names, without those of ITA results it cites."""
    years = []
    matches = list(_BODY_YEAR_RE.finditer(text))
    for i, m in enumerate(matches):
        year = _year(m["y"])
        if year is None:
            continue
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        after = text[m.end() : min(stop, m.end() + _CITED_REACH)]
        before = text[max(0, m.start() - 200) : m.start()]
        if _SCORE_RE.search(after) and "ผลการประเมิน" in before:
            continue
        years.append(year)
    return years


def _most_named(years: list[int]) -> int | None:
    """The year named most often; of equally frequent ones the latest."""
    if not years:
        return None
    return max(set(years), key=lambda y: (years.count(y), y))


def fiscal_year_reading(memo: Memo) -> tuple[int | None, str]:
    """The fiscal year a memo is about and where it was read (one of YEAR_SOURCES, or "").

    The memo's own words come first: its subject ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"), then its
    paragraphs, then its tables' headings; the date only when none names a year, since a
    memo about one year may be dated in the next (a report made after the year closed).
    """
    if m := _FISCAL_YEAR_RE.search(memo.header.subject):
        if (year := _year(m["y"])) is not None:
            return year, "subject"
    paragraphs = [b.text for b in memo.body if isinstance(b, Paragraph)]
    if (year := _most_named([y for t in paragraphs for y in _body_years(t)])) is not None:
        return year, "body"
    headings = [
        cell.text for table in memo.tables() for row in table.header_rows() for cell in row.cells
    ]
    if (year := _most_named([y for t in headings for y in _body_years(t)])) is not None:
        return year, "table"
    if memo.header.date is not None:
        return fiscal_year_of(memo.header.date), "date"
    return None, ""


def own_fiscal_year(memo: Memo) -> int | None:
    """The year of the subject, else that of the date: what the linter holds the years a
    memo names against when it was not read from a file (the body cannot be its own
    measure there)."""
    if m := _FISCAL_YEAR_RE.search(memo.header.subject):
        if (year := _year(m["y"])) is not None:
            return year
    return fiscal_year_of(memo.header.date) if memo.header.date is not None else None


def infer_identity(memo: Memo) -> None:
    """Fill agency_name, province and fiscal_year of a parsed memo from its own text."""
    own = own_agency(memo)
    if own is not None and not memo.agency_name:
        memo.agency_name = own.full
    if not memo.province:
        memo.province = own_province(memo, own)
    if memo.fiscal_year is None:
        memo.fiscal_year = fiscal_year_reading(memo)[0]
