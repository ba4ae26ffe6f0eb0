"""Link checks of an agency-year: every address the agency gives as evidence (its OIT
items' addresses and its measures' evidence links) is fetched (`oit.fetch`), and each check
is kept as a LinkCheck row with its date; pages show the latest check of each address.

The network part runs in a few threads (at most two requests at a time to one host); the
database is read before and written after, in the calling thread only.
"""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from prongsai.agencies.models import Agency
from prongsai.core.errors import ValidationFailed
from prongsai.measures.models import Evidence
from prongsai.oit import services
from prongsai.oit.fetch import Fetched, HostSlots, Limits, fetch
from prongsai.oit.models import LinkCheck, OitItem
from prongsai.oit.selectors import latest_checks
from prongsai.public import selectors as public_selectors

# Why a check failed, in the reader's language (stored in Thai, the documents' language).
ERRORS = {
    "bad_url": gettext_lazy("ลิงก์ไม่ถูกต้อง (ต้องขึ้นต้นด้วย http:// หรือ https://)"),
    "dns": gettext_lazy("ไม่พบชื่อโดเมนนี้"),
    "private": gettext_lazy("ไม่ตรวจที่อยู่ในเครือข่ายภายใน"),
    "timeout": gettext_lazy("เว็บไซต์ไม่ตอบภายในเวลาที่กำหนด"),
    "tls": gettext_lazy("ใบรับรองความปลอดภัย (HTTPS) ของเว็บไซต์ใช้ไม่ได้"),
    "connection": gettext_lazy("เชื่อมต่อเว็บไซต์ไม่ได้"),
    "redirects": gettext_lazy("ส่งต่อ (redirect) หลายทอดเกินไป"),
    "too_large": gettext_lazy("ไฟล์ใหญ่เกินกว่าที่จะตรวจได้"),
    "status": gettext_lazy("เว็บไซต์ตอบว่าไม่พบหรือใช้ไม่ได้"),
    "sha": gettext_lazy("ไฟล์ที่เว็บไซต์ส่งมาไม่ตรงกับเอกสารที่เผยแพร่"),
}
# More addresses than this are checked by the command (or a background job), not a click.
SYNC_LIMIT = 20


def limits() -> Limits:
    return Limits(
        connect_timeout=float(settings.LINK_CHECK_CONNECT_TIMEOUT),
        total_timeout=float(settings.LINK_CHECK_TIMEOUT),
        max_bytes=int(settings.LINK_CHECK_MAX_BYTES),
        user_agent=f"prongsai-linkcheck/1 (+{settings.SITE_URL})",
        allow_private=bool(settings.LINK_CHECK_ALLOW_PRIVATE),
    )


# --- which addresses ----------------------------------------------------------------------


def year_urls(agency: Agency, year: int) -> dict[str, list[str]]:
    """Each distinct address of the agency-year → where it is given (e.g. "O31", "มาตรการ 3"),
    in a stable order: OIT items first, then measures' evidence."""
    urls: dict[str, list[str]] = {}
    items = OitItem.objects.filter(agency=agency, fiscal_year=year).exclude(url="")
    for code, url in items.order_by("code").values_list("code", "url"):
        urls.setdefault(url, []).append(code)
    evidence = (
        Evidence.objects.filter(
            update__measure__agency=agency,
            update__measure__fiscal_year=year,
            update__withdrawal__isnull=True,
        )
        .exclude(url="")
        .order_by("update__measure__number", "pk")
        .values_list("update__measure__number", "url")
    )
    for number, url in evidence:
        label = _("มาตรการ %(number)s") % {"number": number}
        if label not in urls.setdefault(url, []):
            urls[url].append(label)
    return urls


def expected_sha256(url: str) -> str | None:
    """The stored SHA-256 when `url` is a document prongsai published (its stable public
    address on this site), else None."""
    site = urlsplit(settings.SITE_URL)
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc.lower()) != (site.scheme, site.netloc.lower()):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name != "public:document":
        return None
    pointer = public_selectors.newest_publication(match.kwargs["slug"], match.kwargs["year"])
    if pointer is None:
        return None
    document = public_selectors.published_document(pointer.pk, match.kwargs["kind"])
    return document.sha256 if document else None


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def on_domain(host: str, website: str) -> bool:
    """Whether `host` is the agency's website host or one below it ("www." ignored)."""
    site = _bare(urlsplit(website.strip()).hostname or "") if website else ""
    if not site or not host:
        return False
    host = _bare(host)
    return host == site or host.endswith("." + site)


# --- checking -----------------------------------------------------------------------------


@dataclass
class Summary:
    checked: int = 0
    ok: int = 0
    broken: int = 0
    off_domain: int = 0
    rows: list[LinkCheck] = field(default_factory=list)


Progress = Callable[[int, int, LinkCheck], None]


def judge(agency: Agency, fetched: Fetched, expected: str | None) -> LinkCheck:
    """The LinkCheck row of one fetch (not saved). An address on the agency's domain is one
    whose every hop stayed there: NACC wants the agency's own website, not a shortener or
    a file host it redirects to."""
    status = fetched.status_code
    answered = not fetched.error and status is not None
    error = fetched.error
    ok = answered and status is not None and 200 <= status < 300
    if answered and not ok:
        error = "status"
    matches = None
    if expected is not None and ok:
        matches = fetched.sha256 == expected
        ok = matches
        error = "" if matches else "sha"
    elif expected is not None and error == "too_large":
        matches = False
    first_host = urlsplit(fetched.url).hostname or ""
    hosts = fetched.hosts or [first_host]
    return LinkCheck(
        agency=agency,
        url=fetched.url,
        checked_at=timezone.now(),
        ok=ok,
        status_code=status,
        final_url=fetched.final_url[:500],
        content_type=fetched.content_type,
        on_agency_domain=all(on_domain(h, agency.website) for h in hosts),
        elapsed_ms=fetched.elapsed_ms,
        sha256_matches=matches,
        error=_stored(error),
    )


def _stored(code: str) -> str:
    if not code:
        return ""
    with override("th"):
        return str(ERRORS[code])


def check_urls(agency: Agency, urls: Iterable[str], *, progress: Progress | None = None) -> Summary:
    """Check `urls` (distinct) and write one LinkCheck row each."""
    wanted = list(dict.fromkeys(urls))
    expected = {url: expected_sha256(url) for url in wanted}
    slots = HostSlots(per_host=2)
    bounds = limits()
    workers = int(settings.LINK_CHECK_WORKERS)
    summary = Summary()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [
            pool.submit(fetch, url, bounds, slots, want_body=expected[url] is not None)
            for url in wanted
        ]
        for future in futures:
            fetched = future.result()
            row = judge(agency, fetched, expected[fetched.url])
            row.save(force_insert=True)
            summary.rows.append(row)
            summary.checked += 1
            summary.ok += row.ok
            summary.broken += not row.ok
            summary.off_domain += not row.on_agency_domain
            if progress is not None:
                progress(summary.checked, len(wanted), row)
    return summary


def check_agency_year(agency: Agency, year: int, *, progress: Progress | None = None) -> Summary:
    """Check every address of the agency-year, keep the results and mark its OIT items."""
    summary = check_urls(agency, year_urls(agency, year), progress=progress)
    outcome = {row.url: row.ok for row in summary.rows}
    with transaction.atomic():
        for item in OitItem.objects.filter(agency=agency, fiscal_year=year).exclude(url=""):
            if item.url in outcome:
                services.record_link_state(item, outcome[item.url])
    return summary


def start_link_check(agency: Agency, year: int) -> Summary:
    """The button's check: done at once for a few addresses; more are left to the command
    (a background job will take them)."""
    count = len(year_urls(agency, year))
    if count > SYNC_LIMIT:
        raise ValidationFailed(
            _(
                "ลิงก์ของปีนี้มี %(count)d รายการ มากเกินกว่าจะตรวจจากหน้านี้ได้ "
                "โปรดให้ผู้ดูแลระบบใช้คำสั่ง prongsai links check --agency %(slug)s --year %(year)s"
            )
            % {"count": count, "slug": agency.slug, "year": year}
        )
    return check_agency_year(agency, year)


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkRow:
    url: str
    sources: tuple[str, ...]
    check: LinkCheck | None  # the latest check, None when never checked


def link_rows(agency: Agency, year: int) -> list[LinkRow]:
    urls = year_urls(agency, year)
    checks = latest_checks(agency, urls)
    return [LinkRow(url, tuple(sources), checks.get(url)) for url, sources in urls.items()]
