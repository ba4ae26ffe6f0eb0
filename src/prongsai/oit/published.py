"""The OIT items that prongsai itself publishes, and their stable public addresses.

Which item of a year carries a document is read from the crosswalk's lineages (item numbers
change between years; 2565 O42 is 2569 O25), never from a code written here. The addresses
are the public pages' short, stable ones on SITE_URL (public/urls.py), so the address given
to NACC keeps working across later publications of the same year."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from prongsai.agencies.models import Agency
from prongsai.ita.crosswalk import load_crosswalk
from prongsai.memos.kinds import MemoKind
from prongsai.public.models import Publication


@dataclass(frozen=True)
class Source:
    lineage: str  # crosswalk key
    kind: str  # the published memo's kind, or "" for a page every publishing agency has
    path: Callable[[str, int], str]  # (slug, year) -> path on the site


def _document(kind: str) -> Callable[[str, int], str]:
    return lambda slug, year: reverse("public:document", args=[slug, year, kind])


SOURCES = (
    Source("integrity-measures", MemoKind.MEASURES, _document(MemoKind.MEASURES)),
    Source(
        "integrity-measures-report", MemoKind.IMPLEMENTATION, _document(MemoKind.IMPLEMENTATION)
    ),
    Source(
        "complaint-statistics", "", lambda slug, year: reverse("public:stats", args=[slug, year])
    ),
    Source("complaint-channel", "", lambda slug, _year: reverse("public:feedback", args=[slug])),
)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def automatic_urls(agency: Agency, year: int) -> dict[str, str]:
    """Item code → the public address of what prongsai has published for it (two queries).

    Nothing before the agency's first publication of the year: until then it has not chosen
    to publish through prongsai, and its own website may carry these items."""
    latest = (
        Publication.objects.filter(agency=agency, fiscal_year=year)
        .order_by("-published_at", "-pk")
        .first()
    )
    if latest is None:
        return {}
    kinds = set(latest.documents.values_list("kind", flat=True))
    crosswalk = load_crosswalk()
    urls: dict[str, str] = {}
    for source in SOURCES:
        if source.kind and source.kind not in kinds:
            continue
        if not crosswalk.has_lineage(source.lineage):
            continue
        for code in crosswalk.lineage(source.lineage).items_in(year):
            urls[code] = site_url(source.path(agency.slug, year))
    return urls


def automatic_codes(year: int) -> frozenset[str]:
    """Codes of the year's items that prongsai can publish (for the page's marks)."""
    crosswalk = load_crosswalk()
    return frozenset(
        code
        for source in SOURCES
        if crosswalk.has_lineage(source.lineage)
        for code in crosswalk.lineage(source.lineage).items_in(year)
    )
