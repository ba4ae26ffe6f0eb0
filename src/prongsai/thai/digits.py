"""Thai (U+0E50–U+0E59) and Arabic digits.

A translation table is all it takes; PyThaiNLP's arabic_digit_to_thai_digit does the same
but costs an import of the whole package, which the memo renderers do not need.
"""

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"

_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)


def to_thai_digits(text: str) -> str:
    """Replace every Arabic digit by its Thai digit: "31 มีนาคม 2565" → "๓๑ มีนาคม ๒๕๖๕"."""
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Replace every Thai digit by its Arabic digit."""
    return text.translate(_TO_ARABIC)


def has_thai_digit(text: str) -> bool:
    return any(ch in THAI_DIGITS for ch in text)


def has_arabic_digit(text: str) -> bool:
    return any(ch in ARABIC_DIGITS for ch in text)
