"""The reports page's date boxes: Buddhist era in, Buddhist era shown, refusals by the box."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from tests.public.helpers import YEAR, approve, submit

from prongsai.memos.kinds import MemoKind
from prongsai.public.models import Report
from prongsai.thai.dates import format_be_numeric_date


def url(name, *args):
    return reverse(f"public:{name}", args=["ummao", YEAR, *args])


def test_boxes_show_the_submitted_date_or_today_in_be(demo, coordinator, executive, as_user):
    # Approved: the coordinator may submit it again, from the date it was as of.
    approve(
        executive, submit(coordinator, kind=MemoKind.IMPLEMENTATION, as_of=dt.date(2022, 3, 31))
    )
    html = as_user(coordinator).get(url("reports")).content.decode()
    assert 'id="as_of-implementation"' in html and 'id="as_of-measures"' in html
    assert 'value="31/03/2565"' in html  # the submitted report's date
    assert f'value="{format_be_numeric_date(timezone.localdate())}"' in html  # a first one
    assert 'type="date"' not in html
    assert "03/31/2022" not in html and "2022-03-31" not in html


def test_submitting_a_be_date_stores_the_ce_date(demo, coordinator, as_user, fake_pdf):
    response = as_user(coordinator).post(url("report_submit", "measures"), {"as_of": "๓๑/๐๓/๒๕๖๕"})
    assert response.status_code == 302
    assert Report.objects.get(kind=MemoKind.MEASURES).as_of == dt.date(2022, 3, 31)


def test_a_refused_date_is_explained_by_its_own_box(demo, coordinator, as_user):
    response = as_user(coordinator).post(url("report_submit", "measures"), {"as_of": "31/03/2022"})
    assert response.status_code == 400
    html = response.content.decode()
    message = "ปี 2022 เป็นปี ค.ศ. กรุณากรอกปี พ.ศ."
    assert html.count(message) == 1
    measures_box = html.index('id="as_of-measures"')
    assert measures_box < html.index(message)
    assert 'value="31/03/2022"' in html  # kept for correction, in the box it was typed in
    assert not Report.objects.exists()


def test_a_future_date_is_refused_by_the_box(demo, coordinator, as_user):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = as_user(coordinator).post(
        url("report_submit", "implementation"), {"as_of": format_be_numeric_date(tomorrow)}
    )
    assert response.status_code == 400
    assert "วันที่ต้องไม่หลัง" in response.content.decode()
    assert not Report.objects.exists()
