"""URL converters shared by every app."""

from django.urls import register_converter

from prongsai.thai.dates import is_fiscal_year


class FiscalYearConverter:
    """A fiscal year of thai.dates.FISCAL_YEARS; anything else is not a URL (404).

    One rule at URL resolution instead of a range check in every view: a year like 0 or
    99999 never reaches a view, a template's {% url %} or a date computation.
    """

    regex = r"[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not is_fiscal_year(year):
            raise ValueError(value)  # Django then tries the next pattern, and at last 404s
        return year

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(FiscalYearConverter, "fy")
