"""Shared template tags: dates for people are Buddhist-era and in Bangkok time."""

import datetime as dt

from django.template import Context, Template

from prongsai.web.templatetags.prongsai_tags import thai_date


def test_a_utc_time_before_seven_is_the_next_day_in_bangkok():
    # 1 December 2026 23:30 UTC is 2 December 2026 06:30 in Bangkok.
    late = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
    assert thai_date(late) == "2 ธันวาคม 2569"


def test_date_and_time_filters_agree_on_the_day():
    late = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
    html = Template("{% load prongsai_tags %}{{ t|thai_date }} {{ t|time:'H:i' }}").render(
        Context({"t": late})
    )
    assert html == "2 ธันวาคม 2569 06:30"


def test_plain_dates_and_none():
    assert thai_date(dt.date(2022, 3, 31)) == "31 มีนาคม 2565"
    assert thai_date(dt.date(2022, 3, 31), "thai") == "๓๑ มีนาคม ๒๕๖๕"
    assert thai_date(None) == ""
