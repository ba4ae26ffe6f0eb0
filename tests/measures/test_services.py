import datetime as dt
import io

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.core.uploads import check_upload
from prongsai.measures import services
from prongsai.measures.models import Measure, Status, StatusUpdate

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def measure(demo, number):
    return Measure.objects.with_current_status().get(agency=demo, fiscal_year=2565, number=number)


def test_demo_measures_and_statuses(demo):
    statuses = [
        m.current_status
        for m in Measure.objects.filter(agency=demo, fiscal_year=2565)
        .with_current_status()
        .order_by("number")
    ]
    assert statuses == ["in_progress", "in_progress", "done", "done", "in_progress", "done"]


def test_create_measure_numbers_and_validates(demo, coordinator):
    division = demo.divisions.get(name="กองคลัง")
    m = services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        title="  มาตรการป้องกันการรับสินบน ",
        steps=["ประกาศนโยบาย", "", "  "],
        divisions=[division],
    )
    assert m.number == 7 and m.title == "มาตรการป้องกันการรับสินบน" and m.steps == ["ประกาศนโยบาย"]
    with pytest.raises(ValidationFailed, match="ผู้รับผิดชอบอย่างน้อยหนึ่งส่วนราชการ"):
        services.create_measure(
            actor=coordinator, agency=demo, fiscal_year=2565, title="x", steps=[], divisions=[]
        )
    with pytest.raises(ValidationFailed, match="ปีงบประมาณ 2022"):
        services.create_measure(
            actor=coordinator,
            agency=demo,
            fiscal_year=2022,
            title="x",
            steps=[],
            divisions=[division],
        )
    with pytest.raises(ValidationFailed, match="ลำดับที่ 1 ของปี 2565"):
        services.create_measure(
            actor=coordinator,
            agency=demo,
            fiscal_year=2565,
            title="x",
            steps=[],
            divisions=[division],
            number=1,
        )


def test_create_measure_refuses_other_agency_division(demo, coordinator, other_agency):
    with pytest.raises(ValidationFailed, match="ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"):
        services.create_measure(
            actor=coordinator,
            agency=demo,
            fiscal_year=2566,
            title="x",
            steps=["y"],
            divisions=list(other_agency.divisions.all()),
        )
    assert not Measure.objects.filter(fiscal_year=2566).exists()


def test_status_is_latest_update_and_history_kept(demo, coordinator):
    m = measure(demo, 1)
    services.report_status(
        actor=coordinator,
        measure=m,
        status=Status.DONE,
        note="จัดอบรมแล้ว",
        reported_on=dt.date(2022, 6, 30),
        links=["https://example.org/report.pdf"],
    )
    assert measure(demo, 1).current_status == "done"
    history = list(StatusUpdate.objects.filter(measure=m))
    assert [u.status for u in history] == ["done", "in_progress"]
    assert history[0].evidence.get().url == "https://example.org/report.pdf"


def test_report_status_refuses_bad_input_and_writes_nothing(demo, coordinator):
    m = measure(demo, 1)
    before = StatusUpdate.objects.count()
    with pytest.raises(ValidationFailed, match="สถานะ “finished”"):
        services.report_status(actor=coordinator, measure=m, status="finished")
    with pytest.raises(ValidationFailed, match="javascript:alert"):
        services.report_status(
            actor=coordinator, measure=m, status="done", links=["javascript:alert(1)"]
        )
    assert StatusUpdate.objects.count() == before


def test_report_status_stores_file_under_random_name(demo, coordinator, settings):
    m = measure(demo, 2)
    checked = check_upload(io.BytesIO(PNG), max_bytes=1000)
    update = services.report_status(
        actor=coordinator, measure=m, status="done", files=[("../../etc/ภาพ.png", checked)]
    )
    evidence = update.evidence.get()
    assert evidence.original_name == "../../etc/ภาพ.png"
    assert ".." not in evidence.file.name and evidence.file.name.endswith(".png")
    assert evidence.sha256 == checked.sha256
    with evidence.file.open("rb") as f:
        assert f.read() == PNG


def test_status_history_is_append_only(demo):
    update = StatusUpdate.objects.filter(measure__agency=demo).first()
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        StatusUpdate.objects.filter(pk=update.pk).update(note="rewritten")
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        StatusUpdate.objects.filter(pk=update.pk).delete()
    update.refresh_from_db()
    assert update.note != "rewritten"


def test_update_measure_bumps_version_and_refuses_stale(demo, coordinator):
    m = measure(demo, 1)
    seen = Measure.objects.get(pk=m.pk)
    updated = services.update_measure(
        actor=coordinator, measure=seen, expected_version=seen.version, title="ชื่อใหม่"
    )
    assert updated.version == seen.version + 1
    with pytest.raises(StaleEdit) as info:
        services.update_measure(
            actor=coordinator, measure=seen, expected_version=seen.version, monitoring="x"
        )
    assert info.value.changes["title"] == (seen.title, "ชื่อใหม่")
    assert Measure.objects.get(pk=m.pk).monitoring == seen.monitoring
