"""Divisions: add, rename, reorder, retire and restore (services), and where retired
divisions are (not) offered."""

import pytest

from prongsai.agencies.models import Division
from prongsai.assessments.services import resolve_division
from prongsai.audit.models import AuditEvent
from prongsai.core.errors import ValidationFailed
from prongsai.measures import services as measures
from prongsai.measures.forms import MeasureForm
from prongsai.measures.models import Measure
from prongsai.registry import divisions as divisions_services
from tests.public.helpers import approve, publish, submit


def division(agency, name):
    return Division.objects.get(agency=agency, name=name)


def names(agency):
    return list(Division.objects.filter(agency=agency).values_list("name", flat=True))


def events(agency, action):
    return AuditEvent.objects.filter(agency=agency, action=action).count()


def test_new_division_goes_last_and_a_taken_name_is_refused(demo, coordinator):
    added = divisions_services.new_division(
        actor=coordinator, agency=demo, name="  กองสวัสดิการสังคม "
    )
    assert names(demo)[-1] == "กองสวัสดิการสังคม" == added.name
    before = names(demo)
    with pytest.raises(ValidationFailed, match="มีส่วนราชการชื่อ") as error:
        divisions_services.new_division(actor=coordinator, agency=demo, name="กองช่าง")
    assert error.value.field == "name"
    with pytest.raises(ValidationFailed, match="กรุณากรอก"):
        divisions_services.new_division(actor=coordinator, agency=demo, name="\u200b ")
    assert names(demo) == before


def test_rename_refuses_a_duplicate_and_is_audited(demo, coordinator):
    chang = division(demo, "กองช่าง")
    with pytest.raises(ValidationFailed, match="มีส่วนราชการชื่อ “สำนักปลัด” แล้ว") as error:
        divisions_services.rename_division(actor=coordinator, division=chang, name="สำนักปลัด")
    assert error.value.field == "name"
    with pytest.raises(ValidationFailed, match="ยาวเกิน"):
        divisions_services.rename_division(actor=coordinator, division=chang, name="ก" * 201)
    assert division(demo, "กองช่าง").pk == chang.pk
    divisions_services.rename_division(actor=coordinator, division=chang, name="กองช่างและโยธา")
    chang.refresh_from_db()
    assert chang.name == "กองช่างและโยธา"
    event = AuditEvent.objects.filter(agency=demo, action="division.rename").get()
    assert event.payload == {"old": "กองช่าง", "name": "กองช่างและโยธา"}


def test_reorder_takes_every_division_once(demo, coordinator):
    ids = list(Division.objects.filter(agency=demo).values_list("pk", flat=True))
    before = names(demo)
    for bad in (ids[:-1], [*ids, ids[0]], [*ids[:-1], 999_999]):
        with pytest.raises(ValidationFailed, match="ลำดับส่วนราชการไม่ครบ"):
            divisions_services.reorder_divisions(actor=coordinator, agency=demo, ids=bad)
    assert names(demo) == before and events(demo, "division.reorder") == 0
    divisions_services.reorder_divisions(actor=coordinator, agency=demo, ids=list(reversed(ids)))
    assert names(demo) == list(reversed(before))
    assert events(demo, "division.reorder") == 1


def test_reorder_refuses_another_agencys_division(demo, coordinator, other_agency):
    ids = list(Division.objects.filter(agency=demo).values_list("pk", flat=True))
    foreign = Division.objects.get(agency=other_agency).pk
    with pytest.raises(ValidationFailed):
        divisions_services.reorder_divisions(
            actor=coordinator, agency=demo, ids=[*ids[1:], foreign]
        )


def test_retire_and_restore(demo, coordinator):
    chang = division(demo, "กองช่าง")
    divisions_services.retire_division(actor=coordinator, division=chang)
    chang.refresh_from_db()
    assert chang.retired_at is not None
    assert chang not in Division.objects.filter(agency=demo).current()
    with pytest.raises(ValidationFailed, match="เลิกใช้อยู่แล้ว"):
        divisions_services.retire_division(actor=coordinator, division=chang)
    # a retired name cannot be added again: it is restored instead
    with pytest.raises(ValidationFailed, match="นำกลับมาใช้"):
        divisions_services.new_division(actor=coordinator, agency=demo, name="กองช่าง")
    divisions_services.restore_division(actor=coordinator, division=chang)
    chang.refresh_from_db()
    assert chang.retired_at is None
    with pytest.raises(ValidationFailed, match="ใช้งานอยู่แล้ว"):
        divisions_services.restore_division(actor=coordinator, division=chang)
    assert events(demo, "division.retire") == events(demo, "division.restore") == 1
    # never deleted: its measures keep it
    assert Measure.objects.filter(divisions=chang).exists()


def test_a_retired_division_is_not_offered_for_new_measures(demo, coordinator):
    chang = division(demo, "กองช่าง")
    old = Measure.objects.filter(agency=demo, divisions=chang).first()
    divisions_services.retire_division(actor=coordinator, division=chang)
    form = MeasureForm(agency=demo, fiscal_year=2566)
    assert chang not in form.fields["divisions"].queryset
    # ... but an old measure's edit form still shows (and keeps) it
    edit = MeasureForm(agency=demo, fiscal_year=old.fiscal_year, measure=old)
    assert chang in edit.fields["divisions"].queryset
    with pytest.raises(ValidationFailed, match="เลิกใช้แล้ว") as error:
        measures.create_measure(
            actor=coordinator,
            agency=demo,
            fiscal_year=2566,
            title="มาตรการใหม่",
            steps=["ขั้นตอน"],
            divisions=[chang],
        )
    assert error.value.field == "divisions"
    measures.update_measure(
        actor=coordinator,
        measure=old,
        expected_version=old.version,
        divisions=list(old.divisions.all()),
        title="ยังมีกองช่างอยู่",
    )
    assert chang in Measure.objects.get(pk=old.pk).divisions.all()
    # the ITA suggestions do not pick it either
    assert resolve_division(demo, "กองช่าง") != chang


def test_a_measure_without_the_retired_division_cannot_gain_it(demo, coordinator):
    palad = division(demo, "สำนักปลัด")
    chang = division(demo, "กองช่าง")
    measure = measures.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2566,
        title="มาตรการของสำนักปลัด",
        steps=["ขั้นตอน"],
        divisions=[palad],
    )
    divisions_services.retire_division(actor=coordinator, division=chang)
    with pytest.raises(ValidationFailed, match="เลิกใช้แล้ว"):
        measures.update_measure(
            actor=coordinator,
            measure=measure,
            expected_version=measure.version,
            divisions=[palad, chang],
        )
    assert list(Measure.objects.get(pk=measure.pk).divisions.all()) == [palad]


def test_a_published_report_keeps_the_old_name(
    demo, coordinator, executive, client, monkeypatch, django_capture_on_commit_callbacks
):
    from prongsai.public import services_reports

    monkeypatch.setattr(
        services_reports, "render_report_pdf", lambda *args: b"%PDF-1.4 fake report"
    )
    with django_capture_on_commit_callbacks(execute=True):
        publication = publish(coordinator, approve(executive, submit(coordinator)))
    before = client.get("/p/ummao/2565/").content.decode()
    assert "กองช่าง" in before
    divisions_services.rename_division(
        actor=coordinator, division=division(demo, "กองช่าง"), name="กองโยธาธิการ"
    )
    publication.refresh_from_db()
    shown = {name for m in publication.snapshot["measures"] for name in m["divisions"]}
    assert "กองช่าง" in shown and "กองโยธาธิการ" not in shown
    after = client.get("/p/ummao/2565/").content.decode()
    assert "กองช่าง" in after and "กองโยธาธิการ" not in after
