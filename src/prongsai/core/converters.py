"""URL converters shared by every app."""

from django.urls import register_converter


class FiscalYearConverter:
    """A Buddhist-era fiscal year from 2500 to 2700; anything else is not a URL (404).

    One rule at URL resolution instead of a range check in every view: a year like 0 or
    99999 never reaches a view, a template's {% url %} or a date computation.
    """

    regex = r"25[0-9]{2}|26[0-9]{2}|2700"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(FiscalYearConverter, "fy")
