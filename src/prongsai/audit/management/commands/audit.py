import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit chains: `audit verify [--agency SLUG]` walks each chain (exit 1 if broken)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="verify the hash chains")
        verify.add_argument("--agency", help="only this agency's chain (slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        agencies = Agency.objects.order_by("slug")
        if options.get("agency"):
            agencies = agencies.filter(slug=options["agency"])
            if not agencies.exists():
                raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["agency"]})
        broken = False
        for agency in agencies:
            report = verify_chain(agency)
            if report.ok:
                self.stdout.write(f"OK {agency.slug}: {report.length} events, head {report.head}")
            else:
                broken = True
                self.stdout.write(
                    f"BROKEN {agency.slug}: event #{report.broken_seq}: {report.problem} "
                    f"(ห่วงโซ่ประวัติเสียหายที่รายการ #{report.broken_seq}); "
                    f"last good head {report.head}"
                )
        if broken:
            sys.exit(1)
