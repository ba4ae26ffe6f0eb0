"""Thai word segmentation for layout: where a line of the PDF may break.

Typst's own Thai line breaking splits words at syllables (รับผิด|ชอบ, ภาย|ใน). So the PDF
renderer cuts every text into words here
with PyThaiNLP's newmm dictionary and puts each Thai word in an unbreakable box: lines
then break only between words. Abbreviations (พ.ศ., ป.ป.ช.) stay one box, and the
repetition marks ๆ/ฯ stay with the word before them ("อื่น ๆ" never starts a line with ๆ).

Between words, the phrase rules of prongsai.memos.phrases keep together what a line should
not split (a bound prefix and its word, a reference and its number, a number and its unit):
each such phrase is one box.

Tokens: a `str` is one Thai word (boxed); a one-element `list` is plain text that Typst may
break by its own rules (spaces, Latin words, URLs, punctuation).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable

from prongsai.memos.phrases import BODY_MAX_CELLS, join_phrases

Token = str | list[str]

_THAI = re.compile(r"[\u0E00-\u0E7F]")
# พ.ศ. / ป.ป.ช.: letters and dots taken as one unit before the segmenter runs; an era
# abbreviation keeps its year ("พ.ศ. ๒๕๖๕" is never split over two lines).
_ABBREVIATION = re.compile(r"(?:พ\.ศ\.|ค\.ศ\.)\s?[0-9๐-๙]+|(?:[ก-ฮ]{1,3}\.){2,}")
_REPEAT_MARKS = frozenset({"ๆ", "ฯ", "ฯลฯ"})

#: False: lines may break between any two words, as before the phrase rules (for measuring).
PHRASE_RULES = True

_lock = threading.Lock()
_tokenize: Callable[[str], list[str]] | None = None


def _tokenizer() -> Callable[[str], list[str]]:
    """newmm, loaded once per process (its dictionary takes about 0.3 s to load)."""
    global _tokenize
    if _tokenize is None:
        with _lock:
            if _tokenize is None:
                from pythainlp.tokenize import word_tokenize

                def tokenize(text: str) -> list[str]:
                    return list(word_tokenize(text, engine="newmm", keep_whitespace=True))

                tokenize("ทดสอบ")  # loads the dictionary now, not in the middle of a render
                _tokenize = tokenize
    return _tokenize


def split_words(text: str) -> list[str]:
    """The words and spaces of `text`, abbreviations kept whole: the pieces of a line."""
    pieces: list[str] = []
    pos = 0
    for match in _ABBREVIATION.finditer(text):
        if match.start() > pos:
            pieces.extend(_bounded_tokenize(text[pos : match.start()]))
        pieces.append(match.group())
        pos = match.end()
    if pos < len(text):
        pieces.extend(_bounded_tokenize(text[pos:]))
    return [p for p in pieces if p]


# newmm's time grows with the square of a run it cannot split (100,000 digits took minutes),
# so it is never given more than _CHUNK characters at once. Real text is cut only where a
# run of spaces starts (not before ๆ/ฯ, which go with the word before them), so its words
# are found exactly as in one call; only a run of more than _CHUNK characters without a
# space, which no memo has, is cut further.
_CHUNK = 500
_SPACE_RUN = re.compile(r"(?<![ \t])[ \t]++(?![ๆฯ])")
_THAI_LETTERS = re.compile(r"[\u0e01-\u0e4e]+|[^\u0e01-\u0e4e]+")


def _bounded_tokenize(text: str) -> list[str]:
    tokenize = _tokenizer()
    if len(text) <= _CHUNK:
        return tokenize(text)
    out: list[str] = []
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > _CHUNK:
            cuts = [m.start() for m in _SPACE_RUN.finditer(text, start + 1, start + _CHUNK + 1)]
            if cuts:
                end = cuts[-1]
            elif later := _SPACE_RUN.search(text, start + _CHUNK + 1):
                end = later.start()
        if end - start <= _CHUNK:
            out.extend(tokenize(text[start:end]))
        else:
            out.extend(_unspaced_run_tokens(text[start:end], tokenize))
        start = end
    return out


def _unspaced_run_tokens(run: str, tokenize: Callable[[str], list[str]]) -> list[str]:
    """A long run without spaces: Thai letters segmented _CHUNK at a time, anything else
    (digits, Latin, punctuation) one plain piece each, as newmm would give them."""
    out: list[str] = []
    for match in _THAI_LETTERS.finditer(run):
        piece = match.group()
        if "\u0e01" <= piece[0] <= "\u0e4e":
            for i in range(0, len(piece), _CHUNK):
                out.extend(tokenize(piece[i : i + _CHUNK]))
        else:
            out.append(piece)
    return out


def is_thai(text: str) -> bool:
    return _THAI.search(text) is not None


@functools.lru_cache(maxsize=4096)
def _line_tokens(line: str, max_cells: int) -> tuple[Token, ...]:
    # A plain run is kept as the list of its pieces and joined once at the end: adding each
    # piece to a growing string made a line of 100,000 "a " quadratic.
    out: list[str | list[str]] = []
    pieces = split_words(line)
    if max_cells:
        pieces = join_phrases(pieces, max_cells)
    for piece in pieces:
        if piece.isspace():
            piece = " "
        stripped = piece.strip()
        if stripped in _REPEAT_MARKS and out:
            # Glue ๆ/ฯ (and a space before it) to the previous word.
            prev = _text(out.pop())
            if prev.isspace() and out:
                out.append(_text(out.pop()) + prev + stripped)
            else:
                out.append(prev + stripped)
            continue
        if is_thai(piece):
            out.append(piece)
        elif out and isinstance(out[-1], list):
            out[-1].append(piece)  # plain runs merged: Typst breaks them itself
        else:
            out.append([piece])
    return tuple(t if isinstance(t, str) else [_text(t)] for t in out)


def _text(token: str | list[str]) -> str:
    return token if isinstance(token, str) else "".join(token)


def line_tokens(line: str, max_cells: int = BODY_MAX_CELLS) -> list[Token]:
    """Tokens of one line of text (no newlines); phrases up to `max_cells` characters."""
    limit = max_cells if PHRASE_RULES else 0
    return [list(t) if isinstance(t, list) else t for t in _line_tokens(line, limit)]


def text_tokens(text: str, max_cells: int = BODY_MAX_CELLS) -> list[list[Token]]:
    """Tokens of each line of a text whose lines are separated by "\\n"."""
    return [line_tokens(line, max_cells) for line in text.split("\n")]


def first_words(text: str, min_chars: int = 4) -> str:
    """The first word(s) of `text` with at least `min_chars` letters: the catchword.

    "ผลการประเมินคุณธรรม…" → "ผลการประเมิน"; "(๔) ผู้บริหาร…" → "(๔) ผู้บริหาร".
    """
    out = ""
    letters = 0
    for piece in split_words(" ".join(text.split())):
        if piece.isspace():
            if out:
                out += " "
            continue
        out += piece
        letters += sum(ch.isalpha() for ch in piece)
        if letters >= min_chars:
            break
    return out.strip()


def is_word_boundary(left: str, right: str) -> bool:
    """True when joining `left` and `right` puts a word boundary at the join point."""
    joined = left + right
    pos = 0
    cut = len(left)
    for piece in split_words(joined):
        pos += len(piece)
        if pos == cut:
            return True
        if pos > cut:
            return False
    return cut == 0
