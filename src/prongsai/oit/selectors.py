"""What the checklist page, its XLSX and the `oit` command read: one plain row per item of
the year's framework, with the latest check of its address, in a fixed number of queries
(the items with their division and person, then the link checks of their addresses)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from prongsai.agencies.models import Agency
from prongsai.core.i18n import in_active_language
from prongsai.ita.framework import Framework, FrameworkError, load_framework
from prongsai.measures.selectors import width_class
from prongsai.oit.models import ItemState, LinkCheck, OitItem
from prongsai.oit.published import automatic_codes

HAS_STATES = frozenset({ItemState.PUBLISHED, ItemState.LINK_OK})
FILTERS = ("missing", "broken", "mine")


@dataclass(frozen=True)
class ItemRow:
    code: str
    title: str  # the active language's
    title_th: str
    group: str
    opened: bool  # a row exists (the checklist of the year is open)
    has: bool  # NACC's "has": an address on the website, published or checked OK
    url: str
    division_id: int | None
    division: str
    person_id: int | None
    person: str
    due_date: dt.date | None
    overdue: bool
    state: str
    state_label: str
    notes: str
    automatic: bool  # the address is one prongsai published
    by_prongsai: bool  # prongsai can publish this item (filled once published)
    checked_at: dt.datetime | None  # latest check of the address
    check_error: str
    broken: bool
    version: int


@dataclass(frozen=True)
class Progress:
    total: int
    has: int
    missing: int
    broken: int
    percent: int
    width: str  # the bar's width class (no inline styles: CSP)
    by_state: tuple[tuple[str, str, int], ...]  # (value, label, count)


@dataclass(frozen=True)
class Checklist:
    year: int
    provisional: bool
    known: bool  # the year has a framework
    opened: bool
    rows: tuple[ItemRow, ...]
    progress: Progress


def _person(user: object | None) -> str:
    if user is None:
        return ""
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or getattr(user, "username", ""))


def latest_checks(agency: Agency, urls: Iterable[str]) -> dict[str, LinkCheck]:
    """The latest check of each address (one query, reading only the latest rows however
    many checks an address has had)."""
    wanted = {u for u in urls if u}
    if not wanted:
        return {}
    newest = (
        LinkCheck.objects.filter(agency=agency, url=OuterRef("url"))
        .order_by("-checked_at", "-pk")
        .values("pk")[:1]
    )
    rows = LinkCheck.objects.filter(agency=agency, url__in=wanted).filter(pk=Subquery(newest))
    return {row.url: row for row in rows}


def _framework(year: int) -> Framework | None:
    try:
        return load_framework(year)
    except FrameworkError:
        return None


def progress_of(rows: tuple[ItemRow, ...]) -> Progress:
    total = len(rows)
    has = sum(1 for r in rows if r.has)
    counts = {value: 0 for value in ItemState.values}
    for r in rows:
        counts[r.state] = counts.get(r.state, 0) + 1
    return Progress(
        total=total,
        has=has,
        missing=total - has,
        broken=sum(1 for r in rows if r.broken),
        percent=round(100 * has / total) if total else 0,
        width=width_class(has, total),
        by_state=tuple((s.value, str(s.label), counts[s.value]) for s in ItemState),
    )


def checklist(
    agency: Agency,
    year: int,
    *,
    divisions: set[int] | None = None,
    show: str = "",
    mine: set[int] | None = None,
    me: int | None = None,
    today: dt.date | None = None,
) -> Checklist:
    """The agency-year's checklist in framework order (two queries).

    `divisions` limits the rows to those divisions' items (a reporter's view); `show` is
    one of FILTERS ("mine" = the items of the divisions in `mine` or of the person `me`); progress counts the
    rows the reader may see before `show` narrows them."""
    framework = _framework(year)
    if framework is None:
        empty = progress_of(())
        return Checklist(year, False, False, False, (), empty)
    today = today or timezone.localdate()
    items = {
        item.code: item
        for item in OitItem.objects.filter(agency=agency, fiscal_year=year).select_related(
            "division", "person"
        )
    }
    checks = latest_checks(agency, (i.url for i in items.values()))
    by_prongsai = automatic_codes(year)
    rows = []
    for spec in framework.items:
        item = items.get(spec.code)
        state = item.state if item else ItemState.NOT_STARTED
        url = item.url if item else ""
        check = checks.get(url) if url else None
        broken = state == ItemState.LINK_BROKEN or (check is not None and not check.ok)
        has = bool(url) and state in HAS_STATES and not broken
        due = item.due_date if item else None
        rows.append(
            ItemRow(
                code=spec.code,
                title=in_active_language(spec.name_th, spec.name_en or spec.name_th),
                title_th=spec.name_th,
                group=spec.group_th,
                opened=item is not None,
                has=has,
                url=url,
                division_id=item.division_id if item else None,
                division=item.division.name if item and item.division else "",
                person_id=item.person_id if item else None,
                person=_person(item.person if item else None),
                due_date=due,
                overdue=bool(due and due < today and not has),
                state=state,
                state_label=str(ItemState(state).label),
                notes=item.notes if item else "",
                automatic=bool(item and item.automatic),
                by_prongsai=spec.code in by_prongsai,
                checked_at=check.checked_at if check else None,
                check_error=check.error if check else "",
                broken=broken,
                version=item.version if item else 0,
            )
        )
    visible = tuple(r for r in rows if divisions is None or r.division_id in divisions)
    progress = progress_of(visible)
    if show == "missing":
        visible = tuple(r for r in visible if not r.has)
    elif show == "broken":
        visible = tuple(r for r in visible if r.broken)
    elif show == "mine":
        own = mine or set()
        visible = tuple(
            r for r in visible if r.division_id in own or (me is not None and r.person_id == me)
        )
    return Checklist(
        year=year,
        provisional=framework.provisional,
        known=True,
        opened=bool(items),
        rows=visible,
        progress=progress,
    )
