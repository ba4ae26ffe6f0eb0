"""Delete closed cases (with their messages and files) past the retention time.

Run daily, e.g. from cron: `prongsai purge_cases`. The retention is COMPLAINT_RETENTION_DAYS
(days after closing); the yearly statistics keep counting the deleted cases. It also
deletes the rate limit's keys of past hours and expired attempt counters, should no
attempt since have done so.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from prongsai.core import counters
from prongsai.public import ratelimit
from prongsai.public.services_cases import purge_expired_cases


class Command(BaseCommand):
    help = "Delete closed cases older than COMPLAINT_RETENTION_DAYS (ลบเรื่องที่ปิดแล้วเกินระยะเก็บรักษา)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="retention in days after closing (default: COMPLAINT_RETENTION_DAYS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else settings.COMPLAINT_RETENTION_DAYS
        if days < 1:
            self.stderr.write(_("--days ต้องอย่างน้อย 1 วัน"))
            raise SystemExit(2)
        count = purge_expired_cases(days=days)
        ratelimit.forget_past_keys()
        counters.sweep()
        self.stdout.write(
            _("ลบเรื่องที่ปิดเกิน %(days)s วันแล้ว %(count)s เรื่อง") % {"days": days, "count": count}
        )
