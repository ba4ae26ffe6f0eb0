"""Access helpers: the only place that decides who may see or change an agency's objects.

Another agency's object answers 404 (its existence is not revealed); a member whose role
may look but not touch gets 403.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Division, Membership, Role, SiteAccess, SiteRole

STAFF_ROLES = frozenset({Role.COORDINATOR, Role.REPORTER, Role.EXECUTIVE, Role.VIEWER})

# Who may do what, written once: the views pass these to get_agency_for_user (403 for
# anybody else) and the pages show an action only when `permissions()` allows it.
EDITORS = (Role.COORDINATOR,)  # measures, memo import, ITA results, submit and publish
APPROVERS = (Role.EXECUTIVE,)  # approve or return reports
HISTORY_READERS = (Role.COORDINATOR, Role.EXECUTIVE)  # the agency's whole audit history
CASE_OFFICERS = (Role.COMPLAINT_OFFICER,)  # complaints and feedback
PEOPLE_MANAGERS = (Role.COORDINATOR,)  # invite members, change their roles, deactivate


@dataclass(frozen=True)
class Permissions:
    """What a member may do in their agency, for pages to show only usable actions."""

    can_read: bool  # the agency's ITA work (measures, memos, reports, results)
    can_edit: bool  # add and edit measures, import memos, record ITA results
    can_import: bool
    can_submit: bool  # submit reports for approval and publish approved ones
    can_decide: bool  # approve or return submitted reports
    can_see_history: bool
    can_handle_cases: bool


def has_role(membership: Membership, roles: Iterable[str]) -> bool:
    return membership.role in set(roles)


def permissions(membership: Membership) -> Permissions:
    return Permissions(
        can_read=has_role(membership, STAFF_ROLES),
        can_edit=has_role(membership, EDITORS),
        can_import=has_role(membership, EDITORS),
        can_submit=has_role(membership, EDITORS),
        can_decide=has_role(membership, APPROVERS),
        can_see_history=has_role(membership, HISTORY_READERS),
        can_handle_cases=has_role(membership, CASE_OFFICERS),
    )


def memberships_of(user: User | AnonymousUser) -> QuerySet[Membership]:
    """The user's active memberships; none for an anonymous visitor (a deactivated member
    keeps their name on past records, but no access)."""
    if isinstance(user, AnonymousUser):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, active=True).select_related("agency")


def get_membership(request: HttpRequest, slug: str) -> Membership:
    """The user's membership in the agency `slug`, or 404 (also when it does not exist)."""
    try:
        return memberships_of(request.user).prefetch_related("divisions").get(agency__slug=slug)
    except Membership.DoesNotExist:
        raise Http404(_("ไม่พบหน่วยงาน")) from None


def require_role(membership: Membership, *roles: str, agency: Agency | None = None) -> None:
    """PermissionDenied unless the membership has one of `roles` (in `agency`, when given).

    The one role rule of views (through get_agency_for_user) and services alike."""
    if membership.role in roles and (agency is None or membership.agency_id == agency.pk):
        return
    names = ", ".join(str(Role(role).label) for role in roles)
    raise PermissionDenied(_("บทบาทของท่านไม่มีสิทธิ์ทำรายการนี้ (เฉพาะ%(roles)s)") % {"roles": names})


def get_agency_for_user(request: HttpRequest, slug: str, *roles: str) -> Membership:
    """Membership for reading the agency's ITA work; `roles` narrows who may act."""
    membership = get_membership(request, slug)
    require_role(membership, *(roles or STAFF_ROLES))
    return membership


def get_agency_public(slug: str) -> Agency:
    return get_object_or_404(Agency, slug=slug)


def is_operator(user: User | AnonymousUser) -> bool:
    """Whether the user is a site operator (adds agencies, invites their first coordinators)."""
    if not user.is_authenticated:
        return False
    return SiteAccess.objects.filter(user=user, role=SiteRole.OPERATOR).exists()


def require_operator(request: HttpRequest) -> None:
    """404 unless the user is a site operator: the operator's pages do not exist for anybody
    else. An operator reads no agency's ITA work through this (get_agency_for_user still
    asks for a membership)."""
    if not is_operator(request.user):
        raise Http404(_("ไม่พบหน้านี้"))


def get_division_for_user(
    request: HttpRequest, slug: str, pk: int, *roles: str
) -> tuple[Division, Membership]:
    """A division of the user's agency for a change by `roles`; 404 for another agency's."""
    membership = get_agency_for_user(request, slug, *roles)
    division = get_object_or_404(Division, agency=membership.agency, pk=pk)
    return division, membership


@dataclass(frozen=True)
class Scope:
    """What an oversight person reads: the nation (both codes ""), a province ("46") or a
    district ("4607", in province "46"), by DOPA codes."""

    province_code: str = ""
    district_code: str = ""

    @classmethod
    def of_code(cls, code: str) -> "Scope":
        return cls(province_code=code[:2], district_code=code if len(code) == 4 else "")

    @property
    def code(self) -> str:
        return self.district_code or self.province_code

    @property
    def is_national(self) -> bool:
        return not self.province_code

    def covers(self, province_code: str, district_code: str = "") -> bool:
        """Whether the place (a province, or a district when given) lies inside the scope.
        A province is inside a district's scope only in that it holds the district: the
        province's page is not, so `covers(p)` is False for a district scope."""
        if self.is_national:
            return True
        if province_code != self.province_code:
            return False
        if not self.district_code:
            return True
        return district_code == self.district_code


def oversight_scope(user: User | AnonymousUser) -> Scope | None:
    """The scope of the user's oversight role (None: the user has none)."""
    if not user.is_authenticated:
        return None
    code = (
        SiteAccess.objects.filter(user=user, role=SiteRole.OVERSIGHT)
        .values_list("scope_code", flat=True)
        .first()
    )
    return None if code is None else Scope.of_code(code)


def require_scope(request: HttpRequest, province_code: str = "", district_code: str = "") -> Scope:
    """The user's oversight scope, or 404 unless it covers the place (the nation when both
    codes are "", a province, a district). Oversight people only read: no view that changes
    an agency's data asks this."""
    scope = oversight_scope(request.user)
    if scope is None:
        raise Http404(_("ไม่พบหน้านี้"))
    if province_code and not scope.covers(province_code, district_code):
        raise Http404(_("ไม่พบหน้านี้"))
    if not province_code and not scope.is_national:
        raise Http404(_("ไม่พบหน้านี้"))
    return scope
