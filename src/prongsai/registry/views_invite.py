"""The invitation page /invite/<token>/: the invited person sets their password.

The token in the address is a secret: the page is sent with `Referrer-Policy:
same-origin` (no request to another site carries the address away; "no-referrer" would
make browsers send `Origin: null` with the form, which the CSRF check rightly refuses), is
not cached, and prongsai.core.logging blots the token out of log records of the path.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from prongsai.core import policy
from prongsai.core.errors import ValidationFailed
from prongsai.core.passwords import SetPasswordForm
from prongsai.registry import invitations

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _page(request: HttpRequest, context: dict[str, object], status: int = 200) -> HttpResponse:
    response = render(request, "registry/invitation.html", context, status=status)
    response["Referrer-Policy"] = "same-origin"
    return response


@policy.public
@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitations.usable_invitation(token)
    except invitations.InvitationInvalid as exc:
        # Gone: the link cannot be used again (the page says why and whom to ask).
        return _page(request, {"refusal": str(exc)}, status=410)
    user = invitation.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept_invitation(token, form.cleaned_data["new_password1"])
        except invitations.InvitationInvalid as exc:
            return _page(request, {"refusal": str(exc)}, status=410)
        except ValidationFailed as exc:
            form.add_error("new_password1", str(exc))
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("ตั้งรหัสผ่านแล้ว ยินดีต้อนรับสู่ระบบโปร่งใส"))
            response = redirect("home")
            response["Referrer-Policy"] = "same-origin"
            return response
    where = invitation.agency.name if invitation.agency is not None else _("ระบบโปร่งใส")
    return _page(
        request,
        {
            "form": form,
            "where": where,
            "email": user.email or user.get_username(),
            "expires_at": invitation.expires_at,
        },
        status=400 if request.method == "POST" else 200,
    )
