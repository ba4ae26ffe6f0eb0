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


def test_short_url_keeps_short_links_and_the_host_of_long_ones():
    from prongsai.web.templatetags.prongsai_tags import short_url

    assert short_url("https://example.org/a") == "https://example.org/a"
    long = "https://ita.example.go.th/" + "x" * 250 + "/report-2565.pdf"
    shown = short_url(long)
    assert len(shown) <= 60 and "…" in shown
    assert shown.startswith("https://ita.example.go.th/") and shown.endswith("2565.pdf")
    # A host longer than the limit is never cut: it is where the link leads.
    sly = "https://" + "bank.example." * 8 + "evil.test/" + "p" * 100
    host = "https://" + "bank.example." * 8 + "evil.test"
    assert short_url(sly).startswith(host)
    html = Template("{% load prongsai_tags %}{{ u|short_url }}").render(
        Context({"u": "https://e.org/<b>" + "y" * 80})
    )
    assert "<b>" not in html and "&lt;b&gt;" in html
