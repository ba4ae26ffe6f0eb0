"""Reading an agency's people for the coordinator's pages (plain rows, a fixed number of
queries whatever the number of members)."""

import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Invitation, Membership, Role, SiteAccess

# Where a person's account stands with its password.
SET = "set"  # the person has set a password
PENDING = "pending"  # invited: the link is still usable
EXPIRED = "expired"  # invited, but the link expired or was replaced and not used
NO_LINK = "no_link"  # no password and no invitation (created otherwise)


@dataclass(frozen=True)
class PersonRow:
    pk: int  # the membership
    user_pk: int
    username: str
    name: str  # the full name, or the user name when there is none
    email: str
    role: str
    role_label: str
    divisions: tuple[str, ...]
    active: bool
    last_login: dt.datetime | None
    password: str  # SET, PENDING, EXPIRED or NO_LINK
    invitation_expires: dt.datetime | None  # of the newest link


@dataclass(frozen=True)
class People:
    active: tuple[PersonRow, ...]
    deactivated: tuple[PersonRow, ...]


def _newest_invitations(user_pks: list[int]) -> dict[int, Invitation]:
    newest: dict[int, Invitation] = {}
    for invitation in Invitation.objects.filter(user_id__in=user_pks).order_by("created_at", "pk"):
        newest[invitation.user_id] = invitation
    return newest


def _password_state(membership: Membership, invitation: Invitation | None) -> str:
    if membership.user.has_usable_password():
        return SET
    if invitation is None:
        return NO_LINK
    if invitation.used_at is None and invitation.expires_at > timezone.now():
        return PENDING
    return EXPIRED


def _row(membership: Membership, invitation: Invitation | None) -> PersonRow:
    user = membership.user
    role = membership.role
    return PersonRow(
        pk=membership.pk,
        user_pk=user.pk,
        username=user.get_username(),
        name=user.get_full_name() or user.get_username(),
        email=user.email,
        role=role,
        role_label=str(Role(role).label) if role in Role.values else role,
        divisions=tuple(d.name for d in membership.divisions.all()),
        active=membership.active,
        last_login=user.last_login,
        password=_password_state(membership, invitation),
        invitation_expires=invitation.expires_at if invitation else None,
    )


def people(agency: Agency) -> People:
    """The agency's members, active first, each list by role then name."""
    memberships = list(
        Membership.objects.filter(agency=agency)
        .select_related("user")
        .prefetch_related("divisions")
        .order_by("role", "user__username")
    )
    invitations = _newest_invitations([m.user_id for m in memberships])
    rows = [_row(m, invitations.get(m.user_id)) for m in memberships]
    order = {role: i for i, role in enumerate(Role.values)}
    rows.sort(key=lambda r: (order.get(r.role, len(order)), r.name))
    return People(
        active=tuple(r for r in rows if r.active),
        deactivated=tuple(r for r in rows if not r.active),
    )


def person(membership: Membership) -> PersonRow:
    invitations = _newest_invitations([membership.user_id])
    return _row(membership, invitations.get(membership.user_id))


def member_of(agency: Agency, pk: int) -> Membership:
    """The membership `pk` of `agency` (active or not); 404 for any other."""
    membership = (
        Membership.objects.select_related("user", "agency")
        .prefetch_related("divisions")
        .filter(agency=agency, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404(_("ไม่พบสมาชิก"))
    return membership


def link_may_be_shown(membership: Membership) -> bool:
    """Whether the coordinator may see the person's link when the e-mail could not be sent.

    Only for an account that has never had a password and belongs to no other agency and
    holds no site role: whoever opens the link sets the account's password, so showing it
    must not let one agency's coordinator take over an account that works elsewhere."""
    user = membership.user
    if user.has_usable_password():
        return False
    elsewhere = Membership.objects.filter(user=user).exclude(pk=membership.pk).exists()
    return not elsewhere and not SiteAccess.objects.filter(user=user).exists()
