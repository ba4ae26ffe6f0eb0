"""The agency's divisions page: list (with measure and member counts), add, rename, move
up or down, retire and restore. Coordinators only; every change is a small POST form, so
the page works without JavaScript, and answers with a redirect (Post/Redirect/Get)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.agencies.access import get_agency_for_user, get_division_for_user
from prongsai.agencies.models import Membership, Role
from prongsai.core import policy
from prongsai.core.errors import ValidationFailed, show_on_form
from prongsai.measures.selectors_divisions import division_list, moved
from prongsai.registry import divisions as divisions_services
from prongsai.registry.forms import DivisionNameForm


def _page(
    request: HttpRequest,
    membership: Membership,
    add_form: DivisionNameForm | None = None,
    rename: tuple[int, DivisionNameForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = division_list(membership.agency)
    return render(
        request,
        "measures/divisions.html",
        {
            "agency": membership.agency,
            "rows": rows,
            "add_form": add_form or DivisionNameForm(),
            "rename_pk": rename[0] if rename else None,
            "rename_form": rename[1] if rename else None,
        },
        status=status,
    )


@policy.authenticated
@require_http_methods(["GET", "POST"])
def divisions(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, Role.COORDINATOR)
    if request.method != "POST":
        return _page(request, membership)
    form = DivisionNameForm(request.POST)
    if form.is_valid():
        try:
            divisions_services.new_division(
                actor=request.user, agency=membership.agency, name=form.cleaned_data["name"]
            )
        except ValidationFailed as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("เพิ่มส่วนราชการแล้ว"))
            return redirect("divisions", slug=slug)
    return _page(request, membership, add_form=form, status=400)


@policy.authenticated
@require_POST
def division_rename(request: HttpRequest, slug: str, division_pk: int) -> HttpResponse:
    division, membership = get_division_for_user(request, slug, division_pk, Role.COORDINATOR)
    form = DivisionNameForm(request.POST)
    if form.is_valid():
        try:
            divisions_services.rename_division(
                actor=request.user, division=division, name=form.cleaned_data["name"]
            )
        except ValidationFailed as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("เปลี่ยนชื่อส่วนราชการแล้ว"))
            return redirect("divisions", slug=slug)
    return _page(request, membership, rename=(division.pk, form), status=400)


@policy.authenticated
@require_POST
def division_move(request: HttpRequest, slug: str, division_pk: int) -> HttpResponse:
    division, membership = get_division_for_user(request, slug, division_pk, Role.COORDINATOR)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""), 0)
    ids = [row.pk for row in division_list(membership.agency)]
    order = moved(ids, division.pk, step)
    if order is not None:
        try:
            divisions_services.reorder_divisions(
                actor=request.user, agency=membership.agency, ids=order
            )
        except ValidationFailed as error:
            messages.error(request, str(error))
    # at the top or the bottom already: nothing to move, the page shows the same order
    return redirect("divisions", slug=slug)


@policy.authenticated
@require_POST
def division_retire(request: HttpRequest, slug: str, division_pk: int) -> HttpResponse:
    division, _membership = get_division_for_user(request, slug, division_pk, Role.COORDINATOR)
    try:
        divisions_services.retire_division(actor=request.user, division=division)
    except ValidationFailed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("เลิกใช้ส่วนราชการ %(name)s แล้ว") % {"name": division.name})
    return redirect("divisions", slug=slug)


@policy.authenticated
@require_POST
def division_restore(request: HttpRequest, slug: str, division_pk: int) -> HttpResponse:
    division, _membership = get_division_for_user(request, slug, division_pk, Role.COORDINATOR)
    try:
        divisions_services.restore_division(actor=request.user, division=division)
    except ValidationFailed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("นำส่วนราชการ %(name)s กลับมาใช้แล้ว") % {"name": division.name})
    return redirect("divisions", slug=slug)
