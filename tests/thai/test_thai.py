import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thai import (
    DateParseError,
    fiscal_year_bounds,
    fiscal_year_of,
    format_thai_date,
    parse_thai_date,
    province_by_code,
    province_by_name,
    to_arabic_digits,
    to_thai_digits,
)
from prongsai.thai.provinces import load_provinces


def test_digits_round_trip():
    assert to_thai_digits("31 มีนาคม 2565") == "๓๑ มีนาคม ๒๕๖๕"
    assert to_arabic_digits("๓1 มีนาคม ๒๕65") == "31 มีนาคม 2565"


@given(st.text())
def test_digit_conversion_is_reversible_on_arabic_text(text):
    arabic = to_arabic_digits(text)
    assert to_arabic_digits(to_thai_digits(arabic)) == arabic


def test_format_thai_date():
    assert format_thai_date(dt.date(2022, 3, 31)) == "๓๑ มีนาคม ๒๕๖๕"
    assert format_thai_date(dt.date(2022, 3, 31), thai_digits=False) == "31 มีนาคม 2565"
    assert format_thai_date(dt.date(2021, 11, 5), abbreviated=True) == "๕ พ.ย. ๒๕๖๔"


@pytest.mark.parametrize(
    "text",
    ["๓1 มีนาคม ๒๕65", "๓๑ มีนาคม ๒๕๖๕", "31 มีนาคม 2565", "ณ ๓๑มีนาคม พ.ศ. ๒๕๖๕", "31 มี.ค. 65"],
)
def test_parse_thai_date_mixed_digits(text):
    assert parse_thai_date(text) == dt.date(2022, 3, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "ไม่พบวันที่"),
        ("31 March 2022", "ไม่พบวันที่"),
        ("๓๑ มีนาคม ๑๒๐๐", "พ.ศ. 1200"),
        ("30 กุมภาพันธ์ 2565", "วันที่ไม่มีอยู่จริง"),
    ],
)
def test_parse_thai_date_refuses(text, message):
    with pytest.raises(DateParseError, match=message):
        parse_thai_date(text)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_format_then_parse_round_trips(date):
    assert parse_thai_date(format_thai_date(date)) == date
    assert parse_thai_date(format_thai_date(date, thai_digits=False)) == date


def test_fiscal_year():
    assert fiscal_year_of(dt.date(2021, 11, 15)) == 2565
    assert fiscal_year_of(dt.date(2022, 3, 15)) == 2565
    assert fiscal_year_of(dt.date(2022, 9, 30)) == 2565
    assert fiscal_year_of(dt.date(2022, 10, 1)) == 2566
    assert fiscal_year_bounds(2565) == (dt.date(2021, 10, 1), dt.date(2022, 9, 30))


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_date_lies_in_its_fiscal_year(date):
    start, end = fiscal_year_bounds(fiscal_year_of(date))
    assert start <= date <= end


def test_provinces():
    provinces = load_provinces()
    assert len(provinces) == 77
    assert len({p.letter_code for p in provinces}) == 77
    assert province_by_code("กส").name_th == "กาฬสินธุ์"
    assert province_by_code("สท").name_th == "สุโขทัย"
    assert province_by_name("จังหวัดกาฬสินธุ์").letter_code == "กส"
    assert province_by_code("xx") is None
