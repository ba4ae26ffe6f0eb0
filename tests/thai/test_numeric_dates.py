"""Day/month/Buddhist-era dates as clerks type them (the pure part of the date boxes)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thai.dates import (
    DateParseError,
    NoSuchDate,
    NotBuddhistEra,
    earliest_record_date,
    format_be_numeric_date,
    parse_be_numeric_date,
)


@pytest.mark.parametrize(
    "text",
    ["30/06/2565", "๓๐/๐๖/๒๕๖๕", "30/6/2565", " 30 / 06 / 2565 ", "๓๐/06/๒๕65"],
)
def test_buddhist_era_in_thai_or_arabic_digits(text):
    assert parse_be_numeric_date(text) == dt.date(2022, 6, 30)


def test_without_zero_padding():
    assert parse_be_numeric_date("1/7/2565") == dt.date(2022, 7, 1)


@pytest.mark.parametrize("text", ["30/06/2022", "30/06/1999", "01/01/0065", "๓๐/๐๖/๒๐๒๒"])
def test_a_year_below_2400_is_refused_never_reinterpreted(text):
    with pytest.raises(NotBuddhistEra) as caught:
        parse_be_numeric_date(text)
    assert caught.value.year < 2400
    assert "พ.ศ." in caught.value.th and "Buddhist-era" in caught.value.en


@pytest.mark.parametrize("text", ["31/02/2565", "29/02/2565", "00/06/2565", "30/13/2565"])
def test_no_such_day(text):
    with pytest.raises(NoSuchDate):
        parse_be_numeric_date(text)


def test_29_february_of_a_leap_year():
    assert parse_be_numeric_date("29/02/2567") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["", "2022-06-30", "30/06/65", "30-06-2565", "30/06/25650", "yesterday", "30/06"]
)
def test_other_shapes_are_refused(text):
    with pytest.raises(DateParseError) as caught:
        parse_be_numeric_date(text)
    assert not isinstance(caught.value, NotBuddhistEra | NoSuchDate)


def test_format():
    assert format_be_numeric_date(dt.date(2022, 6, 30)) == "30/06/2565"
    assert format_be_numeric_date(dt.date(2022, 7, 1)) == "01/07/2565"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(7000, 12, 31)))
def test_format_then_parse_is_the_same_day(date):
    assert parse_be_numeric_date(format_be_numeric_date(date)) == date


def test_earliest_record_date_is_a_year_before_the_fiscal_year_starts():
    assert earliest_record_date(2565) == dt.date(2020, 10, 1)  # FY 2565 starts 1 Oct 2021
