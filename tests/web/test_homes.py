"""The home each person lands on after log-in: what needs them, with counts, for the
fiscal year that needs them; each count links to the page where it is handled."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from prongsai.agencies.models import Membership
from prongsai.measures.models import Measure
from prongsai.measures.services import create_measure, report_status
from prongsai.public import services_cases, services_reports
from prongsai.public.models import Case, CaseKind, CaseState
from prongsai.thai.dates import fiscal_year_of


def counts(html: str) -> dict[str, int]:
    """id of each count's link → the count shown."""
    found = re.findall(r'id="((?:need|progress)-[\w-]+)"><b class="count">(\d+)</b>', html)
    return {key: int(value) for key, value in found}


def home(as_user, user) -> str:
    response = as_user(user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_coordinator_sees_overdue_measures_and_reports(as_user, demo, coordinator):
    html = home(as_user, coordinator)
    assert "<h1>งานที่รอท่าน</h1>" in html
    assert "ปีงบประมาณ 2565" in html  # the current year has no measures: the latest that has
    # measures 1, 2, 5 are in progress and their follow-up date (31 Mar 2022) has passed
    assert counts(html) == {"need-overdue": 3, "need-to-submit": 2, "need-returned": 0}
    assert 'href="/a/ummao/2565/?need=overdue"' in html
    assert 'href="/a/ummao/2565/reports/"' in html
    current = fiscal_year_of(dt.date.today())
    assert f"ปีงบประมาณปัจจุบัน ({current}) ยังไม่มีมาตรการ" in html
    assert f'href="/a/ummao/{current}/" id="start-current-year"' in html


def test_a_returned_report_and_a_done_measure_change_the_coordinator_counts(
    as_user, demo, coordinator, executive
):
    membership = Membership.objects.get(user=coordinator)
    report = services_reports.submit_report(
        membership=membership, fiscal_year=2565, kind="implementation", as_of=dt.date(2022, 3, 31)
    )
    services_reports.decide_report(
        membership=Membership.objects.get(user=executive),
        report=report,
        approve=False,
        comment="แก้ไขวันที่",
        expected_version=report.version,
    )
    report_status(
        actor=coordinator,
        measure=Measure.objects.get(agency=demo, fiscal_year=2565, number=1),
        status="done",
        reported_on=dt.date(2022, 6, 30),
    )
    assert counts(home(as_user, coordinator)) == {
        "need-overdue": 2,
        "need-to-submit": 1,
        "need-returned": 1,
    }


def test_executive_sees_reports_waiting_for_approval(as_user, demo, coordinator, executive):
    assert counts(home(as_user, executive)) == {"need-waiting": 0}
    membership = Membership.objects.get(user=coordinator)
    for kind in ("implementation", "measures"):
        services_reports.submit_report(
            membership=membership, fiscal_year=2565, kind=kind, as_of=dt.date(2022, 3, 31)
        )
    html = home(as_user, executive)
    assert counts(html) == {"need-waiting": 2}
    assert 'href="/a/ummao/2565/reports/" id="need-waiting"' in html


def test_reporter_sees_own_divisions_measures_without_a_recent_update(
    as_user, demo, reporter_chang, reporter_palad
):
    # กองช่าง: measures 1, 2, 5 (all in progress, last reported in the demo's past)
    html = home(as_user, reporter_chang)
    assert counts(html) == {"need-stale": 3}
    assert 'href="/a/ummao/2565/?division=mine&amp;need=stale"' in html
    # สำนักปลัด: 1, 2, 4, 5, 6 — 4 and 6 are done and need no update
    assert counts(home(as_user, reporter_palad)) == {"need-stale": 3}
    # an update today takes the measure off the list
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=2)
    report_status(
        actor=reporter_chang, measure=measure, status="in_progress", reported_on=dt.date.today()
    )
    html = home(as_user, reporter_chang)
    assert counts(html) == {"need-stale": 2}
    assert f"/a/ummao/m/{measure.pk}/status/" not in html
    # the link leads to the same measures on the agency-year page
    page = as_user(reporter_chang).get("/a/ummao/2565/?division=mine&need=stale")
    assert page.content.decode().count("/a/ummao/m/") == 2


def test_viewer_sees_the_years_progress(as_user, demo, viewer):
    html = home(as_user, viewer)
    assert counts(html) == {
        "progress-done": 3,
        "progress-in_progress": 3,
        "progress-not_started": 0,
    }
    assert 'href="/a/ummao/2565/?status=done"' in html


def _case(agency, subject, state=CaseState.RECEIVED):
    case, _receipt = services_cases.submit_feedback(
        agency=agency, kind=CaseKind.COMMENT, subject=subject, body="รายละเอียด"
    )
    officer = Membership.objects.get(agency=agency, role="complaint_officer")
    if state == CaseState.IN_REVIEW:
        services_cases.change_case_state(
            membership=officer, case=case, state=state, expected_state=CaseState.RECEIVED
        )
    elif state == CaseState.ANSWERED:
        services_cases.reply(membership=officer, case=case, body="ตอบแล้ว")
    return case


def test_complaint_officer_sees_new_cases_and_the_oldest_unanswered(
    as_user, demo, complaint_officer
):
    html = home(as_user, complaint_officer)
    assert counts(html) == {"need-new-cases": 0}
    assert "ไม่มีเรื่องที่รอตอบ" in html
    oldest = _case(demo, "ถนนชำรุด", CaseState.IN_REVIEW)
    Case.objects.filter(pk=oldest.pk).update(created_at=timezone.now() - dt.timedelta(days=9))
    _case(demo, "ไฟทางดับ")
    _case(demo, "ขอบคุณ")
    _case(demo, "ตอบแล้ว", CaseState.ANSWERED)
    html = home(as_user, complaint_officer)
    assert counts(html) == {"need-new-cases": 2}
    assert f'href="/a/ummao/complaints/{oldest.pk}/" id="need-oldest-case"' in html
    assert "ถนนชำรุด" in html


def test_the_current_year_is_chosen_once_it_has_measures(as_user, demo, coordinator):
    current = fiscal_year_of(dt.date.today())
    create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=current,
        title="มาตรการปีนี้",
        steps=["ขั้นตอน"],
        divisions=list(demo.divisions.all()[:1]),
        due_date=dt.date.today() - dt.timedelta(days=1),
    )
    html = home(as_user, coordinator)
    assert f"ปีงบประมาณ {current}" in html
    assert counts(html)["need-overdue"] == 1


ROLES = ["coordinator", "reporter_chang", "executive", "viewer", "complaint_officer"]


@pytest.mark.parametrize("persona", ROLES)
def test_the_home_reads_in_a_fixed_number_of_queries(
    request, persona, demo, coordinator, as_user, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = request.getfixturevalue(persona)
    client = as_user(user)
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    # more of everything: measures with updates, reports, cases
    for n in range(5):
        measure = create_measure(
            actor=coordinator,
            agency=demo,
            fiscal_year=2565,
            title=f"มาตรการเพิ่ม {n}",
            steps=["ขั้นตอน"],
            divisions=list(demo.divisions.all()),
            due_date=dt.date(2022, 1, 1),
        )
        report_status(actor=coordinator, measure=measure, status="in_progress")
        _case(demo, f"เรื่อง {n}")
    services_reports.submit_report(
        membership=Membership.objects.get(user=coordinator),
        fiscal_year=2565,
        kind="measures",
        as_of=dt.date(2022, 3, 31),
    )
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get("/").status_code == 200
    assert len(before.captured_queries) <= 10
