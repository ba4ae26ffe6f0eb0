"""Invitations: one-time links stored hashed, valid for seven days, usable once."""

import datetime as dt
import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from prongsai.agencies.models import Invitation, Membership, Role, SiteAccess
from prongsai.audit.models import AuditEvent
from prongsai.core.errors import ValidationFailed
from prongsai.registry import invitations

STRONG = "ต้นไม้ใหญ่-ริมน้ำ-2569"


def test_a_member_is_invited_with_a_hashed_token_and_no_password(demo, coordinator):
    membership, token = invitations.invite_member(
        actor=coordinator, agency=demo, email=" New.Person@Example.org ", role=Role.REPORTER
    )
    user = membership.user
    assert user.username == user.email == "new.person@example.org"
    assert not user.has_usable_password()
    stored = Invitation.objects.get(user=user)
    assert stored.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(Invitation.objects.values()))
    event = AuditEvent.objects.filter(agency=demo, action="invitation.create").last()
    assert event is not None and token not in str(event.payload)
    assert stored.expires_at - timezone.now() > dt.timedelta(days=6, hours=23)


def test_the_link_sets_the_password_once(demo, coordinator):
    membership, token = invitations.invite_member(
        actor=coordinator, agency=demo, email="once@example.org", role=Role.VIEWER
    )
    user = invitations.accept_invitation(token, STRONG)
    user.refresh_from_db()
    assert user.check_password(STRONG)
    with pytest.raises(ValidationFailed, match="ถูกใช้ไปแล้ว"):
        invitations.accept_invitation(token, STRONG + "x")
    user.refresh_from_db()
    assert user.check_password(STRONG)


def test_weak_password_is_refused_and_the_link_stays_usable(demo, coordinator):
    _membership, token = invitations.invite_member(
        actor=coordinator, agency=demo, email="weak@example.org", role=Role.VIEWER
    )
    with pytest.raises(ValidationFailed) as error:
        invitations.accept_invitation(token, "1234")
    assert error.value.field == "password"
    assert invitations.usable_invitation(token).used_at is None


def test_expired_unknown_and_replaced_links_are_refused(demo, coordinator):
    _membership, token = invitations.invite_member(
        actor=coordinator, agency=demo, email="late@example.org", role=Role.VIEWER
    )
    Invitation.objects.filter(token_sha256=hashlib.sha256(token.encode()).hexdigest()).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ValidationFailed, match="หมดอายุ"):
        invitations.accept_invitation(token, STRONG)
    with pytest.raises(ValidationFailed, match="ไม่ถูกต้อง"):
        invitations.usable_invitation("not-a-token")
    user = get_user_model().objects.get(username="late@example.org")
    first = invitations.new_invitation(actor=coordinator, user=user, agency=demo)
    second = invitations.new_invitation(actor=coordinator, user=user, agency=demo)
    with pytest.raises(ValidationFailed, match="ถูกใช้ไปแล้ว"):
        invitations.usable_invitation(first)
    assert invitations.usable_invitation(second).user == user


def test_an_address_already_in_the_agency_is_refused_and_nothing_changes(demo, coordinator):
    invitations.invite_member(
        actor=coordinator, agency=demo, email="twice@example.org", role=Role.VIEWER
    )
    before = (Membership.objects.count(), Invitation.objects.count())
    with pytest.raises(ValidationFailed, match="สมาชิกของหน่วยงานนี้อยู่แล้ว") as error:
        invitations.invite_member(
            actor=coordinator, agency=demo, email="TWICE@example.org", role=Role.EXECUTIVE
        )
    assert error.value.field == "email"
    assert (Membership.objects.count(), Invitation.objects.count()) == before
    with pytest.raises(ValidationFailed, match="ไม่ถูกต้อง"):
        invitations.invite_member(actor=coordinator, agency=demo, email="nope", role=Role.VIEWER)


def test_an_operator_is_invited_without_an_agency(db):
    access, token = invitations.invite_site_person(actor="cli", email="ops@example.org")
    assert access.role == "operator" and SiteAccess.objects.count() == 1
    assert invitations.usable_invitation(token).agency is None
