import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.audit.files import verify_files
from prongsai.audit.guard import missing_triggers
from prongsai.audit.services import verify_chain, verify_rows


class Command(BaseCommand):
    help = (
        "Audit chains: `audit verify [--agency SLUG]` walks each chain and checks every bound "
        "row (status updates, evidence, measures) against it; with --files also every stored "
        "file against its SHA-256 (exit 1 if anything is wrong)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="verify the hash chains and the bound rows")
        verify.add_argument("--agency", help="only this agency's chain (slug)")
        verify.add_argument(
            "--files",
            action="store_true",
            help="also read every stored file back against its SHA-256 (evidence, published "
            "documents, complaint attachments)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agencies = Agency.objects.order_by("slug")
        if options.get("agency"):
            agencies = agencies.filter(slug=options["agency"])
            if not agencies.exists():
                raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["agency"]})
        broken = False
        for name in missing_triggers(connection):
            broken = True
            self.stdout.write(f"BROKEN schema: append-only trigger missing or altered: {name}")
        for agency in agencies:
            report = verify_chain(agency)
            if not report.ok:
                broken = True
                self.stdout.write(
                    f"BROKEN {agency.slug}: event #{report.broken_seq}: {report.problem} "
                    f"(ห่วงโซ่ประวัติเสียหายที่รายการ #{report.broken_seq}); "
                    f"last good head {report.head}"
                )
                continue
            problems = [str(p) for p in verify_rows(agency)]
            if options.get("files"):
                problems += verify_files(agency)
            if problems:
                broken = True
                for problem in problems:
                    self.stdout.write(f"BROKEN {agency.slug}: {problem}")
                continue
            self.stdout.write(f"OK {agency.slug}: {report.length} events, head {report.head}")
        if broken:
            sys.exit(1)
