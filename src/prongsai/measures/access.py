"""Access to measures and their evidence, built on agencies.access.

Another agency's measure answers 404; a member whose role may look but not touch gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from prongsai.agencies.access import EDITORS, get_agency_for_user, has_role
from prongsai.agencies.models import Membership, Role
from prongsai.measures.models import Evidence, Measure, StatusUpdate


def can_report(membership: Membership, measure: Measure) -> bool:
    """Coordinators report on every measure; reporters on those of their own divisions."""
    if membership.agency_id != measure.agency_id:
        return False
    if has_role(membership, EDITORS):
        return True
    if membership.role != Role.REPORTER:
        return False
    own = {d.pk for d in membership.divisions.all()}
    return any(d.pk in own for d in measure.divisions.all())


def can_edit_measures(membership: Membership) -> bool:
    return has_role(membership, EDITORS)


def get_measure_for_user(
    request: HttpRequest, slug: str, pk: int, action: str = "view"
) -> tuple[Measure, Membership]:
    """The measure `pk` of agency `slug` for `action` in {"view", "edit", "report"}."""
    membership = get_agency_for_user(request, slug)
    measure = get_object_or_404(
        Measure.objects.filter(agency=membership.agency).prefetch_related("divisions"), pk=pk
    )
    if action == "edit" and not can_edit_measures(membership):
        raise PermissionDenied(_("เฉพาะผู้ประสานงาน ITA แก้ไขมาตรการได้"))
    if action == "report" and not can_report(membership, measure):
        raise PermissionDenied(_("ท่านรายงานได้เฉพาะมาตรการของส่วนราชการของท่าน"))
    return measure, membership


def get_update_to_withdraw(
    request: HttpRequest, slug: str, pk: int, update_pk: int
) -> tuple[StatusUpdate, Membership]:
    """A status update of the measure `pk` of agency `slug` for a coordinator to withdraw:
    404 for another agency's (or another measure's) update, 403 for other roles."""
    measure, membership = get_measure_for_user(request, slug, pk)
    update = get_object_or_404(StatusUpdate.objects.filter(measure=measure), pk=update_pk)
    if not can_edit_measures(membership):
        raise PermissionDenied(_("เฉพาะผู้ประสานงาน ITA ถอนรายงานสถานะได้"))
    return update, membership


def get_evidence_for_user(request: HttpRequest, slug: str, pk: int) -> Evidence:
    membership = get_agency_for_user(request, slug)
    return get_object_or_404(
        Evidence.objects.select_related("update__measure"),
        pk=pk,
        update__measure__agency=membership.agency,
    )
