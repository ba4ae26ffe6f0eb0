"""Fixtures of the memo tests: the demo agency's memos, and readers of rendered PDFs."""

import re

import pytest
from pythainlp.tokenize import word_tokenize

from prongsai.memos.linecheck import page_lines

THAI = re.compile(r"[\u0E00-\u0E7F]")


def pdf_pages(pdf: bytes) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Every page's text lines with their boxes (left, bottom, right, top), via PDFium."""
    return page_lines(pdf)


def wrapped_lines(pages):
    """Pairs (line, next line) where the text wraps: the next line starts right below the
    line and overlaps it horizontally (so two cells side by side never form a pair)."""
    for lines in pages:
        for (first, b1), (second, b2) in zip(lines, lines[1:], strict=False):
            height = b1[3] - b1[1]
            drop = b1[1] - b2[1]
            overlap = min(b1[2], b2[2]) - max(b1[0], b2[0])
            if 0 < drop < 2.5 * max(height, 10) and overlap > 0:
                yield first, second


def is_word_boundary(left: str, right: str) -> bool:
    """PyThaiNLP newmm over left+right puts a word boundary exactly at the join point."""
    pos = 0
    for word in word_tokenize(left + right, engine="newmm"):
        pos += len(word)
        if pos == len(left):
            return True
        if pos > len(left):
            return False
    return False


def breaks_inside_words(pdf: bytes) -> tuple[int, list[tuple[str, str]]]:
    """(number of Thai–Thai line wraps, the wraps that fall inside a word)."""
    count, bad = 0, []
    for first, second in wrapped_lines(pdf_pages(pdf)):
        left, right = first.rstrip(), second.lstrip()
        if left and right and THAI.match(left[-1]) and THAI.match(right[0]):
            count += 1
            if not is_word_boundary(left, right):
                bad.append((left, right))
    return count, bad


def squeeze(text: str) -> str:
    """Whitespace normalised away: a cell's text wraps differently than it is stored."""
    return "".join(text.split())


def split_over_pages(wanted: str, pages: list[str]) -> bool:
    """`wanted` (squeezed) read as a head at one page and its rest on the next page: the
    text of a table cell whose row is split over a page break."""
    for page, following in zip(pages, pages[1:], strict=False):
        for k in range(1, len(wanted)):
            if wanted[:k] in page and wanted[k:] in following:
                return True
    return False


@pytest.fixture
def pdf_reader():
    """Helpers for reading a PDF back (functions, so test modules need not import them)."""

    class Reader:
        pages = staticmethod(pdf_pages)
        wraps = staticmethod(wrapped_lines)
        breaks_inside_words = staticmethod(breaks_inside_words)
        is_word_boundary = staticmethod(is_word_boundary)
        squeeze = staticmethod(squeeze)
        split_over_pages = staticmethod(split_over_pages)

    return Reader
