"""`prongsai remind [--date YYYY-MM-DD]`: the day's reminder digests by e-mail.

Run daily (docs/operations.md); running it again the same day sends only what was not
sent yet."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.reminders.services import send_reminders
from prongsai.thai.dates import format_thai_date


class Command(BaseCommand):
    help = "E-mail the day's reminders (ส่งอีเมลแจ้งเตือนกำหนดของวัน)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day, YYYY-MM-DD (default: today, Bangkok time)")

    def handle(self, *args: Any, **options: Any) -> None:
        day = timezone.localdate()
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(_("วันที่ต้องเป็นรูปแบบ YYYY-MM-DD เช่น 2026-12-02")) from exc
        summary = send_reminders(day)
        self.stdout.write(
            _(
                "การแจ้งเตือนวันที่ %(date)s: ส่งแล้ว %(sent)s ฉบับ, ส่งไม่สำเร็จ %(failed)s ฉบับ,"
                " ส่งไปก่อนหน้านี้แล้ว %(already)s ฉบับ"
            )
            % {
                "date": format_thai_date(day, thai_digits=False),
                "sent": summary.sent,
                "failed": summary.failed,
                "already": summary.already_sent,
            }
        )
        if summary.failed:
            raise SystemExit(1)
