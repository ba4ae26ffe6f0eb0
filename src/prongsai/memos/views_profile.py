"""The agency's profile page: the texts every memo prints (the agency's name, the unit that
writes, telephone, document number, the executive, the report signer …) with the memo head
as it will print beside them (views_preview_head). Coordinators only; the place (DOPA
codes) is shown, not changed: that is the operator's.

The page lives in memos, not registry, so that its first render includes the preview
fragment built by the memo builders (registry sits below memos); the write is the
registry's service, update_agency_profile."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.agencies.access import get_agency_for_user
from prongsai.agencies.models import Agency, Role
from prongsai.core import policy
from prongsai.core.errors import StaleEdit, ValidationFailed, show_on_form
from prongsai.memos.views_preview_head import FRAGMENT, head_context, typed_agency
from prongsai.registry import divisions as divisions_services
from prongsai.registry.forms import AgencyProfileForm


def _initial(agency: Agency) -> dict[str, Any]:
    return {name: getattr(agency, name) for name in divisions_services.PROFILE_FIELDS} | {
        "version": agency.version
    }


@policy.authenticated
@require_http_methods(["GET", "POST"])
def agency_profile(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, Role.COORDINATOR)
    agency = membership.agency
    stale: StaleEdit | None = None
    status = 200
    if request.method == "POST":
        form = AgencyProfileForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                divisions_services.update_agency_profile(
                    actor=request.user,
                    agency=agency,
                    expected_version=data.get("version") or 0,
                    **{name: data[name] for name in divisions_services.PROFILE_FIELDS},
                )
            except StaleEdit as error:
                # Keep what was typed; the next save is based on the version now shown.
                stale, status = error, 409
                agency.refresh_from_db()
                values = request.POST.copy()
                values["version"] = str(agency.version)
                form = AgencyProfileForm(values)
                form.is_valid()
            except ValidationFailed as error:
                show_on_form(form, error)
            else:
                messages.success(request, _("บันทึกข้อมูลหน่วยงานแล้ว"))
                return redirect("memos:agency_profile", slug=slug)
        shown = typed_agency(agency, request.POST)
    else:
        form = AgencyProfileForm(initial=_initial(agency))
        shown = agency
    return render(
        request,
        "memos/profile.html",
        {
            "agency": agency,
            "form": form,
            "stale": stale,
            "fragment": FRAGMENT,
            **head_context(shown),
        },
        status=status,
    )
