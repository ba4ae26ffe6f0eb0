"""The operator's pages: every agency, a new agency, an agency with the invitation of its
first coordinator. They exist only for site operators (404 for everybody else), and show
no agency's ITA work."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from prongsai.agencies.access import require_operator
from prongsai.agencies.models import Role
from prongsai.core import flash, policy
from prongsai.core.errors import ProngsaiError, ValidationFailed, show_on_form
from prongsai.registry import places
from prongsai.registry.delivery import try_send_invitation
from prongsai.registry.invitations import INVITATION_DAYS, invitation_link, invite_member
from prongsai.registry.operator import selectors
from prongsai.registry.operator.forms import AgencyForm, InviteForm, typed_place
from prongsai.registry.services import check_agency, register_agency

LINK_NOTE = "invitation_link"  # the flash note that carries a new link to the agency page


@policy.authenticated
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require_operator(request)
    query = request.GET.get("q", "")
    listing = selectors.agency_page(query, request.GET.get("page"))
    return render(
        request,
        "registry/operator/index.html",
        {"rows": listing.rows, "page": listing.page, "query": query},
    )


@policy.authenticated
@require_http_methods(["GET", "POST"])
def agency_new(request: HttpRequest) -> HttpResponse:
    require_operator(request)
    form = AgencyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        code = form.chosen_code()
        try:
            if not code:
                raise ValidationFailed(_("เลือกตำบลหรือพิมพ์รหัสตำบล 6 หลัก"), field="subdistrict")
            slug = data["slug"] or selectors.suggest_slug(data["name"], places.place_of(code))
            spec = check_agency(
                slug=slug,
                name=data["name"],
                subdistrict_code=code,
                kind=data["kind"] or None,
                document_number=data["document_number"],
            )
            agency = register_agency(actor=request.user, spec=spec)
        except ProngsaiError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("เพิ่ม%(name)sแล้ว") % {"name": agency.name})
            return redirect("operator:agency", slug=agency.slug)
    status = 400 if form.errors else 200
    return render(request, "registry/operator/agency_form.html", {"form": form}, status=status)


@policy.authenticated
@require_GET
def place_fields(request: HttpRequest) -> HttpResponse:
    """The place pickers (and the suggested slug) for what is chosen so far: htmx swaps them
    in as the operator picks a province, a district or types a code."""
    require_operator(request)
    form = AgencyForm(request.GET)
    place = typed_place(form.data)
    name = str(form.data.get("name") or "")
    suggested = selectors.suggest_slug(name, place) if name or place else ""
    slug = str(form.data.get("slug") or "")
    if not slug or slug == form.data.get("slug_suggested"):
        slug = suggested
    return render(
        request,
        "registry/operator/_place_fields.html",
        {"form": form, "slug": slug, "suggested": suggested, "place": place},
    )


def _place_or_none(code: str) -> places.Place | None:
    try:
        return places.place_of(code)
    except ProngsaiError:  # an agency placed before codes were checked
        return None


def _agency_path(slug: str) -> str:
    return reverse("operator:agency", args=[slug])


@never_cache
@policy.authenticated
@require_http_methods(["GET", "POST"])
def agency(request: HttpRequest, slug: str) -> HttpResponse:
    require_operator(request)
    found = selectors.agency_for_operator(slug)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, token = invite_member(
                actor=request.user,
                agency=found,
                email=form.cleaned_data["email"],
                role=Role.COORDINATOR,
            )
        except ProngsaiError as error:
            show_on_form(form, error)
        else:
            email = membership.user.email
            if try_send_invitation(membership.user, token, found):
                messages.success(request, _("ส่งคำเชิญทางอีเมลไปที่ %(email)s แล้ว") % {"email": email})
            else:
                messages.warning(
                    request,
                    _("เชิญ %(email)s แล้ว แต่ส่งอีเมลไม่สำเร็จ โปรดส่งลิงก์ด้านล่างให้เอง") % {"email": email},
                )
            target = redirect(_agency_path(found.slug))
            flash.leave(target, LINK_NOTE, found.slug, token, _agency_path(found.slug))
            return target
    token = flash.read(request, LINK_NOTE, found.slug)
    response = render(
        request,
        "registry/operator/agency.html",
        {
            "agency": found,
            "place": _place_or_none(found.subdistrict_code),
            "members": selectors.members_of(found),
            "form": form,
            "link": invitation_link(token) if token else "",
            "days": INVITATION_DAYS,
        },
        status=400 if form.errors else 200,
    )
    flash.forget(request, response, LINK_NOTE, _agency_path(found.slug))
    return response
