"""Cleaning of text typed or imported by people.

`clean_text` is the one cleaning every service applies before it stores free text
(measures, status notes, complaints and replies, report comments, ITA notes, division
names): what it removes is invisible or changes how the text around it is shown, never a
character a reader sees.

- C0 and C1 control characters (vertical tab and form feed too) and DEL are dropped; a
  multi-line text keeps its line feeds and tabs (CR LF, CR, NEL and the Unicode line and
  paragraph separators become one line feed), a one-line text gets a space for each.
- Format characters (Unicode category Cf) are dropped: the bidi embeddings, overrides,
  isolates and marks ("\\u202egpj.exe" shows as "exe.jpg"), zero-width space, word joiner,
  BOM, soft hyphen, invisible operators and tag characters. Thai needs none of them: the
  renderers find word breaks themselves (memos.wordbreak), and an invisible space inside a
  Thai word only defeats search, duplicate checks and the linter.
- Zero-width joiner and non-joiner are the exception: they decide how an emoji sequence or
  an Indic or Arabic word is drawn, so they stay between two visible characters that are
  not Thai. Next to Thai, next to a space, at either end or in a run they do nothing
  visible, and are dropped.
- Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane) and lone
  surrogates, which no document or database encoding can hold, are dropped.
- More than four combining marks in a row (Thai vowels and tone marks, diacritics of any
  script) are cut to four: Thai never stacks more than three on a consonant, and a tower of marks
  is drawn over the lines above and below it.
- The result is in NFC, so that the same text typed two ways (a Thai tone mark before or
  after a lower vowel, é as one or two code points) compares equal, and its ends are
  stripped.

Private-use characters stay: text copied from PDFs made with the old Thai fonts holds the
fonts' private-use forms of the vowels and tone marks, and they are visible characters.
Every step is one pass over the text (a regular expression without nested or overlapping
repetition, a translation table, NFC or a loop over the characters): linear in its length.
"""

import re
import unicodedata

# Characters that XML 1.0 (and so DOCX) cannot hold: C0 controls except tab, LF and CR.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def strip_control(text: str) -> str:
    """Drop control characters a document cannot hold (a vertical tab, NUL, …)."""
    return _XML_ILLEGAL.sub("", text)


_LINE_BREAK = re.compile("\r\n|[\r\x85\u2028\u2029]")

# Format characters (category Cf) of Unicode 15 except ZWNJ and ZWJ (U+200C, U+200D);
# tests/thai checks this list against unicodedata.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_DROP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f" + _FORMAT + _NONCHARACTERS + "\ud800-\udfff]"
)
_TABS_AND_LINES = str.maketrans({"\t": " ", "\n": " "})

MAX_MARKS = 4

# A joiner needs a visible, non-Thai character on both sides (see the module docstring).
_NOT_JOINABLE = "\\s\u0e00-\u0e7f\u200c\u200d"
_LOOSE_JOINER = re.compile(
    f"(?<![^{_NOT_JOINABLE}])[\u200c\u200d]|[\u200c\u200d](?![^{_NOT_JOINABLE}])"
)

# Letters and symbols drawn as nothing; a text of only these (and spaces) is empty.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f") | frozenset(
    chr(c) for c in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0))
)


def clean_text(text: str, *, multiline: bool = False) -> str:
    """`text` without invisible and control characters, in NFC, ends stripped.

    With `multiline`, line feeds and tabs stay (every kind of line break becomes "\\n");
    without, each becomes a space. Cleaning a cleaned text changes nothing.
    """
    text = _LINE_BREAK.sub("\n", text)
    text = _DROP.sub("", text)
    if not multiline:
        text = text.translate(_TABS_AND_LINES)
    # Normalising, cutting marks and dropping joiners can each give the others more to do
    # (NFC reorders marks around a dropped joiner, a cut leaves a joiner next to Thai), so
    # they run until nothing changes: once or twice for any real text; a text built to go
    # on loses its joiners, after which one pass is final. At most five linear passes.
    for _attempt in range(4):
        cleaned = _normalised(text)
        if cleaned == text:
            return cleaned
        text = cleaned
    return _normalised(text.replace("\u200c", "").replace("\u200d", ""))


def _normalised(text: str) -> str:
    # NFC before counting marks: a few characters decompose into several.
    text = _cut_marks(unicodedata.normalize("NFC", text))
    return unicodedata.normalize("NFC", _LOOSE_JOINER.sub("", text)).strip()


def _cut_marks(text: str) -> str:
    """At most MAX_MARKS combining characters (of any script) in a row."""
    out = []
    run = 0
    for ch in text:
        if unicodedata.category(ch)[0] == "M" or unicodedata.combining(ch):
            run += 1
            if run > MAX_MARKS:
                continue
        else:
            run = 0
        out.append(ch)
    return "".join(out)


def is_blank(text: str) -> bool:
    """True when nothing of `text` would be seen: only spaces and blank-looking letters."""
    return all(ch.isspace() or ch in _BLANK for ch in text)
