"""The Buddhist-era date field and box every form uses (core.forms)."""

import datetime as dt

import pytest
from django import forms
from tests.pending_catalogue import in_english

from prongsai.core.forms import BuddhistDateField, BuddhistDateInput


class OneDate(forms.Form):
    day = BuddhistDateField(label="วันที่")


class Bounded(forms.Form):
    day = BuddhistDateField(min_date=dt.date(2021, 10, 1), max_date=dt.date(2022, 9, 30))


def errors(form_class, value):
    form = form_class({"day": value})
    assert not form.is_valid()
    return form.errors["day"]


@pytest.mark.parametrize("value", ["30/06/2565", "๓๐/๐๖/๒๕๖๕", "30/6/2565", " 30/06/2565 "])
def test_cleans_buddhist_era_to_a_date(value):
    form = OneDate({"day": value})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2022, 6, 30)


def test_a_common_era_year_is_refused_saying_to_use_be():
    (message,) = errors(OneDate, "30/06/2022")
    assert message == "ปี 2022 เป็นปี ค.ศ. กรุณากรอกปี พ.ศ. (ค.ศ. 2022 คือ พ.ศ. 2565)"
    with in_english():
        (message,) = errors(OneDate, "30/06/2022")
    assert "Buddhist-era" in message and "2565" in message


def test_a_year_that_is_neither_is_refused_asking_for_be():
    (message,) = errors(OneDate, "30/06/0065")
    assert "ไม่ใช่ปี พ.ศ." in message and "30/06/2565" in message


@pytest.mark.parametrize("value", ["2022-06-30", "30-06-2565", "30/06/65", "ก", "1" * 500])
def test_other_text_is_refused_showing_the_format(value):
    assert errors(OneDate, value) == ["กรอกวันที่แบบ วว/ดด/ปปปป เป็นปี พ.ศ. เช่น 30/06/2565"]


def test_a_day_the_calendar_lacks():
    assert errors(OneDate, "31/02/2565") == ["ไม่มีวันที่ 31/02/2565 ในปฏิทิน"]


def test_a_year_beyond_any_fiscal_year_is_refused():
    # The usability test's "30/06/3108": a typo read as a year 500 years away.
    (message,) = errors(OneDate, "30/06/3108")
    assert message.startswith("วันที่ต้องไม่หลัง ")


def test_bounds_are_inclusive_and_named_in_thai():
    assert Bounded({"day": "01/10/2564"}).is_valid()
    assert Bounded({"day": "30/09/2565"}).is_valid()
    assert errors(Bounded, "30/09/2564") == ["วันที่ต้องไม่ก่อน 1 ตุลาคม 2564"]
    assert errors(Bounded, "01/10/2565") == ["วันที่ต้องไม่หลัง 30 กันยายน 2565"]


def test_required_and_optional():
    assert errors(OneDate, "") == ["กรุณากรอกวันที่ (วว/ดด/ปปปป)"]
    optional = type("Optional", (forms.Form,), {"day": BuddhistDateField(required=False)})
    form = optional({"day": "  "})
    assert form.is_valid() and form.cleaned_data["day"] is None


def test_the_box_shows_an_initial_date_in_be():
    form = OneDate(initial={"day": dt.date(2022, 6, 30)})
    html = str(form["day"])
    assert 'type="text"' in html and 'value="30/06/2565"' in html
    assert 'placeholder="วว/ดด/ปปปป"' in html and "data-be-date" in html
    assert 'type="date"' not in html


def test_the_box_shows_back_what_was_typed_when_refused():
    form = OneDate({"day": "30/06/2022"})
    assert not form.is_valid()
    assert 'value="30/06/2022"' in str(form["day"])


def test_the_calendar_is_told_the_range():
    form = Bounded()
    html = str(form["day"])
    assert 'data-min="2021-10-01"' in html and 'data-max="2022-09-30"' in html


def test_set_range_changes_one_form_only():
    first, second = Bounded(), Bounded()
    field = first.fields["day"]
    assert isinstance(field, BuddhistDateField)
    field.set_range(dt.date(2022, 1, 1), dt.date(2022, 1, 31))
    assert first.fields["day"].widget.attrs["data-min"] == "2022-01-01"
    assert second.fields["day"].widget.attrs["data-min"] == "2021-10-01"
    assert Bounded.base_fields["day"].widget.attrs["data-min"] == "2021-10-01"


def test_widget_formats_dates_and_datetimes():
    widget = BuddhistDateInput()
    assert widget.format_value(dt.date(2022, 7, 1)) == "01/07/2565"
    assert widget.format_value(dt.datetime(2022, 7, 1, 9, 30)) == "01/07/2565"
    assert widget.format_value(None) is None
