"""Pure-Python Thai helpers: digits, Buddhist-era dates, fiscal years, provinces.

Nothing here imports Django, so it is fast to import and test and typed strictly.
"""

from prongsai.thai.dates import (
    FISCAL_YEARS,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    DateParseError,
    fiscal_year_bounds,
    fiscal_year_of,
    format_thai_date,
    is_fiscal_year,
    parse_thai_date,
)
from prongsai.thai.digits import (
    has_arabic_digit,
    has_thai_digit,
    to_arabic_digits,
    to_thai_digits,
)
from prongsai.thai.provinces import Province, load_provinces, province_by_code, province_by_name

__all__ = [
    "FISCAL_YEARS",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "DateParseError",
    "Province",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "format_thai_date",
    "has_arabic_digit",
    "has_thai_digit",
    "is_fiscal_year",
    "load_provinces",
    "parse_thai_date",
    "province_by_code",
    "province_by_name",
    "to_arabic_digits",
    "to_thai_digits",
]
