"""clean_text: what it removes, what it keeps, and that it is one pass (idempotent)."""

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thai.text import clean_text, is_blank


@pytest.mark.parametrize(
    ("raw", "one_line", "multi_line"),
    [
        ("\x01\x02\x0b", "", ""),
        ("\x01\n\x02", "", ""),
        ("ก\x00ข\x7fค\x85ง\x9fจ", "กขค งจ", "กขค\nงจ"),
        ("a\r\nb\rc\u2028d\u2029e", "a b c d e", "a\nb\nc\nd\ne"),
        ("ขั้นตอน\tที่ ๑", "ขั้นตอน ที่ ๑", "ขั้นตอน\tที่ ๑"),
        ("\u202egpj.exe", "gpj.exe", "gpj.exe"),
        ("a\u2066b\u2069c\u200ed\u200ff\u061cg", "abcdfg", "abcdfg"),
        ("\u200b\u2060\ufeff\u00ad", "", ""),
        ("เรื่อง\u200bร้องเรียน", "เรื่องร้องเรียน", "เรื่องร้องเรียน"),
        ("x\ufffe\uffff\ufdd0\U0001fffe\U0010ffffy", "xy", "xy"),
        ("x\ud800y", "xy", "xy"),
        ("  เทศบาล  ", "เทศบาล", "เทศบาล"),
    ],
)
def test_clean_text(raw, one_line, multi_line):
    assert clean_text(raw) == one_line
    assert clean_text(raw, multiline=True) == multi_line


def test_joiners_stay_only_where_they_draw_something():
    family = "👨\u200d👩\u200d👧"
    assert clean_text(family) == family  # an emoji sequence
    assert clean_text("क्\u200dष") == "क्\u200dष"  # Devanagari half form
    assert clean_text("ก\u200dข\u200cค") == "กขค"  # nothing to join in Thai
    assert clean_text("\u200da b\u200c c\u200d\u200dd\u200d") == "a b cd"


def test_thai_is_kept_and_normalised():
    text = "ผู้บริหาร “ป.ป.ช.” ๑๒๓ ฯลฯ อื่น ๆ \uf70a"  # private use: legacy font forms stay
    assert clean_text(text) == text
    # Tone mark before or after the lower vowel: one NFC form, so the two compare equal.
    assert clean_text("ก\u0e48\u0e38") == clean_text("ก\u0e38\u0e48") == "ก\u0e38\u0e48"
    assert clean_text("e\u0301") == "é"


def test_stacked_marks_are_cut_to_four():
    assert clean_text("ก" + "\u0e48" * 50 + "ข") == "ก" + "\u0e48" * 4 + "ข"
    assert clean_text("Z" + "\u0301\u0302" * 20) == "\u0179" + "\u0302\u0301" * 2
    # U+0344 decomposes into two marks: counted as two.
    stacked = clean_text("a" + "\u0344" * 4)
    assert stacked[0] == "ä" and len(stacked) == 5 and clean_text(stacked) == stacked


def test_every_format_character_is_dropped_but_the_joiners():
    kept = {"\u200c", "\u200d"}
    missed = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) == "Cf"
        and chr(cp) not in kept
        and clean_text(f"a{chr(cp)}b") != "ab"
    ]
    assert missed == []


def test_blank():
    assert is_blank("") and is_blank(" \u3164\u2800\ufe0f ")
    assert not is_blank("ก") and not is_blank(".")


@given(st.text())
def test_cleaning_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once
    once_multi = clean_text(text, multiline=True)
    assert clean_text(once_multi, multiline=True) == once_multi


@given(st.text())
def test_cleaned_text_holds_no_control_or_format_character(text):
    for multiline in (False, True):
        cleaned = clean_text(text, multiline=multiline)
        allowed = {"\n", "\t"} if multiline else set()
        for ch in cleaned:
            category = unicodedata.category(ch)
            assert category not in ("Cc", "Cs") or ch in allowed
            assert category != "Cf" or ch in ("\u200c", "\u200d")
