"""The coordinator's people pages: list, roles and divisions, resending, deactivation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from prongsai.agencies.access import memberships_of
from prongsai.agencies.models import Division, Invitation, Membership, Role
from prongsai.audit.models import AuditEvent
from prongsai.measures.models import Measure
from prongsai.measures.services import report_status
from prongsai.registry import invitations, services
from prongsai.registry.services import set_membership
from tests.logs import log_text
from tests.registry.test_people_pages import LINK, html_of, invite, token_in

STRONG = "ต้นมะขาม-หน้าบ้าน-2569"


def member_of(user, agency) -> Membership:
    return Membership.objects.get(user=user, agency=agency)


def people_url(membership, action="") -> str:
    return f"/a/ummao/people/{membership.pk}/" + (f"{action}/" if action else "")


def test_the_list_shows_active_and_deactivated_people_with_their_state(
    demo, coordinator, reporter_chang, as_user
):
    invitations.invite_member(
        actor=coordinator, agency=demo, email="pending@example.org", role=Role.VIEWER
    )
    services.deactivate_member(actor=coordinator, membership=member_of(reporter_chang, demo))
    html = html_of(as_user(coordinator).get("/a/ummao/people/"))
    active, _sep, deactivated = html.partition('id="deactivated-people"')
    assert "ummao-coordinator" in active and "ผู้ประสานงาน ITA" in active
    assert "pending@example.org" in active and "รอตั้งรหัสผ่าน" in active
    assert "ยังไม่เคย" in active  # never logged in
    assert "ummao-reporter-chang" in deactivated and "กองช่าง" in deactivated
    assert "ummao-reporter-chang" not in active
    assert "/a/ummao/people/invite/" in html


def test_the_list_reads_a_fixed_number_of_queries(
    demo, coordinator, as_user, django_assert_max_num_queries
):
    client = as_user(coordinator)
    client.get("/a/ummao/people/")
    for i in range(8):
        invitations.invite_member(
            actor=coordinator, agency=demo, email=f"p{i}@example.org", role=Role.VIEWER
        )
    with django_assert_max_num_queries(12):
        assert client.get("/a/ummao/people/").status_code == 200


def test_the_coordinator_changes_a_role_and_divisions(demo, coordinator, viewer, as_user):
    palad = Division.objects.get(agency=demo, name="สำนักปลัด")
    membership = member_of(viewer, demo)
    client = as_user(coordinator)
    assert client.get(people_url(membership)).status_code == 200
    answer = client.post(people_url(membership), {"role": Role.REPORTER, "divisions": [palad.pk]})
    assert answer.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.REPORTER and list(membership.divisions.all()) == [palad]
    event = AuditEvent.objects.filter(agency=demo, action="membership.set").last()
    assert event.payload["user"] == "ummao-viewer" and event.payload["role"] == Role.REPORTER
    bad = client.post(people_url(membership), {"role": "admin"})
    assert bad.status_code == 400 and "บทบาทไม่ถูกต้อง" in html_of(bad)
    membership.refresh_from_db()
    assert membership.role == Role.REPORTER


def test_nobody_changes_their_own_role(demo, coordinator, as_user):
    membership = member_of(coordinator, demo)
    answer = as_user(coordinator).post(people_url(membership), {"role": Role.VIEWER})
    assert answer.status_code == 400 and "บทบาทของตนเองไม่ได้" in html_of(answer)
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR


def test_a_deactivated_member_loses_access_but_keeps_their_name(
    demo, coordinator, reporter_chang, as_user
):
    measure = Measure.objects.filter(agency=demo, divisions__name="กองช่าง").first()
    report_status(actor=reporter_chang, measure=measure, status="in_progress", note="เริ่มแล้ว")
    membership = member_of(reporter_chang, demo)
    reporter = as_user(reporter_chang)
    assert reporter.get("/a/ummao/2565/").status_code == 200

    client = as_user(coordinator)
    unconfirmed = client.post(people_url(membership, "deactivate"), {})
    assert unconfirmed.status_code == 400 and "ยืนยัน" in html_of(unconfirmed)
    membership.refresh_from_db()
    assert membership.active

    answer = client.post(people_url(membership, "deactivate"), {"confirm": "on"})
    assert answer.status_code == 302
    membership.refresh_from_db()
    assert not membership.active
    assert list(memberships_of(reporter_chang)) == []
    assert reporter.get("/a/ummao/2565/").status_code == 404
    assert reporter.get(f"/a/ummao/m/{measure.pk}/status/").status_code == 404
    page = html_of(client.get(f"/a/ummao/m/{measure.pk}/"))
    assert "ummao-reporter-chang" in page and "เริ่มแล้ว" in page
    assert AuditEvent.objects.filter(agency=demo, action="membership.deactivate").exists()
    history = html_of(client.get("/a/ummao/history/"))
    assert "ปิดการใช้งานของ ummao-reporter-chang" in history

    again = client.post(people_url(membership, "reactivate"), {})
    assert again.status_code == 302
    assert reporter.get("/a/ummao/2565/").status_code == 200
    membership.refresh_from_db()
    assert membership.active and membership.role == Role.REPORTER


def test_a_coordinator_cannot_deactivate_themselves_and_a_coordinator_stays(
    demo, coordinator, as_user
):
    own = member_of(coordinator, demo)
    answer = as_user(coordinator).post(people_url(own, "deactivate"), {"confirm": "on"})
    assert answer.status_code == 400 and "ของตนเองไม่ได้" in html_of(answer)
    own.refresh_from_db()
    assert own.active

    second = get_user_model().objects.create_user("second@example.org", "second@example.org")
    set_membership(actor=coordinator, agency=demo, user=second, role=Role.COORDINATOR)
    # the second coordinator may deactivate the first: the agency keeps a coordinator
    services.deactivate_member(actor=second, membership=own)
    # the first, now deactivated, can no longer act (the pages answer 404, the service 403)
    assert as_user(coordinator).get("/a/ummao/people/").status_code == 404
    with pytest.raises(Exception, match="เฉพาะ"):
        services.deactivate_member(actor=coordinator, membership=member_of(second, demo))
    assert services._is_last_coordinator(member_of(second, demo))
    assert not services._is_last_coordinator(own)


def test_resending_gives_a_new_link_and_the_old_one_stops(
    demo, coordinator, viewer, as_user, smtp_server
):
    client = as_user(coordinator)
    assert invite(client, "slow@example.org", role=Role.VIEWER).status_code == 302
    first = token_in(smtp_server.wait_for(1)[0])
    membership = Membership.objects.get(user__username="slow@example.org")
    assert "ส่งคำเชิญอีกครั้ง" in html_of(client.get(people_url(membership)))
    assert client.post(people_url(membership, "resend")).status_code == 302
    second = token_in(smtp_server.wait_for(2)[1])
    assert first != second
    assert Client().get(f"/invite/{first}/").status_code == 410
    assert Client().get(f"/invite/{second}/").status_code == 200

    # a person with a password uses the reset instead: no link is made for them
    before = Invitation.objects.count()
    refused = client.post(people_url(member_of(viewer, demo), "resend"))
    assert refused.status_code == 400 and "ลืมรหัสผ่าน" in html_of(refused)
    assert Invitation.objects.count() == before and len(smtp_server.messages) == 2


def test_deactivating_an_invited_person_stops_their_link(demo, coordinator):
    membership, token = invitations.invite_member(
        actor=coordinator, agency=demo, email="gone@example.org", role=Role.VIEWER
    )
    services.deactivate_member(actor=coordinator, membership=membership)
    assert Client().get(f"/invite/{token}/").status_code == 410


def test_when_the_mail_fails_the_link_is_shown_once(
    demo, coordinator, as_user, smtp_down, every_logger_at_debug
):
    client = as_user(coordinator)
    answer = invite(client, "offline@example.org", role=Role.VIEWER)
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "no-store"
    assert answer["Referrer-Policy"] == "same-origin"
    html = html_of(answer)
    assert "ส่งอีเมลไม่สำเร็จ" in html
    token = LINK.search(html).group(1)
    assert Client().get(f"/invite/{token}/").status_code == 200
    # nowhere else: not on the list, not in the logs, not stored
    assert token not in html_of(client.get("/a/ummao/people/"))
    assert token not in log_text(every_logger_at_debug)
    assert "offline@example.org" in html_of(client.get("/a/ummao/people/"))
    assert not Invitation.objects.filter(token_sha256=token).exists()


def test_no_link_is_shown_for_an_account_that_works_elsewhere(
    demo, coordinator, other_agency, as_user, smtp_down
):
    shared = get_user_model().objects.create_user(
        "shared@example.org", "shared@example.org", password=STRONG
    )
    set_membership(actor="test", agency=other_agency, user=shared, role=Role.COORDINATOR)
    client = as_user(coordinator)
    answer = invite(client, "shared@example.org", role=Role.VIEWER)
    assert answer.status_code == 302
    page = client.get(answer["Location"])
    html = html_of(page)
    assert "ส่งอีเมลถึง shared@example.org ไม่สำเร็จ" in html
    assert not re.search(r"/invite/[A-Za-z0-9_-]{20,}/", html)


def test_another_agencys_member_is_not_found(demo, coordinator, outsider, as_user):
    theirs = member_of(outsider, outsider.memberships.first().agency)
    client = as_user(coordinator)
    for url in (people_url(theirs), people_url(theirs, "deactivate")):
        answer = client.get(url) if url.endswith(f"{theirs.pk}/") else client.post(url, {})
        assert answer.status_code == 404, url
    theirs.refresh_from_db()
    assert theirs.active


@pytest.mark.parametrize("persona", ["reporter_chang", "executive", "viewer", "complaint_officer"])
def test_only_coordinators_manage_people(request, demo, persona, as_user, viewer):
    client = as_user(request.getfixturevalue(persona))
    target = member_of(viewer, demo)
    assert client.get("/a/ummao/people/").status_code == 403
    assert client.post(people_url(target, "deactivate"), {"confirm": "on"}).status_code == 403
    assert invite(client, "sneaky@example.org").status_code == 403
    target.refresh_from_db()
    assert target.active
    assert not get_user_model().objects.filter(username="sneaky@example.org").exists()


def test_outsiders_get_404_and_visitors_the_login(demo, outsider, as_user):
    assert as_user(outsider).get("/a/ummao/people/").status_code == 404
    answer = Client().get("/a/ummao/people/")
    assert answer.status_code == 302 and answer["Location"].startswith("/login/")
