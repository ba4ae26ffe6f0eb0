"""Reading a rendered PDF's lines back: where its lines wrap, and which wraps are weak.

A weak wrap is a line end that splits what the phrase rules (prongsai.memos.phrases) keep
together: "ผู้รับ|บริการ", "ด้วยความ|ซื่อสัตย์", "ข้อ|O31". The renderer's tests and
bench/bench_render.py count them on the generated memos, with and without the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prongsai.memos.phrases import join_phrases
from prongsai.memos.wordbreak import split_words

Box = tuple[float, float, float, float]
_CONTEXT = 40
_LATIN = re.compile(r"[A-Za-z0-9]")


def page_lines(pdf: bytes) -> list[list[tuple[str, Box]]]:
    """Every page's text lines with their boxes (left, bottom, right, top), via PDFium."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for page in doc:
            textpage = page.get_textpage()
            count = textpage.count_chars()
            text = textpage.get_text_range(0, count)
            spans, start = [], 0
            for match in re.finditer(r"\r\n|\n", text):
                spans.append((start, match.start()))
                start = match.end()
            spans.append((start, count))
            lines = []
            for a, b in spans:
                boxes = [textpage.get_charbox(i) for i in range(a, b) if not text[i].isspace()]
                if boxes:
                    box = (
                        min(x[0] for x in boxes),
                        min(x[1] for x in boxes),
                        max(x[2] for x in boxes),
                        max(x[3] for x in boxes),
                    )
                    lines.append((text[a:b], box))
            textpage.close()
            page.close()
            pages.append(lines)
    finally:
        doc.close()
    return pages


def wraps(pdf: bytes) -> Iterator[tuple[str, str]]:
    """(line, next line) where the text wraps: the next line starts right below the line
    and overlaps it horizontally (two cells side by side never form a pair)."""
    for lines in page_lines(pdf):
        for (first, b1), (second, b2) in zip(lines, lines[1:], strict=False):
            height = b1[3] - b1[1]
            drop = b1[1] - b2[1]
            overlap = min(b1[2], b2[2]) - max(b1[0], b2[0])
            if 0 < drop < 2.5 * max(height, 10) and overlap > 0:
                yield first, second


def splits_phrase(left: str, right: str) -> bool:
    """True when a line ending in `left` and going on with `right` splits a phrase."""
    left, right = left.rstrip()[-_CONTEXT:], right.lstrip()[:_CONTEXT]
    if not left or not right:
        return False
    # A wrap between two Latin words or numbers was at a space (Thai words have none).
    joined = left + (" " if _LATIN.match(left[-1]) or _LATIN.match(right[0]) else "") + right
    cut = len(left)
    words = split_words(joined)
    ends = set()
    pos = 0
    for piece in words:
        pos += len(piece)
        ends.add(pos)
    if cut not in ends:
        return False  # inside a word: not a phrase matter (0 such breaks, tested apart)
    pos = 0
    for piece in join_phrases(words, max_cells=10_000):
        start, pos = pos, pos + len(piece)
        if pos >= cut:
            return start < cut < pos
    return False


def weak_breaks(pdf: bytes) -> list[tuple[str, str]]:
    """The wraps of `pdf` that split a phrase (line end, next line start)."""
    return [(a.rstrip(), b.lstrip()) for a, b in wraps(pdf) if splits_phrase(a, b)]
