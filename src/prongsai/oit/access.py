"""Who may see and change which OIT item, on top of agencies.access.

Every staff member reads the checklist (ALL staff roles, like the agency-year page); a
reporter sees the items of their own divisions and changes their address, state and notes;
coordinators see and change everything (who answers, by when, too). Another agency's
checklist answers 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from prongsai.agencies.access import EDITORS, get_agency_for_user, has_role
from prongsai.agencies.models import Membership, Role
from prongsai.oit.models import OitItem

ALL_FIELDS = frozenset({"division", "person", "due_date", "url", "state", "notes"})
REPORTER_FIELDS = frozenset({"url", "state", "notes"})


def sees_all(membership: Membership) -> bool:
    """Whether the member sees every item (a reporter sees their divisions' only)."""
    return membership.role != Role.REPORTER


def own_division_ids(membership: Membership) -> set[int]:
    return {d.pk for d in membership.divisions.all()}


def editable_fields(membership: Membership, item: OitItem) -> frozenset[str]:
    """The fields of `item` the member may change (empty: none)."""
    if membership.agency_id != item.agency_id or not membership.active:
        return frozenset()
    if has_role(membership, EDITORS):
        return ALL_FIELDS
    if membership.role == Role.REPORTER and item.division_id in own_division_ids(membership):
        return REPORTER_FIELDS
    return frozenset()


def get_item_for_user(
    request: HttpRequest, slug: str, year: int, code: str
) -> tuple[OitItem, Membership]:
    """The item `code` of the agency-year for editing: 404 for another agency's or an
    unknown item, 403 for a member who may not change it."""
    membership = get_agency_for_user(request, slug)
    item = (
        OitItem.objects.filter(agency=membership.agency, fiscal_year=year, code=code)
        .select_related("division", "person")
        .first()
    )
    if item is None:
        raise Http404(_("ไม่พบข้อ OIT นี้"))
    if not editable_fields(membership, item):
        raise PermissionDenied(_("ท่านแก้ไขได้เฉพาะข้อ OIT ที่ส่วนราชการของท่านรับผิดชอบ"))
    return item, membership
