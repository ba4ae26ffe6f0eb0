"""Sending the day's reminder digests, and each person's choice of kinds.

Each digest is a Notification row (unique per person, agency and day) written before its
e-mail is sent: a second run the same day sends nothing new, and a row left unsent (the
mail server failed, or the run stopped) is sent by the next run of that day. The send
happens with the row locked and `sent_at` is saved in the same transaction, so two runs at
once never both send it. The one gap is at-least-once: if the process dies after the mail
server accepted the mail but before the transaction commits, the next run sends it again.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prongsai.core.errors import ValidationFailed
from prongsai.reminders.collect import Digest, address_of, collect, link
from prongsai.reminders.models import Notification, ReminderKind, ReminderPreference
from prongsai.thai.dates import format_thai_date
from prongsai.thai.digits import to_thai_digits


@dataclass
class Summary:
    sent: int = 0
    failed: int = 0
    already_sent: int = 0


def _when(days: int) -> str:
    if days < 0:
        return _("เลยกำหนดมาแล้ว %(days)s วัน") % {"days": to_thai_digits(str(-days))}
    return _("อีก %(days)s วัน") % {"days": to_thai_digits(str(days))}


def compose(digest: Digest, day: dt.date) -> tuple[str, str]:
    """The subject and the Thai body of a digest, with links built on SITE_URL."""
    with translation.override("th"):
        count = len(digest.items)
        subject = ngettext(
            "แจ้งเตือน ITA %(agency)s: %(count)s รายการใกล้ถึงหรือเลยกำหนด",
            "แจ้งเตือน ITA %(agency)s: %(count)s รายการใกล้ถึงหรือเลยกำหนด",
            count,
        ) % {"agency": digest.agency.name, "count": to_thai_digits(str(count))}
        name = digest.user.get_full_name() or digest.user.get_username()
        lines = [
            _("เรียน %(name)s") % {"name": name},
            "",
            _("รายการ ITA ของ%(agency)s ที่ใกล้ถึงกำหนดหรือเลยกำหนด ณ วันที่ %(date)s")
            % {"agency": digest.agency.name, "date": format_thai_date(day)},
        ]
        headings = {
            ReminderKind.MEASURE_DUE.value: _("มาตรการที่ถึงกำหนดติดตาม"),
            ReminderKind.OIT_DUE.value: _("ข้อ OIT ที่ถึงกำหนดเสร็จ"),
            ReminderKind.LINK_BROKEN.value: _("ข้อ OIT ที่ลิงก์เสีย"),
        }
        for kind, heading in headings.items():
            entries = [e for e in digest.items if e["kind"] == kind]
            if not entries:
                continue
            lines += ["", heading]
            for e in entries:
                date = format_thai_date(dt.date.fromisoformat(e["due"]))
                if kind == ReminderKind.LINK_BROKEN.value:
                    line = _("- %(title)s พบว่าเสียเมื่อ %(date)s") % {
                        "title": e["title"],
                        "date": date,
                    }
                else:
                    line = _("- %(title)s กำหนด %(due)s (%(when)s)") % {
                        "title": e["title"],
                        "due": date,
                        "when": _when(int(e["days"])),
                    }
                lines.append(line)
                lines.append(f"  {e['url']}")
        lines += [
            "",
            _("เลือกประเภทการแจ้งเตือนที่ต้องการได้ที่ %(link)s")
            % {"link": link(reverse("reminder_settings"))},
        ]
        return subject[:300], "\n".join(lines)


def _deliver(notification_id: int, address: str) -> str:
    """Send one digest if it is still unsent: "sent", "already" or "failed" (the error kept
    on the row, which the next run sends again)."""
    with transaction.atomic():
        n = Notification.objects.select_for_update().get(pk=notification_id)
        if n.sent_at is not None:
            return "already"
        try:
            send_mail(n.subject, n.body, None, [address], fail_silently=False)
        except Exception as exc:  # any failure of the mail server is recorded, not raised
            n.error = (f"{type(exc).__name__}: {exc}".strip())[:300]
            n.save(update_fields=["error"])
            return "failed"
        n.sent_at = timezone.now()
        n.error = ""
        n.save(update_fields=["sent_at", "error"])
        return "sent"


def send_reminders(day: dt.date) -> Summary:
    """Send the digests of `day`; run it again and only the unsent ones go."""
    summary = Summary()
    for digest in collect(day):
        subject, body = compose(digest, day)
        n, created = Notification.objects.get_or_create(
            user=digest.user,
            agency=digest.agency,
            day=day,
            defaults={"subject": subject, "body": body, "items": digest.items},
        )
        if n.sent_at is not None:
            summary.already_sent += 1
            continue
        if not created:
            # Unsent from an earlier run: send what is due now, not what was then.
            Notification.objects.filter(pk=n.pk, sent_at=None).update(
                subject=subject, body=body, items=digest.items
            )
        outcome = _deliver(n.pk, address_of(digest.user))
        if outcome == "sent":
            summary.sent += 1
        elif outcome == "failed":
            summary.failed += 1
        else:
            summary.already_sent += 1
    return summary


def enabled_kinds(user: Any) -> set[str]:
    off = set(
        ReminderPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    return {kind for kind in ReminderKind.values if kind not in off}


@transaction.atomic
def set_preferences(*, user: Any, enabled: set[str]) -> None:
    """The kinds the person wants (every other kind turned off)."""
    unknown = set(enabled) - set(ReminderKind.values)
    if unknown:
        raise ValidationFailed(_("ไม่รู้จักประเภทการแจ้งเตือนนี้"), field="kinds")
    for kind in ReminderKind.values:
        ReminderPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": kind in enabled}
        )
