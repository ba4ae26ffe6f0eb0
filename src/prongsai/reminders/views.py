"""The coordinator's list of the agency's reminders, and each person's reminder settings."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prongsai.agencies.access import EDITORS, get_agency_for_user
from prongsai.core import policy
from prongsai.core.errors import ValidationFailed
from prongsai.reminders import selectors, services


@policy.authenticated
@require_GET
def agency_notifications(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_for_user(request, slug, *EDITORS).agency
    return render(
        request,
        "reminders/notifications.html",
        {"agency": agency, "rows": selectors.notifications(agency)},
    )


@policy.authenticated
@require_http_methods(["GET", "POST"])
def reminder_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            services.set_preferences(user=request.user, enabled=set(request.POST.getlist("kinds")))
        except ValidationFailed as error:
            messages.error(request, error.message)
            status = 400
        else:
            messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
            return redirect("reminder_settings")
    else:
        status = 200
    return render(
        request,
        "reminders/settings.html",
        {"rows": selectors.preference_rows(request.user)},
        status=status,
    )
