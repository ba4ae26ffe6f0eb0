"""Only the agency's complaint officers see cases (a complaint may be about a colleague or
the executive): every other persona gets 403, other agencies 404, anonymous the log-in."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.public.helpers import membership_of
from tests.public.test_feedback import send

from prongsai.agencies.models import Role
from prongsai.audit.models import AuditEvent
from prongsai.core.errors import ValidationFailed
from prongsai.public import services_cases
from prongsai.public.models import Case, CaseState
from prongsai.public.services import role_label

# The refusal names the role that may act.
OFFICER = re.escape(role_label(Role.COMPLAINT_OFFICER))

OTHERS = [
    ("coordinator", 403),
    ("reporter_chang", 403),
    ("reporter_palad", 403),
    ("executive", 403),
    ("viewer", 403),
    ("outsider", 404),
]


@pytest.fixture
def case(demo, client):
    send(client, files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 evidence")])
    return Case.objects.get()


def case_urls(case):
    attachment = case.attachments.get()
    return {
        "get": [
            reverse("public:inbox", args=["ummao"]),
            reverse("public:case_detail", args=["ummao", case.pk]),
            reverse("public:case_attachment", args=["ummao", case.pk, attachment.pk]),
        ],
        "post": [
            (reverse("public:case_reply", args=["ummao", case.pk]), {"body": "ตอบ"}),
            (
                reverse("public:case_state", args=["ummao", case.pk]),
                {"state": "in_review", "expected_state": "received"},
            ),
        ],
    }


def test_complaint_officer_sees_and_handles_the_case(case, complaint_officer, as_user):
    client = as_user(complaint_officer)
    urls = case_urls(case)
    inbox = client.get(urls["get"][0])
    assert inbox.status_code == 200 and case.subject in inbox.content.decode()
    detail = client.get(urls["get"][1]).content.decode()
    assert "เจ้าหน้าที่เรียกเงินเพิ่มนอกเหนือค่าธรรมเนียม" in detail
    download = client.get(urls["get"][2])
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == b"%PDF-1.4 evidence"
    state_url, state_data = urls["post"][1]
    assert client.post(state_url, state_data).status_code == 302
    reply_url, reply_data = urls["post"][0]
    assert client.post(reply_url, reply_data).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.ANSWERED


@pytest.mark.parametrize("persona, code", OTHERS)
def test_every_other_persona_is_refused(request, case, as_user, persona, code):
    client = as_user(request.getfixturevalue(persona))
    urls = case_urls(case)
    for url in urls["get"]:
        assert client.get(url).status_code == code, url
    for url, data in urls["post"]:
        assert client.post(url, data).status_code == code, url
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED and case.messages.count() == 1


def test_anonymous_is_sent_to_log_in(case, client):
    urls = case_urls(case)
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    for url, data in urls["post"]:
        assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.messages.count() == 1


def test_officer_of_another_agency_gets_404(case, other_agency, as_user):
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import Role
    from prongsai.registry.services import set_membership

    officer = get_user_model().objects.create_user("samruean-complaints")
    set_membership(actor="test", agency=other_agency, user=officer, role=Role.COMPLAINT_OFFICER)
    client = as_user(officer)
    assert client.get(reverse("public:inbox", args=["samruean"])).status_code == 200
    assert (
        case.subject not in client.get(reverse("public:inbox", args=["samruean"])).content.decode()
    )
    for url in case_urls(case)["get"]:
        assert client.get(url).status_code == 404, url
    # …also through its own agency's slug.
    own = reverse("public:case_detail", args=["samruean", case.pk])
    assert client.get(own).status_code == 404


def test_the_services_check_the_role_too(case, coordinator, executive):
    for persona in (coordinator, executive):
        with pytest.raises(PermissionDenied, match=OFFICER):
            services_cases.reply(membership=membership_of(persona), case=case, body="x")
        with pytest.raises(PermissionDenied, match=OFFICER):
            services_cases.change_case_state(
                membership=membership_of(persona),
                case=case,
                state="closed",
                expected_state="received",
            )


def test_complaint_officer_does_not_see_the_measures(demo, complaint_officer, as_user):
    client = as_user(complaint_officer)
    assert client.get("/a/ummao/2565/").status_code == 403


def test_workflow_transitions(case, complaint_officer):
    officer = membership_of(complaint_officer)
    with pytest.raises(ValidationFailed, match="เปลี่ยนสถานะเช่นนี้ไม่ได้"):
        services_cases.change_case_state(
            membership=officer, case=case, state="answered", expected_state="received"
        )
    services_cases.change_case_state(
        membership=officer, case=case, state="in_review", expected_state="received"
    )
    with pytest.raises(ValidationFailed, match="เปลี่ยนไปแล้ว"):
        services_cases.change_case_state(
            membership=officer, case=case, state="closed", expected_state="received"
        )
    services_cases.reply(membership=officer, case=case, body="ผลการตรวจสอบ")
    closed = services_cases.change_case_state(
        membership=officer, case=case, state="closed", expected_state="answered"
    )
    assert closed.closed_at is not None
    with pytest.raises(ValidationFailed, match="ปิดแล้ว"):
        services_cases.reply(membership=officer, case=case, body="อีกครั้ง")
    reopened = services_cases.change_case_state(
        membership=officer, case=case, state="in_review", expected_state="closed"
    )
    assert reopened.closed_at is None
    actions = list(
        AuditEvent.objects.filter(action__startswith="case.").values_list("action", "payload")
    )
    assert actions[0] == ("case.receive", {"kind": "complaint"})
    assert ("case.state", {"from": "received", "to": "in_review"}) in actions
    # No content in the audit chain.
    assert not any("ผลการตรวจสอบ" in str(payload) for _, payload in actions)


def test_inbox_filters(case, complaint_officer, as_user, client):
    send(client, kind="praise", subject="ชมเชยงานทะเบียน")
    officer = as_user(complaint_officer)
    page = officer.get(reverse("public:inbox", args=["ummao"]), {"kind": "praise"})
    text = page.content.decode()
    assert "ชมเชยงานทะเบียน" in text and case.subject not in text
