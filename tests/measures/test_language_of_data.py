"""Data leaves the system in Thai whatever the language of the screen that asked for it."""

import datetime as dt

from django.utils import translation

from prongsai.measures.export import export_agency_year
from prongsai.measures.models import Status
from prongsai.public.snapshot import published_measures


def test_status_labels_follow_the_screen_language():
    with translation.override("en"):
        assert str(Status.DONE.label) == "Done"
    with translation.override("th"):
        assert str(Status.DONE.label) == "ดำเนินการเสร็จเรียบร้อยแล้ว"


def test_export_and_published_snapshot_stay_thai(demo):
    with translation.override("en"):
        exported = export_agency_year(demo, 2565)
        published = published_measures(demo, 2565, dt.date(2022, 3, 31))
    assert exported["measures"][2]["status_label"] == "ดำเนินการเสร็จเรียบร้อยแล้ว"
    assert published[0]["status_label"] == "อยู่ระหว่างดำเนินการ"
