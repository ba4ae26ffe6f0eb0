"""Buddhist-era dates in words and Thai fiscal years.

A BE year is the CE year + 543. Fiscal year N runs from 1 October of BE N−1 to
30 September of BE N.
"""

import datetime as dt
import re

from prongsai.thai.digits import to_arabic_digits, to_thai_digits

BE_OFFSET = 543

#: The fiscal years the system accepts anywhere (URLs, records, frameworks): Buddhist-era
#: years, so that a CE year such as 2022 or a typo such as 25650 is refused, not stored.
FISCAL_YEARS = range(2500, 2701)


def is_fiscal_year(year: int) -> bool:
    return year in FISCAL_YEARS


THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)


class DateParseError(ValueError):
    """A text that is not a Thai date.

    This layer knows no active language: the message is kept in Thai (``th``, also ``str()``)
    and in English (``en``), separately; a caller that shows it picks one.
    """

    def __init__(self, th: str, en: str) -> None:
        self.th = th
        self.en = en
        super().__init__(th)


def format_thai_date(date: dt.date, *, thai_digits: bool = True, abbreviated: bool = False) -> str:
    """31 March 2022 → "๓๑ มีนาคม ๒๕๖๕" (or "31 มีนาคม 2565" with thai_digits=False)."""
    months = THAI_MONTHS_ABBR if abbreviated else THAI_MONTHS
    text = f"{date.day} {months[date.month - 1]} {date.year + BE_OFFSET}"
    return to_thai_digits(text) if thai_digits else text


_MONTH_ALTERNATIVES = "|".join(
    re.escape(m) for m in sorted(THAI_MONTHS + THAI_MONTHS_ABBR, key=len, reverse=True)
)
_DATE_RE = re.compile(
    r"(?P<day>[0-9๐-๙]{1,2})\s*(?P<month>" + _MONTH_ALTERNATIVES + r")\s*"
    r"(?:พ\.\s?ศ\.\s?)?(?P<year>[0-9๐-๙]{2,4})"
)


def _month_number(name: str) -> int:
    if name in THAI_MONTHS:
        return THAI_MONTHS.index(name) + 1
    return THAI_MONTHS_ABBR.index(name) + 1


def parse_thai_date(text: str) -> dt.date:
    """Parse the first Thai BE date in `text`, Thai or Arabic or mixed digits.

    "๓1 มีนาคม ๒๕65" → date(2022, 3, 31). Two-digit years are read as 25xx.
    """
    match = _DATE_RE.search(text)
    if match is None:
        raise DateParseError(f"ไม่พบวันที่ในข้อความ {text!r}", f"no Thai date found in {text!r}")
    day = int(to_arabic_digits(match["day"]))
    year_be = int(to_arabic_digits(match["year"]))
    if year_be < 100:
        year_be += 2500
    if year_be < 2400:
        raise DateParseError(
            f"ปี พ.ศ. {year_be} ไม่ถูกต้อง ({text!r})",
            f"{year_be} is not a Buddhist-era year in {text!r}",
        )
    try:
        return dt.date(year_be - BE_OFFSET, _month_number(match["month"]), day)
    except ValueError as exc:
        raise DateParseError(f"วันที่ไม่มีอยู่จริง ({text!r})", f"no such date in {text!r}: {exc}") from exc


def fiscal_year_of(date: dt.date) -> int:
    """The Thai fiscal year (BE) of a date: 15 Nov 2021 → 2565, 15 Mar 2022 → 2565."""
    year_be = date.year + BE_OFFSET
    return year_be + 1 if date.month >= 10 else year_be


def fiscal_year_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """First and last day (CE dates) of fiscal year N (BE)."""
    start_ce = fiscal_year - BE_OFFSET - 1
    return dt.date(start_ce, 10, 1), dt.date(start_ce + 1, 9, 30)


#: What a clerk types in a date box: day/month/BE year, Thai or Arabic digits, with or
#: without zero padding ("30/06/2565", "๓๐/๐๖/๒๕๖๕", "1/7/2565").
_NUMERIC_DATE_RE = re.compile(r"([0-9๐-๙]{1,2})\s*/\s*([0-9๐-๙]{1,2})\s*/\s*([0-9๐-๙]{4})")

#: The smallest year read as Buddhist era; a smaller one is a Common-Era year typed by
#: mistake (2022 for 2565) and is refused rather than reinterpreted.
MIN_BE_YEAR = 2400


class NotBuddhistEra(DateParseError):
    """A day/month/year whose year is below MIN_BE_YEAR (a CE year, most often)."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"ปี {year} ไม่ใช่ปี พ.ศ.", f"{year} is not a Buddhist-era year (use พ.ศ.)")


class NoSuchDate(DateParseError):
    """A well-formed day/month/year that names no day (31/02/2565)."""


def parse_be_numeric_date(text: str) -> dt.date:
    """ "30/06/2565", "๓๐/๐๖/๒๕๖๕" or "1/7/2565" (day/month/BE year) → a CE date.

    Raises DateParseError for another shape, NotBuddhistEra for a year below 2400 and
    NoSuchDate for a day the calendar does not have.
    """
    match = _NUMERIC_DATE_RE.fullmatch(text.strip())
    if match is None:
        raise DateParseError(
            f"ไม่ใช่วันที่แบบ วว/ดด/ปปปป ({text!r})", f"not a dd/mm/yyyy date: {text!r}"
        )
    day, month, year = (int(to_arabic_digits(part)) for part in match.groups())
    if year < MIN_BE_YEAR:
        raise NotBuddhistEra(year)
    try:
        return dt.date(year - BE_OFFSET, month, day)
    except ValueError as exc:
        raise NoSuchDate(f"วันที่ไม่มีอยู่จริง ({text!r})", f"no such date {text!r}: {exc}") from exc


def format_be_numeric_date(date: dt.date) -> str:
    """date(2022, 6, 30) → "30/06/2565", what a date box shows."""
    return f"{date.day:02d}/{date.month:02d}/{date.year + BE_OFFSET}"


def earliest_record_date(fiscal_year: int) -> dt.date:
    """The earliest date a record of fiscal year N may carry: its first day a year earlier
    (FY 2565 starts 1 Oct 2021, so 1 Oct 2020); work is often prepared the year before."""
    start, _end = fiscal_year_bounds(fiscal_year)
    return start.replace(year=start.year - 1)
