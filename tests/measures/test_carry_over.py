"""Carrying measures over into a later fiscal year (measures.services.carry_over)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from prongsai.audit.models import AuditEvent
from prongsai.audit.services import verify_chain, verify_rows
from prongsai.core.errors import ValidationFailed
from prongsai.measures import services
from prongsai.measures.models import Measure, Status, StatusUpdate
from prongsai.thai.dates import fiscal_year_of


def this_year() -> int:
    return fiscal_year_of(timezone.localdate())


def of_2565(demo, *numbers):
    return list(Measure.objects.filter(agency=demo, fiscal_year=2565, number__in=numbers))


def pks(measures):
    return [m.pk for m in measures]


def test_carried_measures_copy_their_fields_and_start_not_started(demo, coordinator):
    source = Measure.objects.get(agency=demo, fiscal_year=2565, number=5)
    Measure.objects.filter(pk=source.pk).update(short_name="มีมาตรการลดขั้นตอน")
    source.refresh_from_db()
    year = this_year()
    before = AuditEvent.objects.filter(agency=demo).count()
    [carried] = services.carry_over(coordinator, demo, 2565, year, [source.pk])
    carried.refresh_from_db()
    assert carried.fiscal_year == year and carried.carried_from == source
    assert list(source.carried_to.all()) == [carried]
    for name in ("title", "short_name", "steps", "monitoring", "indicator_codes"):
        assert getattr(carried, name) == getattr(source, name), name
    assert len(carried.steps) == 4
    assert set(carried.divisions.all()) == set(source.divisions.all())
    # the follow-up date moves by the years between: 31 March 2022 (2565) → 31 March of `year`
    assert carried.due_date == dt.date(2022 + year - 2565, 3, 31)
    # its status: not started, as of the carry-over day, reported by the coordinator
    [update] = StatusUpdate.objects.filter(measure=carried)
    assert update.status == Status.NOT_STARTED
    assert update.reported_on == timezone.localdate() and update.created_by == coordinator
    # the earlier measure is untouched
    assert Measure.objects.with_current_status().get(pk=source.pk).current_status == "in_progress"
    # one audit event per measure, binding the measure and its update; the chain holds
    events = AuditEvent.objects.filter(agency=demo).order_by("seq")[before:]
    assert [e.action for e in events] == ["measure.carry_over"]
    assert events[0].payload["carried_from"] == source.pk
    assert events[0].payload["from_number"] == 5
    assert verify_chain(demo).ok
    # only the short name this test wrote without a service shows as changed
    problems = [(p.pk, p.text.split(" since ")[0]) for p in verify_rows(demo)]
    assert problems == [(str(source.pk), "short_name changed")]


def test_numbers_continue_after_those_of_the_year(demo, coordinator):
    year = this_year()
    services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=year,
        title="มาตรการใหม่ของปีนี้",
        steps=["ขั้นตอน"],
        divisions=list(demo.divisions.all()[:1]),
    )
    carried = services.carry_over(coordinator, demo, 2565, year, pks(of_2565(demo, 5, 1, 2)))
    # in the order of their old numbers, after measure 1 of the year
    assert [(m.number, m.carried_from.number) for m in carried] == [(2, 1), (3, 2), (4, 5)]
    more = services.carry_over(coordinator, demo, 2565, year, pks(of_2565(demo, 3)))
    assert [m.number for m in more] == [5]


def test_a_measure_is_carried_into_a_year_once(demo, coordinator):
    year = this_year()
    services.carry_over(coordinator, demo, 2565, year, pks(of_2565(demo, 1, 2)))
    count = Measure.objects.filter(agency=demo, fiscal_year=year).count()
    with pytest.raises(ValidationFailed) as refused:
        services.carry_over(coordinator, demo, 2565, year, pks(of_2565(demo, 2, 3)))
    assert str(refused.value) == f"มาตรการลำดับที่ 2 ของปี 2565 ยกไปปี {year} แล้ว ยกซ้ำไม่ได้"
    # all or nothing: measure 3, which was fine, was not carried either
    assert Measure.objects.filter(agency=demo, fiscal_year=year).count() == count
    # another year may still take it (here: the next one)
    services.carry_over(coordinator, demo, 2565, year + 1, pks(of_2565(demo, 2)))


def test_measures_of_another_agency_or_year_are_refused(demo, coordinator, other_agency):
    year = this_year()
    theirs = services.create_measure(
        actor="test",
        agency=other_agency,
        fiscal_year=2565,
        title="มาตรการของหน่วยงานอื่น",
        steps=["ขั้นตอน"],
        divisions=list(other_agency.divisions.all()),
    )
    mine = of_2565(demo, 1)[0]
    for chosen in ([theirs.pk], [mine.pk, theirs.pk], [10**9]):
        with pytest.raises(ValidationFailed, match="ไม่ใช่มาตรการของปีงบประมาณ 2565 ของหน่วยงานนี้"):
            services.carry_over(coordinator, demo, 2565, year, chosen)
    # a measure of 2565 named as if it were of another year
    with pytest.raises(ValidationFailed, match="ไม่ใช่มาตรการของปีงบประมาณ 2564"):
        services.carry_over(coordinator, demo, 2564, year, [mine.pk])
    assert not Measure.objects.filter(agency=demo, fiscal_year=year).exists()
    assert not Measure.objects.filter(carried_from=theirs).exists()


@pytest.mark.parametrize("to_year", [2565, 2564])
def test_the_target_year_must_be_later(demo, coordinator, to_year):
    with pytest.raises(ValidationFailed, match="หลังปี 2565"):
        services.carry_over(coordinator, demo, 2565, to_year, pks(of_2565(demo, 1)))
    assert Measure.objects.filter(agency=demo).count() == 6


def test_no_further_than_the_next_fiscal_year(demo, coordinator):
    with pytest.raises(ValidationFailed, match=f"ถึงปีงบประมาณ {this_year() + 1}"):
        services.carry_over(coordinator, demo, 2565, this_year() + 2, pks(of_2565(demo, 1)))


def test_nothing_chosen_is_refused(demo, coordinator):
    with pytest.raises(ValidationFailed, match="อย่างน้อยหนึ่งรายการ"):
        services.carry_over(coordinator, demo, 2565, this_year(), [])


def test_retired_divisions_are_dropped(demo, coordinator):
    chang = demo.divisions.get(name="กองช่าง")
    chang.retired_at = timezone.now()
    chang.save()
    source = of_2565(demo, 1)[0]
    [carried] = services.carry_over(coordinator, demo, 2565, this_year(), [source.pk])
    names = set(carried.divisions.values_list("name", flat=True))
    assert names == {"สำนักปลัด", "กองคลัง", "กองการศึกษา"}
    assert source.divisions.filter(pk=chang.pk).exists()  # the past keeps it


def test_a_measure_whose_divisions_all_retired_is_refused(demo, coordinator):
    demo.divisions.filter(name="กองคลัง").update(retired_at=timezone.now())
    with pytest.raises(ValidationFailed, match="มาตรการลำดับที่ 3 ไม่มีผู้รับผิดชอบ"):
        services.carry_over(coordinator, demo, 2565, this_year(), pks(of_2565(demo, 1, 3)))
    assert not Measure.objects.filter(agency=demo, fiscal_year=this_year()).exists()


@pytest.mark.parametrize("persona", ["reporter_chang", "executive", "viewer", "outsider"])
def test_only_a_coordinator_of_the_agency_carries_over(demo, request, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.carry_over(user, demo, 2565, this_year(), pks(of_2565(demo, 1)))
    assert not Measure.objects.filter(agency=demo, fiscal_year=this_year()).exists()


def test_a_29_february_follow_up_date_moves_to_28_february(demo, coordinator):
    source = of_2565(demo, 1)[0]
    Measure.objects.filter(pk=source.pk).update(due_date=dt.date(2024, 2, 29))
    year = this_year()
    [carried] = services.carry_over(coordinator, demo, 2565, year, [source.pk])
    target = 2024 + year - 2565
    leap = target % 4 == 0 and (target % 100 != 0 or target % 400 == 0)
    assert carried.due_date == dt.date(target, 2, 29 if leap else 28)


def test_the_history_says_what_was_carried(demo, coordinator, as_user):
    year = this_year()
    services.carry_over(coordinator, demo, 2565, year, pks(of_2565(demo, 5)))
    html = as_user(coordinator).get("/a/ummao/history/").content.decode()
    assert "ยกมาตรการที่ 5 ของปี 2565 มาเป็นมาตรการที่ 1: " in html
