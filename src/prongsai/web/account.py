"""A person's own account: the account page, changing the password, and a forgotten
password reset by e-mail (Django's views with Thai pages and e-mail).

The reset page answers the same whether or not an address has an account (Django's form
sends only to accounts whose e-mail field matches, and then says "sent" either way), and
is rate-limited per address and per client, counted atomically before anything is sent
(prongsai.web.throttle). The link in the e-mail is built on SITE_URL, never on the
request's Host header. No password is ever shown, logged or e-mailed.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prongsai.agencies.access import PEOPLE_MANAGERS, memberships_of
from prongsai.core import policy
from prongsai.core.passwords import PasswordChangeForm, SetPasswordForm
from prongsai.web import throttle

RESET_WINDOW_SECONDS = 3600
RESET_PER_ADDRESS = 5  # reset e-mails asked for one address per hour
# Per client: an office often reaches the site through one shared address.
RESET_PER_CLIENT = 20


@policy.authenticated
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    memberships = [
        {
            "agency": m.agency,
            "role_label": m.get_role_display(),
            "manages_people": m.role in PEOPLE_MANAGERS,
        }
        for m in memberships_of(request.user).order_by("agency__name")
    ]
    return render(request, "web/account.html", {"memberships": memberships})


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "web/account/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("เปลี่ยนรหัสผ่านแล้ว"))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "web/account/reset_form.html"
    email_template_name = "web/account/reset_email.txt"
    subject_template_name = "web/account/reset_subject.txt"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        client = request.META.get("REMOTE_ADDR", "")
        address = str(request.POST.get("email", "")).strip().lower()
        # Both counted before the form is even read, whatever the address: the limit says
        # nothing about whether the address has an account.
        by_address = throttle.attempt(
            throttle.key("reset", "address", address), RESET_WINDOW_SECONDS
        )
        by_client = throttle.attempt(throttle.key("reset", "client", client), RESET_WINDOW_SECONDS)
        if by_address > RESET_PER_ADDRESS or by_client > RESET_PER_CLIENT:
            response = render(
                request,
                self.template_name,
                {"form": self.get_form_class()(), "throttled": True},
                status=429,
            )
            response["Retry-After"] = str(RESET_WINDOW_SECONDS)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        self.extra_email_context = {
            "site_url": settings.SITE_URL.rstrip("/"),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "web/account/reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "web/account/reset_confirm.html"

    def dispatch(self, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().dispatch(*args, **kwargs)
        # The first address holds the token: nothing the page loads may carry it away.
        response["Referrer-Policy"] = "same-origin"
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "web/account/reset_complete.html"
