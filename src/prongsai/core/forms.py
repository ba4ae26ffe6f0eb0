"""The one date field of every form: Buddhist-era day/month/year in a text box.

A clerk types "30/06/2565" (or "๓๐/๐๖/๒๕๖๕", or "1/7/2565"); the box shows the date it
holds the same way. The browser's own date picker is Gregorian and shows nothing for a
value it cannot read, so it is not used; `static/js/be-date.js` adds a small Buddhist-era
calendar beside the box when JavaScript runs, and the form works without it. A year below
2400 is refused (a CE year typed by mistake), never read as something else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai.dates import (
    FISCAL_YEARS,
    DateParseError,
    NoSuchDate,
    NotBuddhistEra,
    fiscal_year_bounds,
    format_be_numeric_date,
    format_thai_date,
    parse_be_numeric_date,
)

#: The widest range any date box accepts: the fiscal years the system knows.
DEFAULT_MIN = fiscal_year_bounds(FISCAL_YEARS.start)[0]
DEFAULT_MAX = fiscal_year_bounds(FISCAL_YEARS.stop - 1)[1]

#: Longer input is no date (and is not worth a regular expression's time).
MAX_INPUT = 40


class BuddhistDateInput(forms.TextInput):
    """A text box that shows a date as "30/06/2565"; typed text is shown back as typed."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults: dict[str, Any] = {
            "class": "be-date",
            "placeholder": _("วว/ดด/ปปปป"),
            "autocomplete": "off",
            "spellcheck": "false",
            "maxlength": str(MAX_INPUT),
            "data-be-date": "",
            "data-calendar-button": _("ปฏิทิน"),
            "data-calendar-label": _("เลือกวันที่จากปฏิทิน"),
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return format_be_numeric_date(value)
        return super().format_value(value)


def _words(date: dt.date) -> str:
    return format_thai_date(date, thai_digits=False)


class BuddhistDateField(forms.Field):
    """A date typed as day/month/Buddhist-era year; cleaned to a `datetime.date` (CE).

    `min_date` and `max_date` bound it (inclusive); `set_range` changes them after the form
    is built, for bounds that depend on the object (a measure's fiscal year) or on today.
    """

    widget = BuddhistDateInput
    default_error_messages = {
        "required": _("กรุณากรอกวันที่ (วว/ดด/ปปปป)"),
        "invalid": _("กรอกวันที่แบบ วว/ดด/ปปปป เป็นปี พ.ศ. เช่น 30/06/2565"),
        "common_era": _("ปี %(year)s เป็นปี ค.ศ. กรุณากรอกปี พ.ศ. (ค.ศ. %(year)s คือ พ.ศ. %(be_year)s)"),
        "not_be": _("ปี %(year)s ไม่ใช่ปี พ.ศ. กรุณากรอกปี พ.ศ. 4 หลัก เช่น 30/06/2565"),
        "no_such_date": _("ไม่มีวันที่ %(value)s ในปฏิทิน"),
        "too_early": _("วันที่ต้องไม่ก่อน %(date)s"),
        "too_late": _("วันที่ต้องไม่หลัง %(date)s"),
    }

    def __init__(
        self,
        *,
        min_date: dt.date | None = None,
        max_date: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.set_range(min_date, max_date)

    def set_range(self, min_date: dt.date | None, max_date: dt.date | None) -> None:
        self.min_date = max(min_date or DEFAULT_MIN, DEFAULT_MIN)
        self.max_date = min(max_date or DEFAULT_MAX, DEFAULT_MAX)
        # For the calendar: days outside the range are not offered (ISO, CE).
        self.widget.attrs["data-min"] = self.min_date.isoformat()
        self.widget.attrs["data-max"] = self.max_date.isoformat()

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        if not text:
            return None
        if len(text) > MAX_INPUT:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return parse_be_numeric_date(text)
        except NotBuddhistEra as exc:
            if exc.year >= 1900:
                raise forms.ValidationError(
                    self.error_messages["common_era"],
                    code="common_era",
                    params={"year": exc.year, "be_year": exc.year + 543},
                ) from None
            raise forms.ValidationError(
                self.error_messages["not_be"], code="not_be", params={"year": exc.year}
            ) from None
        except NoSuchDate:
            raise forms.ValidationError(
                self.error_messages["no_such_date"], code="no_such_date", params={"value": text}
            ) from None
        except DateParseError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        if value < self.min_date:
            raise forms.ValidationError(
                self.error_messages["too_early"],
                code="too_early",
                params={"date": _words(self.min_date)},
            )
        if value > self.max_date:
            raise forms.ValidationError(
                self.error_messages["too_late"],
                code="too_late",
                params={"date": _words(self.max_date)},
            )
