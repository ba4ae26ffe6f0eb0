"""Where a line should not break although it may: the phrase rules of the PDF's word boxes.

newmm cuts text into dictionary words, and a line may break between any two of them. Many
of those places are weak: a bound prefix torn from the word it forms ("ด้วยความ|ซื่อสัตย์"),
a compound split in two ("ไม่เลือก|ปฏิบัติ", "ผู้รับ|บริการ"), a reference torn from its
number ("ข้อ|O31") or a number from its unit ("๘๕.๕๐|คะแนน"). `join_phrases` glues such
pieces into one piece (one box in the PDF), so lines break between phrases instead, as a
careful typist breaks them by hand.

A glued phrase never grows past `max_cells` characters on the line (marks above and below
the line take no room): a long unbreakable box would overflow a narrow table column or
stretch the gaps of a justified line, so a longer phrase is left breakable where it is long.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Bound prefixes (คำอุปสรรค and the like): a word that forms a new word with the one after
# it, so a break right after it splits the compound ("การ|ประเมิน", "ความ|โปร่งใส").
BOUND_PREFIXES = frozenset(
    {
        "การ",
        "ความ",
        "ผู้",
        "นัก",
        "ไม่",
        "ผู้รับ",
        "ผู้ให้",
        "ผู้มี",
        "ผู้ถือ",
        "ผู้ใช้",
        "ผู้ทรง",
        "เจ้า",
        "ชาว",
        "สื่อ",
        "ช่อง",
        "ศูนย์",
        "ส่วน",
    }
)
# "ผล" forms a phrase with a following การ…/ความ… ("ผลการประเมิน"), not with every word.
_PREFIX_BEFORE = {"ผล": ("การ", "ความ", "งาน"), "แนว": ("ทาง",), "ข้อ": ("มูล", "เสนอ", "ร้องเรียน")}
# Compounds newmm's dictionary cuts in two or more words (the memos' own vocabulary).
COMPOUNDS = frozenset(
    {
        "ผู้รับบริการ",
        "ผู้มาติดต่อ",
        "เลือกปฏิบัติ",
        "สังคมออนไลน์",
        "สื่อสังคมออนไลน์",
        "ส่วนได้ส่วนเสีย",
        "ผลประโยชน์ทับซ้อน",
        "ประโยชน์ทับซ้อน",
        "จัดซื้อจัดจ้าง",
        "เว็บไซต์หลัก",
        "สาธารณประโยชน์",
        "ทุจริตคอร์รัปชัน",
        "ประพฤติมิชอบ",
        "ปฏิบัติหน้าที่",
    }
)
_COMPOUND_PREFIXES = frozenset(c[:i] for c in COMPOUNDS for i in range(1, len(c) + 1))
# Words that name a numbered thing: they stay with the number or code after them.
REFERENCE_WORDS = frozenset(
    {
        "ข้อ",
        "ข้อที่",
        "ร้อยละ",
        "มาตรา",
        "หมวด",
        "หมวดที่",
        "ครั้งที่",
        "ลำดับที่",
        "ฉบับที่",
        "ตัวชี้วัดที่",
        "ระดับ",
        "ที่",
        "เลขที่",
        "หน้า",
        "ปี",
        "พ.ศ.",
        "ณ",
    }
)
MONTHS = frozenset(
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม"
    " พฤศจิกายน ธันวาคม ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split()
)
# Units that follow a number ("๘๕.๕๐ คะแนน", "๓ ราย", "๓๑ มีนาคม").
UNITS = (
    frozenset(
        "คะแนน บาท คน ราย วัน เดือน ปี ครั้ง เรื่อง ข้อ ชั่วโมง นาที แห่ง โครงการ มาตรการ"
        " ประเด็น ตัวชี้วัด หน่วยงาน ช่องทาง ฉบับ หน้า เปอร์เซ็นต์ %".split()
    )
    | MONTHS
)
_NUMBER = re.compile(r"[0-9๐-๙]+(?:[.,:/][0-9๐-๙]+)*")
_CODE = re.compile(r"[A-Za-z]{1,3}[0-9๐-๙]+(?:\.[0-9๐-๙]+)*|[0-9๐-๙]+(?:[.,:/][0-9๐-๙]+)*")
_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9๐-๙.,:/]+")

#: Phrases in a body paragraph stay within this many characters (about 4.5 cm at 16 pt,
#: under a third of the line, so a justified line never has to stretch much).
BODY_MAX_CELLS = 20


def cells(text: str) -> int:
    """Characters that take room on the line (Thai marks above and below take none)."""
    return len(text) - len(_MARKS.findall(text))


def _glued(group: str, last: str, space: bool, nxt: str) -> bool:
    """Whether `nxt` belongs to the phrase ending in the word `last` (`space` between)."""
    number = _NUMBER.fullmatch(nxt) is not None
    if last in REFERENCE_WORDS and _CODE.fullmatch(nxt):
        return True
    if _NUMBER.fullmatch(last) and nxt in UNITS:
        return True
    if last in MONTHS and number:
        return True  # "๓๑ มีนาคม ๒๕๖๕": a date reads as one
    if space:
        return False
    if not _is_thai_word(nxt):
        return False
    if last in BOUND_PREFIXES:
        return True
    if any(nxt.startswith(p) for p in _PREFIX_BEFORE.get(last, ())):
        return True
    return (last + nxt) in _COMPOUND_PREFIXES or (group + nxt) in _COMPOUND_PREFIXES


def _is_thai_word(piece: str) -> bool:
    return bool(piece) and ("\u0e01" <= piece[0] <= "\u0e2e" or "\u0e40" <= piece[0] <= "\u0e44")


def _merge_codes(pieces: Sequence[str]) -> list[str]:
    """newmm gives "O31" as "O", "31": a code's letters and digits as one piece."""
    out: list[str] = []
    for piece in pieces:
        if out and _LATIN_OR_DIGIT.fullmatch(piece) and _CODE.fullmatch(out[-1] + piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def join_phrases(pieces: Sequence[str], max_cells: int = BODY_MAX_CELLS) -> list[str]:
    """`pieces` (words and spaces of one line) with each phrase glued into one piece.

    The text is unchanged: "".join(result) == "".join(pieces).
    """
    pieces = _merge_codes(pieces)
    out: list[str] = []
    last = ""  # the last word of out[-1]; "" when out[-1] cannot grow
    i, n = 0, len(pieces)
    while i < n:
        piece = pieces[i]
        if last:
            # The next word, right after the phrase or after one plain space.
            space, j = (piece, i + 1) if piece.isspace() else ("", i)
            nxt = pieces[j] if j < n else ""
            if (
                space in ("", " ")
                and nxt
                and not nxt.isspace()
                and _glued(out[-1], last, bool(space), nxt)
                and cells(out[-1] + space + nxt) <= max_cells
            ):
                out[-1] += space + nxt
                last = nxt
                i = j + 1
                continue
        out.append(piece)
        last = "" if piece.isspace() else piece
        i += 1
    return out
