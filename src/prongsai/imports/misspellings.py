"""Frequent misspellings in Thai official writing, matched as whole words.

Every pair is (wrong form, correct form). The correct form is the headword of the Royal
Institute Dictionary (พจนานุกรม ฉบับราชบัณฑิตยสถาน พ.ศ. ๒๕๕๔, https://dictionary.orst.go.th/)
or, for English loanwords, the Royal Institute's transliteration (หลักเกณฑ์การทับศัพท์
ภาษาอังกฤษ, สำนักงานราชบัณฑิตยสภา). The source that lists the wrong form as a frequent error is
given per pair:

    WB    th.wikibooks.org/wiki/ภาษาไทย/ภาคผนวก/คำที่มักเขียนผิด (list sorted by correct form,
          citing the Royal Institute Dictionary)
    RIT   the Royal Institute's transliteration of internet/website as อินเทอร์เน็ต/เว็บไซต์,
          explained at bbl-dltv-dlit-cm1.blogspot.com/2012/06/blog-post.html; IT loanwords
          often misspelt: iok2u.com/article/information-technology/2018-12-01-20-40-21
    UNIQ  uniqueacc.com/wp/?p=1341 ("คำเขียนผิดบ่อย": อนุญาติ, ทะยอย, กฏหมาย)
    PANT  pantip.com/topic/37610313 (อนุญาติ, สังเกตุ as the two most frequent errors)
    DEKD  dek-d.com/content/education/31497/ (50 คำที่คนไทยมักเขียนผิด)
    EEC   eec.in.th/article/9 (28 คำภาษาไทยที่สะกดผิด: โควต้า)
    TSM   golf.thailandsportmagazine.com "รวมคำศัพท์ที่คนไทยมักเขียนผิด" (150 words checked
          against dictionary.orst.go.th: สังเกต, เซ็นชื่อ, ...)
    SEED  the Word memo of an LAO this project starts from (tests/data/seed-ummao-2565.txt)

"Whole word" means the wrong form is one token when the text around it is segmented with
PyThaiNLP's newmm and a dictionary holding both forms, so that a correct longer word that
contains a wrong form (สังสรรค์ ⊃ สังสรร) does not fire.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

MISSPELLINGS: dict[str, str] = {
    # Loanwords (RIT): the most frequent errors on LAO websites and memos.
    "เว็ปไซด์": "เว็บไซต์",  # RIT, SEED
    "เว็ปไซต์": "เว็บไซต์",  # RIT
    "เว็บไซด์": "เว็บไซต์",  # RIT
    "เวปไซต์": "เว็บไซต์",  # RIT
    "เวปไซด์": "เว็บไซต์",  # RIT
    "เว็ปไซท์": "เว็บไซต์",  # RIT
    "อินเตอร์เน็ต": "อินเทอร์เน็ต",  # RIT
    "อีเมล์": "อีเมล",  # RIT
    "แอปพลิเคชั่น": "แอปพลิเคชัน",  # RIT (iok2u)
    "แอพพลิเคชั่น": "แอปพลิเคชัน",  # RIT (iok2u)
    "เฟสบุ๊ค": "เฟซบุ๊ก",  # RIT
    "เฟซบุ๊ค": "เฟซบุ๊ก",  # RIT
    "คลิ๊ก": "คลิก",  # RIT
    "โควต้า": "โควตา",  # EEC
    # ฎ ชฎา and ฏ ปฏัก (WB: "กฎ ทุกอย่างใช้ ฎ ชฎา ยกเว้น ปรากฏ ใช้ ฏ ปฏัก").
    "ปฎิบัติ": "ปฏิบัติ",  # WB, SEED
    "ปฎิทิน": "ปฏิทิน",  # WB (ฎ/ฏ rule)
    "ปฎิรูป": "ปฏิรูป",  # WB (ฎ/ฏ rule)
    "ปฎิเสธ": "ปฏิเสธ",  # WB (ฎ/ฏ rule)
    "ปรากฎ": "ปรากฏ",  # WB
    "กฏหมาย": "กฎหมาย",  # WB, UNIQ
    "กฏเกณฑ์": "กฎเกณฑ์",  # WB, UNIQ
    "กฏระเบียบ": "กฎระเบียบ",  # WB
    # Final consonants and vowels.
    "อนุญาติ": "อนุญาต",  # UNIQ, PANT
    "สังเกตุ": "สังเกต",  # PANT, TSM
    "โอกาศ": "โอกาส",  # WB
    "มาตราฐาน": "มาตรฐาน",  # WB
    "ลายเซ็นต์": "ลายเซ็น",  # WB, DEKD
    "เซ็นต์ชื่อ": "เซ็นชื่อ",  # TSM
    "ผาสุข": "ผาสุก",  # WB
    "อุปสรรค์": "อุปสรรค",  # WB
    "ผูกพันธ์": "ผูกพัน",  # WB
    "สัญญลักษณ์": "สัญลักษณ์",  # WB
    "ประสพการณ์": "ประสบการณ์",  # WB
    "ศักภาพ": "ศักยภาพ",  # WB
    "บุคคลากร": "บุคลากร",  # WB
    "คำนวน": "คำนวณ",  # WB
    "ผลลัพท์": "ผลลัพธ์",  # WB
    "ภาพยนต์": "ภาพยนตร์",  # WB
    "สังสรร": "สังสรรค์",  # WB
    "ทรัพยากรณ์": "ทรัพยากร",  # WB
    "กระทันหัน": "กะทันหัน",  # WB, DEKD
    "ทะยอย": "ทยอย",  # UNIQ
    "สัมนา": "สัมมนา",  # WB
    "ครุภันฑ์": "ครุภัณฑ์",  # WB
    "บำเหน็ด": "บำเหน็จ",  # WB
    "ยุทธศาตร์": "ยุทธศาสตร์",  # WB
    "เกียรติบัติ": "เกียรติบัตร",  # WB
    "ประณีประนอม": "ประนีประนอม",  # WB
    "ศรีษะ": "ศีรษะ",  # WB, DEKD
    "อนุเสาวรีย์": "อนุสาวรีย์",  # WB
    "จราจล": "จลาจล",  # WB
    "ดำริห์": "ดำริ",  # WB
    "สาธารณูประโภค": "สาธารณูปโภค",  # WB
    "อานิสงฆ์": "อานิสงส์",  # WB
    "รสชาด": "รสชาติ",  # WB, DEKD
}

_WRONG_RE = re.compile("|".join(re.escape(w) for w in sorted(MISSPELLINGS, key=len, reverse=True)))
_CONTEXT = 60
# Each match is confirmed by segmenting the words around it (about a millisecond): a file
# full of misspellings is reported up to this many, not segmented for minutes.
MAX_MISSPELLINGS = 100


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    wrong: str
    correct: str


def find_misspellings(text: str, limit: int | None = None) -> list[Misspelling]:
    """Whole-word occurrences of a listed wrong form in `text` (the first `limit` of them)."""
    found: list[Misspelling] = []
    for match in _WRONG_RE.finditer(text):
        if limit is not None and len(found) >= limit:
            break
        if _is_whole_word(text, match.start(), match.end()):
            found.append(Misspelling(match.start(), match.end(), match[0], MISSPELLINGS[match[0]]))
    return found


def _chunk(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of non-space text around [start, end), at most _CONTEXT chars each side."""
    left = start
    while left > 0 and start - left < _CONTEXT and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and right - end < _CONTEXT and not text[right].isspace():
        right += 1
    return left, right


def _is_whole_word(text: str, start: int, end: int) -> bool:
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie

    left, right = _chunk(text, start, end)
    chunk = text[left:right]
    words = _local_words(chunk)
    tokens = word_tokenize(chunk, custom_dict=Trie(words), engine="newmm", keep_whitespace=True)
    position = left
    for token in tokens:
        if position == start and position + len(token) == end:
            return True
        position += len(token)
    return False


def _local_words(chunk: str) -> set[str]:
    """The dictionary words that occur in `chunk`, plus both forms of every pair.

    newmm only ever uses words that occur in the text, so this small dictionary segments
    the chunk exactly as the whole one would, without building a 60,000-word trie.
    """
    index, singles = _dictionary_index()
    words = set(singles) | set(MISSPELLINGS) | set(MISSPELLINGS.values())
    for i in range(len(chunk) - 1):
        for word in index.get(chunk[i : i + 2], ()):
            if chunk.startswith(word, i):
                words.add(word)
    return words


@functools.cache
def _dictionary_index() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """PyThaiNLP's word list indexed by first two characters (built once, ~50 ms)."""
    from pythainlp.corpus import thai_words

    index: dict[str, list[str]] = defaultdict(list)
    singles = set()
    for word in thai_words():
        if len(word) < 2:
            singles.add(word)
        else:
            index[word[:2]].append(word)
    return {k: tuple(v) for k, v in index.items()}, frozenset(singles)
