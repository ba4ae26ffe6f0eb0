"""What the operator's pages show, as plain rows (a fixed number of queries per page)."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, AgencyKind, Membership
from prongsai.registry import places
from prongsai.registry.places import Place

PAGE_SIZE = 50


@dataclass(frozen=True)
class AgencyRow:
    slug: str
    name: str
    kind: str
    province: str
    members: int


@dataclass(frozen=True)
class AgencyListing:
    rows: list[AgencyRow]
    page: Page  # its numbers (count, start, end, pages); `rows` are its agencies


def agency_page(query: str, page: str | int | None) -> AgencyListing:
    """A page of agencies (by name) whose name, slug or province holds `query`; each an
    AgencyRow with its number of active members."""
    found = Agency.objects.all()
    words = (query or "").strip()[:100]
    if words:
        found = found.filter(
            Q(name__icontains=words) | Q(slug__icontains=words) | Q(province__icontains=words)
        )
    found = found.annotate(
        members=Count("memberships", filter=Q(memberships__active=True))
    ).order_by("name", "pk")
    paginator = Paginator(
        found.values_list("slug", "name", "kind", "province", "members"), PAGE_SIZE
    )
    result = paginator.get_page(page)
    labels = dict(AgencyKind.choices)
    rows = [
        AgencyRow(slug, name, str(labels.get(kind, kind)), province, members)
        for slug, name, kind, province, members in result.object_list
    ]
    return AgencyListing(rows, result)


@dataclass(frozen=True)
class MemberRow:
    email: str
    role: str
    invited: bool  # has not set a password yet (the invitation is not used)


def agency_for_operator(slug: str) -> Agency:
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        raise Http404(_("ไม่พบหน่วยงาน"))
    return agency


def members_of(agency: Agency) -> list[MemberRow]:
    memberships = (
        Membership.objects.filter(agency=agency, active=True)
        .select_related("user")
        .order_by("role", "user__username")
    )
    return [
        MemberRow(
            m.user.get_username(), str(m.get_role_display()), not m.user.has_usable_password()
        )
        for m in memberships
    ]


def suggest_slug(name: str, place: Place | None) -> str:
    """A free slug for a new agency: the romanised name (or the subdistrict's English name),
    then with its kind, then with the subdistrict code, whichever is not taken yet."""
    stem = places.slug_stem(name, place)
    kind = places.split_prefix(name.strip())[2]
    candidates = [stem]
    if kind:
        candidates.append(f"{stem}-{kind.replace('_', '-')}"[: places.SLUG_MAX])
    if place is not None:
        candidates.append(f"{stem[:40]}-{place.subdistrict_code}")
    taken = set(Agency.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    return next((c for c in candidates if c not in taken), "")
