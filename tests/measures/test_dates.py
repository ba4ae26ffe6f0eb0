"""Buddhist-era dates on the status and measure forms: typed, bounded, stored, shown."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.measures.forms import MeasureForm, StatusForm
from prongsai.measures.models import Measure, StatusUpdate


def measure(demo, number=1):
    return Measure.objects.get(agency=demo, fiscal_year=2565, number=number)


@pytest.fixture
def bangkok_evening(monkeypatch):
    """18:30 UTC on 1 December 2026: already 2 December (2569) in Bangkok."""
    now = dt.datetime(2026, 12, 1, 18, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return dt.date(2026, 12, 2)


def status_errors(value, fiscal_year=2565):
    form = StatusForm({"status": "done", "reported_on": value}, fiscal_year=fiscal_year)
    form.is_valid()
    return form.errors.get("reported_on", [])


def test_status_date_range_is_the_fiscal_year_from_a_year_before_until_today(bangkok_evening):
    # FY 2565 starts 1 Oct 2564 BE; a year before that is 1 Oct 2563 BE.
    assert status_errors("01/10/2563") == []
    assert status_errors("30/09/2563") == ["วันที่ต้องไม่ก่อน 1 ตุลาคม 2563"]
    assert status_errors("02/12/2569") == []  # today in Bangkok, though not yet in UTC
    assert status_errors("03/12/2569") == ["วันที่ต้องไม่หลัง 2 ธันวาคม 2569"]


def test_status_form_proposes_today_in_be(bangkok_evening):
    html = str(StatusForm(fiscal_year=2565)["reported_on"])
    assert 'value="02/12/2569"' in html and 'type="date"' not in html


def test_status_form_refuses_a_ce_year_by_the_field():
    assert status_errors("30/06/2022") == [
        "ปี 2022 เป็นปี ค.ศ. กรุณากรอกปี พ.ศ. (ค.ศ. 2022 คือ พ.ศ. 2565)"
    ]


def test_due_date_range_is_around_the_fiscal_year(demo):
    def due_errors(value):
        form = MeasureForm({"due_date": value}, agency=demo, fiscal_year=2565)
        form.is_valid()
        return form.errors.get("due_date", [])

    assert due_errors("") == []  # optional
    assert due_errors("30/09/2566") == []  # a year after FY 2565 ends
    assert due_errors("01/10/2566") == ["วันที่ต้องไม่หลัง 30 กันยายน 2566"]
    assert due_errors("30/09/2563") == ["วันที่ต้องไม่ก่อน 1 ตุลาคม 2563"]
    assert due_errors("30/06/3108") == ["วันที่ต้องไม่หลัง 30 กันยายน 2566"]


def post_status(client, demo, reported_on, number=1):
    url = reverse("status_create", args=["ummao", measure(demo, number).pk])
    return client.post(url, {"status": "done", "note": "ทดสอบวันที่", "reported_on": reported_on})


@pytest.mark.parametrize("typed", ["30/06/2565", "๓๐/๐๖/๒๕๖๕", "30/6/2565"])
def test_posting_a_be_date_stores_the_ce_date(demo, reporter_chang, as_user, typed):
    response = post_status(as_user(reporter_chang), demo, typed)
    assert response.status_code == 302
    update = StatusUpdate.objects.filter(measure=measure(demo), note="ทดสอบวันที่").get()
    assert update.reported_on == dt.date(2022, 6, 30)
    page = as_user(reporter_chang).get(response["Location"]).content.decode()
    assert "30 มิถุนายน 2565" in page


@pytest.mark.parametrize(
    "typed, message",
    [
        ("30/06/2022", "ปี 2022 เป็นปี ค.ศ. กรุณากรอกปี พ.ศ."),
        ("2022-06-30", "กรอกวันที่แบบ วว/ดด/ปปปป"),
        ("30/06/2560", "วันที่ต้องไม่ก่อน 1 ตุลาคม 2563"),
    ],
)
def test_a_refused_date_writes_nothing_and_says_why_by_the_box(
    demo, reporter_chang, as_user, typed, message
):
    before = StatusUpdate.objects.count()
    response = post_status(as_user(reporter_chang), demo, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    box = html.index('id="id_reported_on"')
    assert html.index(message) > box  # the message follows its box
    assert f'value="{typed}"' in html  # what was typed stays for correction
    assert StatusUpdate.objects.count() == before


def test_the_edit_form_shows_the_stored_due_date_in_be(demo, coordinator, as_user):
    m = measure(demo)
    Measure.objects.filter(pk=m.pk).update(due_date=dt.date(2022, 9, 30))
    html = as_user(coordinator).get(reverse("measure_edit", args=["ummao", m.pk])).content.decode()
    assert 'value="30/09/2565"' in html and 'name="due_date"' in html
    assert 'type="date"' not in html


def test_posting_a_be_due_date(demo, coordinator, as_user):
    klang = demo.divisions.get(name="กองคลัง")
    data = {
        "title": "ทดสอบกำหนดติดตาม",
        "steps": "ขั้นเดียว",
        "divisions": [klang.pk],
        "due_date": "31/3/2566",
    }
    response = as_user(coordinator).post(reverse("measure_create", args=["ummao", 2566]), data)
    assert response.status_code == 302
    assert Measure.objects.get(title="ทดสอบกำหนดติดตาม").due_date == dt.date(2023, 3, 31)
    data["due_date"] = "31/03/2023"
    response = as_user(coordinator).post(reverse("measure_create", args=["ummao", 2566]), data)
    assert response.status_code == 200
    assert "ปี 2023 เป็นปี ค.ศ." in response.content.decode()
    assert Measure.objects.filter(title="ทดสอบกำหนดติดตาม").count() == 1
