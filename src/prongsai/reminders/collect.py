"""What each person is to be reminded of on a day: per person and agency, the measures and
OIT items due in 30, 7 or 1 days, and the overdue ones.

An overdue item is reminded the day after its date and then once a week (8, 15, … days
late) for OVERDUE_DAYS, not every day: a daily mail about the same late item teaches people
to ignore the mail. Recipients: for a measure, the active reporters of its divisions and the
agency's active coordinators; for an OIT item, its person (or else its division's
reporters) and the coordinators; an OIT item whose link was found broken likewise, the day
it was found and weekly after. Kinds a person turned off are left out."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from prongsai.agencies.models import Agency, Membership, Role
from prongsai.measures.models import Measure, Status
from prongsai.oit.models import ItemState, OitItem
from prongsai.reminders.models import ReminderKind, ReminderPreference

AHEAD_DAYS = (30, 7, 1)
OVERDUE_DAYS = 90
FINISHED_OIT = (ItemState.PUBLISHED, ItemState.LINK_OK)


@dataclass
class Digest:
    user: Any
    agency: Agency
    items: list[dict[str, Any]] = field(default_factory=list)


def is_reminded(due: dt.date, day: dt.date) -> bool:
    left = (due - day).days
    if left in AHEAD_DAYS:
        return True
    late = -left
    return 0 < late <= OVERDUE_DAYS and late % 7 == 1


def _due_filter(day: dt.date) -> Q:
    ahead = [day + dt.timedelta(days=n) for n in AHEAD_DAYS]
    late = [day - dt.timedelta(days=n) for n in range(1, OVERDUE_DAYS + 1) if n % 7 == 1]
    return Q(due_date__in=ahead + late)


def address_of(user: Any) -> str:
    name = user.get_username()
    return str(user.email or (name if "@" in name else ""))


def link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


class _People:
    """The agency's active coordinators and reporters (by division), read once per agency."""

    def __init__(self, agency_ids: set[int]) -> None:
        self.coordinators: dict[int, list[Any]] = defaultdict(list)
        self.reporters: dict[tuple[int, int], list[Any]] = defaultdict(list)
        self.members: set[tuple[int, int]] = set()
        memberships = (
            Membership.objects.filter(agency_id__in=agency_ids, active=True, user__is_active=True)
            .select_related("user")
            .prefetch_related("divisions")
        )
        for m in memberships:
            self.members.add((m.agency_id, m.user_id))
            if m.role == Role.COORDINATOR:
                self.coordinators[m.agency_id].append(m.user)
            elif m.role == Role.REPORTER:
                for division in m.divisions.all():
                    self.reporters[(m.agency_id, division.pk)].append(m.user)


def _measure_items(day: dt.date) -> list[tuple[Measure, dict[str, Any]]]:
    measures = (
        Measure.objects.filter(_due_filter(day))
        .with_current_status()
        .select_related("agency")
        .prefetch_related("divisions")
        .order_by("agency_id", "due_date", "number")
    )
    found = []
    for m in measures:
        if m.current_status == Status.DONE or m.due_date is None:
            continue
        found.append(
            (
                m,
                {
                    "kind": ReminderKind.MEASURE_DUE.value,
                    "object": f"measure:{m.pk}",
                    "title": f"({m.number}) {m.short_name or m.title}"[:300],
                    "due": m.due_date.isoformat(),
                    "days": (m.due_date - day).days,
                    "url": link(reverse("measure_detail", args=[m.agency.slug, m.pk])),
                },
            )
        )
    return found


def _oit_items(day: dt.date) -> list[tuple[OitItem, dict[str, Any]]]:
    items = (
        OitItem.objects.filter(_due_filter(day))
        .exclude(state__in=FINISHED_OIT)
        .select_related("agency", "person")
        .order_by("agency_id", "due_date", "code")
    )
    return [
        (
            item,
            {
                "kind": ReminderKind.OIT_DUE.value,
                "object": f"oit:{item.pk}",
                "title": item.code,
                "due": item.due_date.isoformat(),
                "days": (item.due_date - day).days,
                "url": link(
                    reverse("oit:item", args=[item.agency.slug, item.fiscal_year, item.code])
                ),
            },
        )
        for item in items
        if item.due_date is not None
    ]


def _broken_links(day: dt.date) -> list[tuple[OitItem, dict[str, Any]]]:
    """OIT items whose address the link check found broken: the day it was found (the
    item's last change), then weekly while it stays broken."""
    found = []
    broken = OitItem.objects.filter(state=ItemState.LINK_BROKEN).select_related("agency", "person")
    for item in broken:
        since = timezone.localdate(item.updated_at)
        late = (day - since).days
        if not (0 <= late <= OVERDUE_DAYS and late % 7 == 0):
            continue
        entry = {
            "kind": ReminderKind.LINK_BROKEN.value,
            "object": f"oit:{item.pk}",
            "title": f"{item.code} {item.url}".strip(),
            "due": since.isoformat(),
            "days": 0,
            "url": link(reverse("oit:item", args=[item.agency.slug, item.fiscal_year, item.code])),
        }
        found.append((item, entry))
    return found


def collect(day: dt.date) -> list[Digest]:
    """The digests of `day`, one per person and agency, items by due date."""
    measures = _measure_items(day)
    oit = _oit_items(day) + _broken_links(day)
    agency_ids = {m.agency_id for m, _ in measures} | {i.agency_id for i, _ in oit}
    people = _People(agency_ids)
    digests: dict[tuple[int, int], Digest] = {}

    def add(user: Any, agency: Agency, entry: dict[str, Any]) -> None:
        digest = digests.setdefault((user.pk, agency.pk), Digest(user, agency))
        if entry not in digest.items:
            digest.items.append(entry)

    for measure, entry in measures:
        for user in people.coordinators[measure.agency_id]:
            add(user, measure.agency, entry)
        for division in measure.divisions.all():
            for user in people.reporters[(measure.agency_id, division.pk)]:
                add(user, measure.agency, entry)
    for item, entry in oit:
        responsible: list[Any] = []
        if item.person_id is not None and (item.agency_id, item.person_id) in people.members:
            responsible = [item.person]
        elif item.division_id is not None:
            responsible = people.reporters[(item.agency_id, item.division_id)]
        for user in [*people.coordinators[item.agency_id], *responsible]:
            add(user, item.agency, entry)

    off = set(
        ReminderPreference.objects.filter(
            user_id__in={user_id for user_id, _ in digests}, enabled=False
        ).values_list("user_id", "kind")
    )
    result = []
    for (user_id, _agency_id), digest in sorted(digests.items()):
        digest.items = [e for e in digest.items if (user_id, e["kind"]) not in off]
        digest.items.sort(key=lambda e: (e["due"], e["kind"], e["title"]))
        if digest.items and address_of(digest.user):
            result.append(digest)
    return result
