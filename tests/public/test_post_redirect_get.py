"""Post/Redirect/Get on every form that creates something: the POST answers 302, and the
page it leads to, reloaded, creates nothing more (the audit chain counts every write)."""

import pytest
from django.urls import reverse
from tests.public.helpers import YEAR

from prongsai.assessments.models import ItaResult
from prongsai.audit.models import AuditEvent
from prongsai.measures.models import Measure, StatusUpdate
from prongsai.public import services_cases
from prongsai.public.models import Case, CaseMessage, Publication, Report, ReportDecision


def post_then_reload(client, url, data):
    """POST, check the redirect, then GET its target twice (the reload)."""
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    written = AuditEvent.objects.count()
    for _reload in range(2):
        assert client.get(response["Location"]).status_code == 200
    assert AuditEvent.objects.count() == written  # the reloads wrote nothing
    return response


def measure(demo, number=3):
    return Measure.objects.get(agency=demo, fiscal_year=2565, number=number)


def test_status_update(demo, coordinator, as_user):
    before = StatusUpdate.objects.count()
    post_then_reload(
        as_user(coordinator),
        reverse("status_create", args=["ummao", measure(demo).pk]),
        {"status": "done", "note": "เสร็จ", "reported_on": "31/03/2565"},
    )
    assert StatusUpdate.objects.count() == before + 1


def test_measure_create(demo, coordinator, as_user):
    post_then_reload(
        as_user(coordinator),
        reverse("measure_create", args=["ummao", 2566]),
        {
            "title": "เปิดเผยข้อมูลจัดซื้อจัดจ้าง",
            "steps": "ขั้นที่หนึ่ง",
            "divisions": [demo.divisions.get(name="กองคลัง").pk],
            "monitoring": "",
            "due_date": "",
            "indicator_codes": "",
        },
    )
    assert Measure.objects.filter(agency=demo, fiscal_year=2566).count() == 1


def test_ita_result(demo, coordinator, as_user):
    data = {"version": "0", "published_total": "", "published_band": "", "published_rating": ""}
    data.update({f"ind_{n}": "90" for n in range(1, 11)})
    post_then_reload(
        as_user(coordinator), reverse("assessments:result", args=["ummao", 2565]), data
    )
    assert ItaResult.objects.filter(agency=demo, fiscal_year=2565).count() == 1


def test_report_submit_decide_publish(demo, coordinator, executive, as_user, fake_pdf):
    def report_url(name, kind="implementation"):
        return reverse(f"public:{name}", args=["ummao", YEAR, kind])

    post_then_reload(as_user(coordinator), report_url("report_submit"), {"as_of": "31/03/2565"})
    report = Report.objects.get()
    decisions = ReportDecision.objects.count()
    post_then_reload(
        as_user(executive),
        report_url("report_decide"),
        {"decision": "approve", "version": report.version},
    )
    assert ReportDecision.objects.count() == decisions + 1
    post_then_reload(as_user(coordinator), report_url("report_publish"), {"confirm": "1"})
    assert Publication.objects.count() == 1


def test_officer_reply_and_state_change(demo, client, complaint_officer, as_user):
    case, _receipt = services_cases.submit_feedback(
        agency=demo, kind="complaint", subject="เรื่อง", body="รายละเอียด", contact="", files=[]
    )
    officer = as_user(complaint_officer)
    post_then_reload(
        officer, reverse("public:case_reply", args=["ummao", case.pk]), {"body": "รับเรื่องแล้ว"}
    )
    assert CaseMessage.objects.filter(case=case).count() == 2
    case.refresh_from_db()
    post_then_reload(
        officer,
        reverse("public:case_state", args=["ummao", case.pk]),
        {"state": "closed", "expected_state": case.state},
    )
    case.refresh_from_db()
    assert case.state == "closed"


def test_a_refused_state_change_is_said_by_the_buttons(demo, complaint_officer, as_user):
    case, _receipt = services_cases.submit_feedback(
        agency=demo, kind="complaint", subject="เรื่อง", body="รายละเอียด", contact="", files=[]
    )
    response = as_user(complaint_officer).post(
        reverse("public:case_state", args=["ummao", case.pk]),
        {"state": "in_review", "expected_state": "closed"},  # an old tab
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="state-error"' in page
    state_form = 'action="' + reverse("public:case_state", args=["ummao", case.pk])
    assert page.index('id="state-error"') < page.index(state_form)


@pytest.mark.parametrize("kind", ["complaint", "praise"])
def test_public_feedback(demo, client, kind):
    post_then_reload(
        client,
        "/p/ummao/feedback/",
        {"kind": kind, "subject": "หัวเรื่อง", "body": "รายละเอียด", "contact": ""},
    )
    assert Case.objects.count() == 1
