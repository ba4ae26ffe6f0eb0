"""The invitation page and the coordinator's people pages, with e-mail through a real SMTP
server on loopback (tests/smtp.py)."""

import datetime as dt
import hashlib
import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from prongsai.agencies.models import Division, Invitation, Membership, Role
from prongsai.audit.models import AuditEvent
from prongsai.registry import invitations
from tests.logs import log_text

STRONG = "ต้นมะขาม-หน้าบ้าน-2569"
LINK = re.compile(r"http://[^\s/]+/invite/([A-Za-z0-9_-]+)/")


def invite(client, email, role=Role.REPORTER, divisions=()):
    return client.post(
        "/a/ummao/people/invite/",
        {"email": email, "role": role, "divisions": [d.pk for d in divisions]},
    )


def token_in(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    found = LINK.search(body)
    assert found, body
    return found.group(1)


def html_of(response) -> str:
    return response.content.decode()


# the invitation, from the coordinator's form to the person's first page


def test_an_invited_person_gets_the_mail_sets_a_password_and_is_logged_in(
    demo, coordinator, as_user, smtp_server, every_logger_at_debug, settings
):
    settings.SITE_URL = "http://prongsai.test"
    chang = Division.objects.get(agency=demo, name="กองช่าง")
    response = invite(as_user(coordinator), " New.Person@Example.org ", divisions=[chang])
    assert response.status_code == 302 and response["Location"] == "/a/ummao/people/"

    [mail] = smtp_server.wait_for(1)
    assert smtp_server.recipients == [["new.person@example.org"]]
    assert "คำเชิญเข้าใช้ระบบโปร่งใส" in mail["subject"] and demo.name in mail["subject"]
    token = token_in(mail)
    assert f"http://prongsai.test/invite/{token}/" in mail.get_body().get_content()
    membership = Membership.objects.get(agency=demo, user__username="new.person@example.org")
    assert membership.role == Role.REPORTER and list(membership.divisions.all()) == [chang]

    person = Client()
    page = person.get(f"/invite/{token}/")
    html = html_of(page)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert demo.name in html and "new.person@example.org" in html
    assert 'name="new_password1"' in html and 'name="new_password2"' in html
    assert "อย่างน้อย 10 ตัวอักษร" in html  # the validators' help, in Thai

    answer = person.post(f"/invite/{token}/", {"new_password1": STRONG, "new_password2": STRONG})
    assert answer.status_code == 302 and answer["Location"] == "/"
    home = person.get("/")
    assert home.status_code == 200 and demo.name in html_of(home)
    user = get_user_model().objects.get(username="new.person@example.org")
    assert user.check_password(STRONG)
    assert AuditEvent.objects.filter(agency=demo, action="invitation.accept").exists()

    again = Client().get(f"/invite/{token}/")
    assert again.status_code == 410
    assert "ถูกใช้ไปแล้ว" in html_of(again) and "new_password1" not in html_of(again)

    # no password in any mail or log; the link's token in no log
    logs = log_text(every_logger_at_debug)
    assert STRONG not in logs and STRONG not in smtp_server.everything()
    assert token not in logs
    assert "รหัสผ่านของคุณคือ" not in smtp_server.everything()


def test_a_weak_or_mistyped_password_is_refused_in_thai_and_changes_nothing(
    demo, coordinator, as_user
):
    _membership, token = invitations.invite_member(
        actor=coordinator, agency=demo, email="weak@example.org", role=Role.VIEWER
    )
    person = Client()
    for password, again, message in (
        ("1234", "1234", "สั้นเกินไป"),
        ("1234567890123", "1234567890123", "ตัวเลขล้วน"),
        ("password1234", "password1234", "มีคนใช้กันมาก"),
        ("weak@example.org", "weak@example.org", "คล้ายกับ"),
        (STRONG, STRONG + "x", "ไม่ตรงกัน"),
    ):
        answer = person.post(
            f"/invite/{token}/", {"new_password1": password, "new_password2": again}
        )
        assert answer.status_code == 400, password
        assert message in html_of(answer), (password, html_of(answer))
        assert "This password" not in html_of(answer)
    user = get_user_model().objects.get(username="weak@example.org")
    assert not user.has_usable_password()
    assert invitations.usable_invitation(token).used_at is None
    assert "_auth_user_id" not in person.session


def test_expired_used_and_unknown_links_show_the_reason_and_no_form(demo, coordinator):
    _membership, token = invitations.invite_member(
        actor=coordinator, agency=demo, email="late@example.org", role=Role.VIEWER
    )
    Invitation.objects.filter(token_sha256=hashlib.sha256(token.encode()).hexdigest()).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client = Client()
    for url, reason in (
        (f"/invite/{token}/", "หมดอายุ"),
        ("/invite/no-such-token/", "ไม่ถูกต้อง"),
    ):
        for answer in (
            client.get(url),
            client.post(url, {"new_password1": STRONG, "new_password2": STRONG}),
        ):
            assert answer.status_code == 410
            assert reason in html_of(answer) and "new_password1" not in html_of(answer)
            assert answer["Referrer-Policy"] == "same-origin"
    assert not get_user_model().objects.get(username="late@example.org").has_usable_password()


def test_bad_invitations_are_refused_in_thai_and_nothing_is_sent(
    demo, coordinator, as_user, smtp_server
):
    client = as_user(coordinator)
    assert invite(client, "twice@example.org").status_code == 302
    smtp_server.wait_for(1)
    before = (Membership.objects.count(), Invitation.objects.count(), AuditEvent.objects.count())
    again = invite(client, "TWICE@example.org", role=Role.EXECUTIVE)
    assert again.status_code == 400
    assert "เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว" in html_of(again)
    wrong = invite(client, "not-an-address")
    assert wrong.status_code == 400 and "ไม่ถูกต้อง" in html_of(wrong)
    empty = invite(client, "")
    assert empty.status_code == 400 and "กรอกอีเมล" in html_of(empty)
    after = (Membership.objects.count(), Invitation.objects.count(), AuditEvent.objects.count())
    assert after == before
    assert len(smtp_server.messages) == 1
    assert Membership.objects.get(user__username="twice@example.org").role == Role.REPORTER


def test_a_division_of_another_agency_is_refused(demo, coordinator, other_agency, as_user):
    theirs = Division.objects.get(agency=other_agency)
    answer = invite(as_user(coordinator), "mixed@example.org", divisions=[theirs])
    assert answer.status_code == 400
    assert not get_user_model().objects.filter(username="mixed@example.org").exists()
