"""What the reminder pages show, as plain rows."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from prongsai.agencies.models import Agency
from prongsai.reminders.models import Notification, ReminderKind
from prongsai.reminders.services import enabled_kinds

PAGE = 200  # the latest notifications shown


@dataclass(frozen=True)
class NotificationRow:
    person: str
    day: dt.date
    subject: str
    items: int
    sent_at: dt.datetime | None
    error: str
    created_at: dt.datetime


def notifications(agency: Agency) -> list[NotificationRow]:
    rows = (
        Notification.objects.filter(agency=agency)
        .select_related("user")
        .order_by("-day", "-created_at")[:PAGE]
    )
    return [
        NotificationRow(
            person=n.user.get_full_name() or n.user.get_username(),
            day=n.day,
            subject=n.subject,
            items=len(n.items),
            sent_at=n.sent_at,
            error=n.error,
            created_at=n.created_at,
        )
        for n in rows
    ]


def preference_rows(user: Any) -> list[dict[str, Any]]:
    on = enabled_kinds(user)
    return [
        {"kind": kind.value, "label": kind.label, "enabled": kind.value in on}
        for kind in ReminderKind
    ]
