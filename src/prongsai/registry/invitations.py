"""People join by invitation: an account without a password and a one-time link with which
the person sets their own.

A link is valid for INVITATION_DAYS days and usable once; only the SHA-256 of its token is
stored, so the database never holds a usable link. No password is ever shown, logged or
e-mailed: the link is printed (`prongsai user add`) or e-mailed, and the person chooses
the password on the page it opens.

Accounts are named by their e-mail address (username = the address in lower case).
"""

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Division, Invitation, Membership, SiteAccess, SiteRole
from prongsai.audit.services import record_event
from prongsai.core.errors import ValidationFailed
from prongsai.registry.services import set_membership

INVITATION_DAYS = 7
INVITATION_URL_NAME = "accept_invitation"  # /invite/<token>/, the page that sets the password


class InvitationInvalid(ValidationFailed):
    """The link is unknown, used or expired (the message says which, in Thai)."""


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def clean_email(email: str) -> str:
    """The address in lower case, checked; a Thai error naming the field otherwise."""
    address = (email or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationFailed(
            _("อีเมล “%(email)s” ไม่ถูกต้อง") % {"email": address[:100]}, field="email"
        ) from None
    return address


def _user_for(email: str) -> Any:
    """The account of `email`, created without a usable password when there is none."""
    User = get_user_model()
    user = User.objects.filter(username=email).first()
    if user is None:
        user = User(username=email, email=email)
        user.set_unusable_password()
        user.save()
    return user


def new_invitation(*, actor: Any, user: Any, agency: Agency | None = None) -> str:
    """Create a one-time link for `user` and return its token (shown once, never stored).
    Earlier unused links of the same person are used up, so only the newest works."""
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        agency=agency,
        token_sha256=_sha256(token),
        created_by=actor if getattr(actor, "pk", None) else None,
        expires_at=now + dt.timedelta(days=INVITATION_DAYS),
    )
    if agency is not None:
        record_event(
            actor=actor,
            agency=agency,
            action="invitation.create",
            obj=invitation,
            payload={"user": user.get_username(), "expires_at": invitation.expires_at.isoformat()},
        )
    return token


def invitation_link(token: str) -> str:
    """The whole address of the link, on the site's public address (SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + reverse(INVITATION_URL_NAME, args=[token])


def usable_invitation(token: str) -> Invitation:
    """The invitation of `token` if it can still be used; InvitationInvalid otherwise."""
    invitation = (
        Invitation.objects.select_related("user", "agency")
        .filter(token_sha256=_sha256(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationInvalid(_("ลิงก์นี้ไม่ถูกต้อง โปรดขอลิงก์ใหม่จากผู้ประสานงานของหน่วยงาน"))
    if invitation.used_at is not None:
        raise InvitationInvalid(
            _("ลิงก์นี้ถูกใช้ไปแล้ว หากยังเข้าสู่ระบบไม่ได้ โปรดขอลิงก์ใหม่จากผู้ประสานงานของหน่วยงาน")
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid(
            _("ลิงก์นี้หมดอายุแล้ว (ใช้ได้ %(days)d วัน) โปรดขอลิงก์ใหม่จากผู้ประสานงานของหน่วยงาน")
            % {"days": INVITATION_DAYS}
        )
    return invitation


def check_password(password: str, user: Any) -> None:
    """Django's password validators; their messages (translated to Thai) as one error."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationFailed(" ".join(error.messages), field="password") from None


@transaction.atomic
def accept_invitation(token: str, password: str) -> Any:
    """Set the invited person's password and use the link up; return the user."""
    invitation = usable_invitation(token)
    # lock the row: two submissions of one link cannot both succeed (only this row:
    # PostgreSQL cannot lock the nullable side of the outer join to the agency)
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("user", "agency")
        .get(pk=invitation.pk)
    )
    if invitation.used_at is not None:
        raise InvitationInvalid(_("ลิงก์นี้ถูกใช้ไปแล้ว"))
    user = invitation.user
    check_password(password, user)
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    if invitation.agency is not None:
        record_event(
            actor=user,
            agency=invitation.agency,
            action="invitation.accept",
            obj=invitation,
            payload={"user": user.get_username()},
        )
    return user


@transaction.atomic
def invite_member(
    *,
    actor: Any,
    agency: Agency,
    email: str,
    role: str,
    divisions: Sequence[Division] = (),
) -> tuple[Membership, str]:
    """Add a person to the agency with a role (and divisions) and return the membership and
    the token of their invitation. An address that is already an active member of the
    agency is refused; a deactivated member is made active again."""
    address = clean_email(email)
    existing = Membership.objects.filter(agency=agency, user__username=address).first()
    if existing is not None and existing.active:
        raise ValidationFailed(
            _("อีเมล %(email)s เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว") % {"email": address}, field="email"
        )
    user = _user_for(address)
    membership = set_membership(
        actor=actor, agency=agency, user=user, role=role, divisions=divisions
    )
    if not membership.active:
        membership.active = True
        membership.save(update_fields=["active"])
    token = new_invitation(actor=actor, user=user, agency=agency)
    return membership, token


@transaction.atomic
def invite_site_person(
    *, actor: Any, email: str, role: str = SiteRole.OPERATOR, scope_code: str = ""
) -> tuple[SiteAccess, str]:
    """Give a person a site-wide role (operator, or oversight of a scope) and return it with
    the token of their invitation."""
    if role not in SiteRole.values:
        raise ValidationFailed(_("บทบาท “%(role)s” ไม่ถูกต้อง") % {"role": role}, field="role")
    user = _user_for(clean_email(email))
    access, _created = SiteAccess.objects.update_or_create(
        user=user, role=role, defaults={"scope_code": scope_code}
    )
    token = new_invitation(actor=actor, user=user)
    return access, token


def send_invitation(user: Any, token: str, agency: Agency | None = None) -> None:
    """E-mail the link to the person (through the configured EMAIL_* settings)."""
    where = agency.name if agency is not None else _("ระบบโปร่งใส")
    subject = _("คำเชิญเข้าใช้ระบบโปร่งใส: %(where)s") % {"where": where}
    body = _(
        "สวัสดีครับ/ค่ะ\n\n"
        "คุณได้รับเชิญให้เข้าใช้ระบบโปร่งใส (%(where)s)\n"
        "เปิดลิงก์ต่อไปนี้เพื่อตั้งรหัสผ่านของคุณเอง ลิงก์ใช้ได้ครั้งเดียว ภายใน %(days)d วัน:\n\n"
        "%(link)s\n\n"
        "หากคุณไม่ได้คาดว่าจะได้รับอีเมลนี้ ไม่ต้องทำอะไร ลิงก์จะหมดอายุเอง"
    ) % {"where": where, "days": INVITATION_DAYS, "link": invitation_link(token)}
    send_mail(subject, body, None, [user.email or user.get_username()])
