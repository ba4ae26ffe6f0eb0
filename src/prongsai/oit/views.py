"""The OIT checklist pages: the list with its progress and filters, one item's edit form
with its history, opening the year's list, and the XLSX to fill NACC's system from.

Thin: access helper → selector (reads) or service (writes) → template."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies.access import EDITORS, get_agency_for_user, permissions
from prongsai.agencies.models import Membership
from prongsai.audit.selectors import object_history
from prongsai.core import policy
from prongsai.core.errors import StaleEdit, ValidationFailed, show_on_form
from prongsai.oit import services
from prongsai.oit.access import editable_fields, get_item_for_user, own_division_ids, sees_all
from prongsai.oit.export import as_xlsx, thai_checklist
from prongsai.oit.forms import ItemForm
from prongsai.oit.selectors import FILTERS
from prongsai.oit.selectors import checklist as read_checklist


def _scope(membership: Membership) -> set[int] | None:
    """The divisions whose items the member sees (None: all)."""
    return None if sees_all(membership) else own_division_ids(membership)


@policy.authenticated
@require_GET
def checklist(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    show = request.GET.get("show", "")
    if show not in FILTERS:
        show = ""
    mine = own_division_ids(membership)
    data = read_checklist(
        membership.agency,
        year,
        divisions=_scope(membership),
        show=show,
        mine=mine,
        me=membership.user_id,
    )
    can = permissions(membership)
    editable = {
        row.code
        for row in data.rows
        if row.opened
        and (can.can_edit or (membership.role == "reporter" and row.division_id in mine))
    }
    return render(
        request,
        "oit/checklist.html",
        {
            "agency": membership.agency,
            "year": year,
            "data": data,
            "show": show,
            "can": can,
            "editable": editable,
            "sees_all": sees_all(membership),
        },
    )


@policy.authenticated
@require_POST
def open_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *EDITORS)
    try:
        services.open_checklist(membership.agency, year, actor=request.user)
    except ValidationFailed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("เปิดรายการข้อ OIT ของปีนี้แล้ว"))
    return redirect("oit:checklist", slug=slug, year=year)


@policy.authenticated
@require_GET
def checklist_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    data = thai_checklist(membership.agency, year, divisions=_scope(membership))
    response = HttpResponse(
        as_xlsx(membership.agency, data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="oit-{slug}-{year}.xlsx"'
    return response


@policy.authenticated
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    item, membership = get_item_for_user(request, slug, year, code)
    fields = editable_fields(membership, item)
    agency = membership.agency
    stale: StaleEdit | None = None
    if request.method == "POST":
        form = ItemForm(
            request.POST, agency=agency, fields=fields, current_division=item.division_id
        )
        if form.is_valid():
            try:
                services.update_item(
                    request.user, item, form.cleaned_data["version"], **form.changes()
                )
            except StaleEdit as error:
                stale = error
                item.refresh_from_db()
                data = request.POST.copy()
                data["version"] = str(item.version)
                form = ItemForm(
                    data, agency=agency, fields=fields, current_division=item.division_id
                )
                form.is_valid()
            except ValidationFailed as error:
                show_on_form(form, error)
            else:
                messages.success(request, _("บันทึกข้อ %(code)s แล้ว") % {"code": item.code})
                return redirect("oit:checklist", slug=slug, year=year)
        status = 409 if stale else 400
    else:
        status = 200
        form = ItemForm(
            agency=agency,
            fields=fields,
            initial={
                "division": item.division,
                "person": item.person,
                "due_date": item.due_date,
                "url": item.url,
                "state": item.state,
                "notes": item.notes,
                "version": item.version,
            },
        )
    rows = read_checklist(agency, year).rows
    row = next((r for r in rows if r.code == item.code), None)
    return render(
        request,
        "oit/item_form.html",
        {
            "agency": agency,
            "year": year,
            "item": item,
            "row": row,
            "form": form,
            "stale": stale,
            "stale_changes": sorted(stale.changes) if stale else [],
            "history": object_history(agency, "oititem", str(item.pk)),
        },
        status=status,
    )
