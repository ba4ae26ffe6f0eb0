"""The coordinator's people pages: the agency's members, invitations by e-mail, roles and
divisions, deactivation. Coordinators only (others of the agency 403, other agencies 404).

Every change goes through a service (registry.services, registry.invitations) and answers
with a redirect; only when an invitation e-mail cannot be sent is the link shown on the
answer to the POST itself, once, never stored anywhere but as its hash.
"""

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies.access import PEOPLE_MANAGERS, get_agency_for_user
from prongsai.agencies.models import Agency, Membership
from prongsai.core import policy
from prongsai.core.errors import ValidationFailed, show_on_form
from prongsai.registry import invitations, selectors, services
from prongsai.registry.forms import ConfirmForm, InviteForm, MemberForm

logger = logging.getLogger(__name__)


def _manager(request: HttpRequest, slug: str) -> Membership:
    return get_agency_for_user(request, slug, *PEOPLE_MANAGERS)


@policy.authenticated
@require_GET
def people(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _manager(request, slug).agency
    return render(
        request,
        "registry/people.html",
        {"agency": agency, "people": selectors.people(agency), "states": _states()},
    )


def _states() -> dict[str, str]:
    return {
        "set": selectors.SET,
        "pending": selectors.PENDING,
        "expired": selectors.EXPIRED,
        "no_link": selectors.NO_LINK,
    }


def _deliver(
    request: HttpRequest, agency: Agency, membership: Membership, token: str
) -> HttpResponse:
    """E-mail the link; on failure show it once when that is safe, else say to try again."""
    user = membership.user
    try:
        invitations.send_invitation(user, token, agency)
    except OSError as error:  # smtplib's errors are OSErrors too
        # Neither the link nor the server's answer (which may quote the message) is logged.
        logger.warning(
            "invitation e-mail for membership %s not sent: %s", membership.pk, type(error).__name__
        )
        if selectors.link_may_be_shown(membership):
            response = render(
                request,
                "registry/invitation_link.html",
                {
                    "agency": agency,
                    "email": user.email or user.get_username(),
                    "link": invitations.invitation_link(token),
                    "days": invitations.INVITATION_DAYS,
                },
            )
            response["Cache-Control"] = "no-store"
            response["Referrer-Policy"] = "same-origin"
            return response
        messages.error(
            request,
            _("ส่งอีเมลถึง %(email)s ไม่สำเร็จ โปรดลองส่งคำเชิญอีกครั้งภายหลัง")
            % {"email": user.email or user.get_username()},
        )
        return redirect("people_member", slug=agency.slug, member_pk=membership.pk)
    messages.success(
        request,
        _("ส่งคำเชิญทางอีเมลถึง %(email)s แล้ว ลิงก์ใช้ได้ %(days)d วัน")
        % {"email": user.email or user.get_username(), "days": invitations.INVITATION_DAYS},
    )
    return redirect("people", slug=agency.slug)


@policy.authenticated
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _manager(request, slug).agency
    form = InviteForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            membership, token = invitations.invite_member(
                actor=request.user,
                agency=agency,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                divisions=list(form.cleaned_data["divisions"]),
            )
        except ValidationFailed as exc:
            show_on_form(form, exc)
        else:
            return _deliver(request, agency, membership, token)
    return render(
        request,
        "registry/invite.html",
        {"agency": agency, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _member_page(
    request: HttpRequest,
    agency: Agency,
    membership: Membership,
    form: MemberForm | None = None,
    confirm_form: ConfirmForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    row = selectors.person(membership)
    if form is None:
        form = MemberForm(
            agency=agency,
            initial={"role": membership.role, "divisions": list(membership.divisions.all())},
        )
    return render(
        request,
        "registry/member.html",
        {
            "agency": agency,
            "person": row,
            "form": form,
            "confirm_form": confirm_form or ConfirmForm(),
            "is_self": membership.user_id == request.user.pk,
            "can_resend": row.active and row.password != selectors.SET,
            "refusal": refusal,
            "states": _states(),
        },
        status=status,
    )


@policy.authenticated
@require_http_methods(["GET", "POST"])
def member(request: HttpRequest, slug: str, member_pk: int) -> HttpResponse:
    agency = _manager(request, slug).agency
    membership = selectors.member_of(agency, member_pk)
    if request.method == "GET":
        return _member_page(request, agency, membership)
    form = MemberForm(request.POST, agency=agency)
    if form.is_valid():
        try:
            services.change_member(
                actor=request.user,
                membership=membership,
                role=form.cleaned_data["role"],
                divisions=list(form.cleaned_data["divisions"]),
            )
        except ValidationFailed as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("บันทึกบทบาทและส่วนราชการแล้ว"))
            return redirect("people", slug=slug)
    return _member_page(request, agency, membership, form=form, status=400)


@policy.authenticated
@require_POST
def resend(request: HttpRequest, slug: str, member_pk: int) -> HttpResponse:
    agency = _manager(request, slug).agency
    membership = selectors.member_of(agency, member_pk)
    try:
        token = invitations.invite_again(actor=request.user, membership=membership)
    except ValidationFailed as exc:
        return _member_page(request, agency, membership, refusal=str(exc), status=400)
    return _deliver(request, agency, membership, token)


@policy.authenticated
@require_POST
def deactivate(request: HttpRequest, slug: str, member_pk: int) -> HttpResponse:
    agency = _manager(request, slug).agency
    membership = selectors.member_of(agency, member_pk)
    confirm = ConfirmForm(request.POST)
    if confirm.is_valid():
        try:
            services.deactivate_member(actor=request.user, membership=membership)
        except ValidationFailed as exc:
            return _member_page(request, agency, membership, refusal=str(exc), status=400)
        messages.success(
            request,
            _("ปิดการใช้งานของ %(name)s แล้ว ชื่อยังคงปรากฏในประวัติที่บันทึกไว้")
            % {"name": membership.user.get_username()},
        )
        return redirect("people", slug=slug)
    return _member_page(request, agency, membership, confirm_form=confirm, status=400)


@policy.authenticated
@require_POST
def reactivate(request: HttpRequest, slug: str, member_pk: int) -> HttpResponse:
    agency = _manager(request, slug).agency
    membership = selectors.member_of(agency, member_pk)
    try:
        services.reactivate_member(actor=request.user, membership=membership)
    except ValidationFailed as exc:
        return _member_page(request, agency, membership, refusal=str(exc), status=400)
    messages.success(
        request,
        _("เปิดการใช้งานของ %(name)s อีกครั้งแล้ว") % {"name": membership.user.get_username()},
    )
    return redirect("people", slug=slug)
