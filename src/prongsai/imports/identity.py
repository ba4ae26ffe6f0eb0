"""The document's own identity: the agencies a memo names, and its own agency, province
and fiscal year, read from its head, signature and subject.

    agency_mentions(text) -> [AgencyMention]
    own_agency(memo), own_province(memo), own_fiscal_year(memo)
    infer_identity(memo)    fills agency_name, province and fiscal_year of a parsed memo

The parsers call infer_identity; the linter compares every agency named with the own one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prongsai.memos.model import Memo
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


_FISCAL_YEAR_RE = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s?ศ\.\s*)?(?P<y>[0-9๐-๙]{4})")


def own_fiscal_year(memo: Memo) -> int | None:
    """The fiscal year of the subject ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"), else that of the date."""
    if m := _FISCAL_YEAR_RE.search(memo.header.subject):
        year = int(to_arabic_digits(m["y"]))
        if 2400 <= year <= 2700:
            return year
    if memo.header.date is not None:
        return fiscal_year_of(memo.header.date)
    return None


def infer_identity(memo: Memo) -> None:
    """Fill agency_name, province and fiscal_year of a parsed memo from its own text."""
    own = own_agency(memo)
    if own is not None and not memo.agency_name:
        memo.agency_name = own.full
    if not memo.province:
        memo.province = own_province(memo, own)
    if memo.fiscal_year is None:
        memo.fiscal_year = own_fiscal_year(memo)
