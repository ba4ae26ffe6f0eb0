"""Approval: the coordinator submits, the executive approves or returns with a comment, and
only approved reports can be published. Who and when is recorded."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.urls import reverse
from tests.pending_catalogue import refusal
from tests.public.helpers import AS_OF, YEAR, approve, membership_of, publish, submit

from prongsai.agencies.models import Role
from prongsai.audit.models import AuditEvent
from prongsai.audit.services import verify_chain
from prongsai.core.errors import ValidationFailed
from prongsai.memos.kinds import MemoKind
from prongsai.public import services_reports
from prongsai.public.models import (
    Publication,
    Report,
    ReportDecision,
    ReportState,
)
from prongsai.public.services import role_label

# A refusal names the role that may act.
COORDINATOR = re.escape(role_label(Role.COORDINATOR))
EXECUTIVE = re.escape(role_label(Role.EXECUTIVE))


def test_submit_approve_publish_records_who_and_when(demo, coordinator, executive, fake_pdf):
    report = submit(coordinator)
    assert report.state == ReportState.SUBMITTED and report.as_of == AS_OF
    with pytest.raises(ValidationFailed, match="เฉพาะรายงานที่ผู้บริหารอนุมัติแล้ว"):
        publish(coordinator, report)
    report = approve(executive, report)
    assert report.state == ReportState.APPROVED
    publication = publish(coordinator, report)

    history = list(report.decisions.order_by("created_at", "pk"))
    assert [(d.decision, d.actor, d.actor_role) for d in history] == [
        ("submitted", coordinator, "ผู้ประสานงาน ITA"),
        ("approved", executive, "ผู้บริหาร"),
    ]
    assert all(d.created_at for d in history)
    assert publication.published_by == coordinator
    assert publication.published_by_role == "ผู้ประสานงาน ITA"
    assert publication.approved_by_role == "ผู้บริหาร"
    assert publication.approved_at == history[1].created_at
    assert publication.matches_approval
    actions = list(
        AuditEvent.objects.filter(agency=demo, action__startswith="report.").values_list(
            "action", flat=True
        )
    )
    assert actions == ["report.submit", "report.approve", "report.publish"]
    assert verify_chain(demo).ok


def test_returned_report_cannot_be_published_and_needs_a_comment(
    demo, coordinator, executive, fake_pdf
):
    report = submit(coordinator)
    with pytest.raises(ValidationFailed, match="ระบุเหตุผล"):
        services_reports.decide_report(
            membership=membership_of(executive),
            report=report,
            approve=False,
            comment="  ",
            expected_version=report.version,
        )
    report = services_reports.decide_report(
        membership=membership_of(executive),
        report=report,
        approve=False,
        comment="แก้ไขวันที่ของข้อมูลให้ตรงกับรอบ 6 เดือน",
        expected_version=report.version,
    )
    assert report.state == ReportState.RETURNED
    assert report.decisions.first().comment == "แก้ไขวันที่ของข้อมูลให้ตรงกับรอบ 6 เดือน"
    with pytest.raises(ValidationFailed, match="เฉพาะรายงานที่ผู้บริหารอนุมัติแล้ว"):
        publish(coordinator, report)
    assert Publication.objects.count() == 0
    # Sent again, it is a new version; the old approval form no longer applies.
    again = submit(coordinator, as_of=dt.date(2022, 3, 30))
    assert again.version == 2 and again.state == ReportState.SUBMITTED
    with pytest.raises(ValidationFailed, match="ส่งใหม่"):
        services_reports.decide_report(
            membership=membership_of(executive), report=again, approve=True, expected_version=1
        )


def test_only_the_right_roles_act(demo, coordinator, executive, viewer, reporter_chang, fake_pdf):
    with pytest.raises(PermissionDenied, match=COORDINATOR):
        submit(executive)
    with pytest.raises(PermissionDenied, match=COORDINATOR):
        submit(reporter_chang)
    report = submit(coordinator)
    for persona in (coordinator, viewer):
        with pytest.raises(PermissionDenied, match=EXECUTIVE):
            approve(persona, report)
    report = approve(executive, report)
    with pytest.raises(PermissionDenied, match=COORDINATOR):
        publish(executive, report)


def test_submit_twice_and_bad_dates_are_refused(demo, coordinator):
    submit(coordinator)
    with pytest.raises(ValidationFailed, match="รอผู้บริหาร"):
        submit(coordinator)
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(ValidationFailed, match="ไม่เกินวันนี้"):
        submit(coordinator, kind=MemoKind.MEASURES, as_of=tomorrow)
    with pytest.raises(ValidationFailed, match="ไม่รู้จัก"):
        submit(coordinator, kind="budget")


def test_a_year_without_measures_cannot_be_submitted(demo, coordinator):
    with pytest.raises(ValidationFailed, match="ยังไม่มีมาตรการ"):
        services_reports.submit_report(
            membership=membership_of(coordinator),
            fiscal_year=2566,
            kind=MemoKind.MEASURES,
            as_of=dt.date(2022, 12, 1),
        )


def test_decisions_are_append_only(demo, coordinator):
    submit(coordinator)
    decision = ReportDecision.objects.get()
    decision.comment = "changed"
    with pytest.raises(DatabaseError), transaction.atomic():
        decision.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        ReportDecision.objects.all().delete()


def test_approval_notes_when_measures_changed_before_publishing(
    demo, coordinator, executive, fake_pdf
):
    """Only what the executive approved is published: a measure edited after the approval
    stops the publication until the report is submitted and approved again."""
    from prongsai.measures import services as measures
    from prongsai.measures.models import Measure

    report = approve(executive, submit(coordinator))
    measure = Measure.objects.get(agency=demo, fiscal_year=YEAR, number=2)
    measures.update_measure(
        actor=coordinator, measure=measure, expected_version=measure.version, title="แก้ชื่อ"
    )
    found = refusal(ValidationFailed, lambda: publish(coordinator, report))
    assert "เปลี่ยนไปหลังผู้บริหารอนุมัติ" in found.th and "ส่งขออนุมัติใหม่" in found.th
    assert "changed since the executive approved them" in found.en
    assert "submit it for approval again" in found.en
    assert Publication.objects.count() == 0 and not fake_pdf  # refused before rendering
    assert not AuditEvent.objects.filter(action="report.publish").exists()

    report = approve(executive, submit(coordinator))
    assert report.version == 2
    publication = publish(coordinator, report)
    assert publication.matches_approval is True
    assert publication.snapshot["measures"][1]["title"] == "แก้ชื่อ"
    assert AuditEvent.objects.get(action="report.publish").payload["matches_approval"] is True


def test_the_approval_is_checked_again_under_the_lock(
    demo, coordinator, executive, fake_pdf, monkeypatch
):
    """The check before rendering saves the work; the one inside the transaction decides."""
    from prongsai.measures import services as measures
    from prongsai.measures.models import Measure

    report = approve(executive, submit(coordinator))
    measure = Measure.objects.get(agency=demo, fiscal_year=YEAR, number=2)
    measures.update_measure(
        actor=coordinator, measure=measure, expected_version=measure.version, title="แก้ชื่อ"
    )
    real = services_reports.current_approval
    looked = []

    def blind_at_first(report):
        looked.append(report.pk)
        return None if len(looked) == 1 else real(report)

    monkeypatch.setattr(services_reports, "current_approval", blind_at_first)
    with pytest.raises(ValidationFailed, match="เปลี่ยนไปหลังผู้บริหารอนุมัติ"):
        publish(coordinator, report)
    assert len(looked) == 2 and len(fake_pdf) == 1
    assert Publication.objects.count() == 0


# --- views ---------------------------------------------------------------------------------


CONFIRM = {"confirm": "1"}  # the ticked confirmation box


def url(name, *args):
    return reverse(f"public:{name}", args=["ummao", YEAR, *args])


def test_the_approval_journey_through_the_views(demo, coordinator, executive, as_user, fake_pdf):
    coord, exe = as_user(coordinator), as_user(executive)
    page = coord.get(url("reports"))
    assert page.status_code == 200 and "ส่งขออนุมัติ" in page.content.decode()
    response = coord.post(url("report_submit", "implementation"), {"as_of": "31/03/2565"})
    assert response.status_code == 302
    report = Report.objects.get()
    page = exe.get(url("reports")).content.decode()
    assert "รออนุมัติ" in page and 'value="approve"' in page
    response = exe.post(
        url("report_decide", "implementation"),
        {"decision": "return", "comment": "", "version": report.version},
    )
    assert response.status_code == 400
    assert "ระบุเหตุผล" in response.content.decode()
    response = exe.post(
        url("report_decide", "implementation"), {"decision": "approve", "version": report.version}
    )
    assert response.status_code == 302
    assert coord.post(url("report_publish", "implementation"), CONFIRM).status_code == 302
    page = coord.get(url("reports")).content.decode()
    assert "/p/ummao/2565/" in page


@pytest.mark.parametrize(
    "persona, submit_code, decide_code, publish_code",
    [
        ("coordinator", 302, 403, 302),
        ("executive", 403, 302, 403),
        ("reporter_chang", 403, 403, 403),
        ("viewer", 403, 403, 403),
        ("complaint_officer", 403, 403, 403),
        ("outsider", 404, 404, 404),
    ],
)
def test_report_actions_per_persona(
    request,
    demo,
    coordinator,
    executive,
    as_user,
    fake_pdf,
    persona,
    submit_code,
    decide_code,
    publish_code,
):
    client = as_user(request.getfixturevalue(persona))
    assert client.post(url("report_submit", "measures"), {"as_of": "31/03/2565"}).status_code == (
        submit_code
    )
    report = submit(coordinator) if persona != "coordinator" else Report.objects.get()
    assert (
        client.post(
            url("report_decide", report.kind), {"decision": "approve", "version": report.version}
        ).status_code
        == decide_code
    )
    report.refresh_from_db()
    if report.state != ReportState.APPROVED:
        approve(executive, report)
    assert client.post(url("report_publish", report.kind), CONFIRM).status_code == publish_code


@pytest.mark.parametrize(
    "persona, code",
    [
        ("coordinator", 200),
        ("executive", 200),
        ("reporter_chang", 200),
        ("viewer", 200),
        ("complaint_officer", 403),
        ("outsider", 404),
    ],
)
def test_reports_page_per_persona(request, demo, as_user, persona, code):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(url("reports")).status_code == code


def test_anonymous_is_sent_to_log_in(demo, client):
    response = client.get(url("reports"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(url("report_publish", "measures"), CONFIRM).status_code == 302
    assert Publication.objects.count() == 0


def test_unknown_kind_is_404(demo, coordinator, as_user):
    assert as_user(coordinator).post(url("report_submit", "budget"), {}).status_code == 404


def test_preview_renders_the_memo(demo, coordinator, as_user, fake_pdf):
    response = as_user(coordinator).get(url("report_preview", "implementation"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_reports_page_offers_to_submit_again_when_measures_changed_after_approval(
    demo, coordinator, executive, as_user, fake_pdf
):
    from prongsai.measures import services as measures
    from prongsai.measures.models import Measure

    coord = as_user(coordinator)
    publish_action = f'action="{url("report_publish", "implementation")}"'
    approve(executive, submit(coordinator))
    page = coord.get(url("reports")).content.decode()
    assert publish_action in page and "stale-implementation" not in page

    measure = Measure.objects.get(agency=demo, fiscal_year=YEAR, number=2)
    measures.update_measure(
        actor=coordinator, measure=measure, expected_version=measure.version, title="แก้ชื่อ"
    )
    page = coord.get(url("reports")).content.decode()
    assert publish_action not in page  # no form to publish…
    assert '<button type="button" disabled aria-describedby="stale-implementation">' in page
    assert 'id="stale-implementation"' in page and "จึงเผยแพร่ไม่ได้" in page
    assert f'action="{url("report_submit", "implementation")}"' in page  # …but to resubmit
    assert "ส่งขออนุมัติใหม่" in page

    response = coord.post(url("report_publish", "implementation"), CONFIRM)  # an old tab
    assert response.status_code == 400
    assert "เปลี่ยนไปหลังผู้บริหารอนุมัติ" in response.content.decode()
    assert Publication.objects.count() == 0

    assert (
        coord.post(url("report_submit", "implementation"), {"as_of": "31/03/2565"}).status_code
        == 302
    )
    report = Report.objects.get(kind=MemoKind.IMPLEMENTATION)
    approve(executive, report)
    page = coord.get(url("reports")).content.decode()
    assert publish_action in page and "stale-implementation" not in page
    assert coord.post(url("report_publish", "implementation"), CONFIRM).status_code == 302
    assert Publication.objects.get().snapshot["measures"][1]["title"] == "แก้ชื่อ"


def test_only_the_approval_of_the_current_version_counts(demo, coordinator, executive):
    """The page and publish read the approval state from the same selector."""
    from prongsai.public import selectors

    report = approve(executive, submit(coordinator))
    approval = selectors.current_approval(report)
    assert approval is not None and approval.report_version == report.version
    row = {r.kind: r for r in selectors.report_rows(demo, YEAR)}["implementation"]
    assert row.state == ReportState.APPROVED and not row.approved_changed
    assert [d.decision for d in row.decisions] == ["approved", "submitted"]
    again = submit(coordinator)  # a new version: the earlier approval no longer applies
    assert selectors.current_approval(again) is None
    assert not selectors.approval_outdated(None, "whatever")
    assert selectors.approval_outdated(approval, "0" * 64)


def test_publishing_needs_the_ticked_confirmation(demo, coordinator, executive, as_user, fake_pdf):
    coord = as_user(coordinator)
    approve(executive, submit(coordinator))
    page = coord.get(url("reports")).content.decode()
    assert 'name="confirm" value="1" id="confirm-implementation" required' in page
    response = coord.post(url("report_publish", "implementation"))  # box not ticked
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="confirm-implementation-error"' in text and "กรุณาติ๊กยืนยันการเผยแพร่" in text
    assert coord.post(url("report_publish", "implementation"), {"confirm": "0"}).status_code == 400
    assert Publication.objects.count() == 0


def test_after_publishing_the_page_shows_the_public_link_not_the_button(
    demo, coordinator, executive, as_user, fake_pdf
):
    coord = as_user(coordinator)
    approve(executive, submit(coordinator))
    response = coord.post(url("report_publish", "implementation"), CONFIRM)
    assert response.status_code == 302 and response["Location"] == url("reports")
    page = coord.get(url("reports")).content.decode()  # the redirect's GET: a reload is safe
    assert Publication.objects.count() == 1
    assert f'action="{url("report_publish", "implementation")}"' not in page
    assert 'id="published-implementation"' in page
    assert 'href="/p/ummao/2565/">http://testserver/p/ummao/2565/</a>' in page
    # The other report, approved later, still offers to publish.
    approve(executive, submit(coordinator, kind=MemoKind.MEASURES))
    page = coord.get(url("reports")).content.decode()
    assert f'action="{url("report_publish", "measures")}"' in page
    assert 'id="published-implementation"' in page


def test_report_errors_are_shown_next_to_their_field_once(
    demo, coordinator, executive, as_user, fake_pdf
):
    coord, exe = as_user(coordinator), as_user(executive)
    future = coord.post(url("report_submit", "implementation"), {"as_of": "01/01/2642"})
    assert future.status_code == 400
    page = future.content.decode()
    field = page[page.index('id="as_of-implementation"') :]
    assert field.index("วันที่ต้องไม่หลัง") < field.index("</form>")
    assert page.count("วันที่ต้องไม่หลัง") == 1  # not again at the top
    report = submit(coordinator)
    returned = exe.post(
        url("report_decide", "implementation"),
        {"decision": "return", "comment": "", "version": report.version},
    )
    page = returned.content.decode()
    assert 'id="comment-implementation-error"' in page
    assert page.count("กรุณาระบุเหตุผล") == 1
    # An error whose field is not on the page stands at the top of its report.
    again = coord.post(url("report_submit", "implementation"), {"as_of": "31/03/2565"})
    page = again.content.decode()
    assert again.status_code == 400 and 'id="error-implementation"' in page
    assert "รอผู้บริหารพิจารณา" in page
