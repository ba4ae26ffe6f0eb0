"""prongsai render --agency ummao --year 2565 --kind implementation --format pdf --output FILE"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.core.arguments import fiscal_year, iso_date
from prongsai.memos.kinds import MemoKind
from prongsai.memos.service import CONTENT_TYPES, UnknownMemoError, render_memo


class Command(BaseCommand):
    help = (
        "Render an agency-year memo (implementation report or measures) as PDF or DOCX. "
        "/ สร้างบันทึกข้อความของหน่วยงานเป็น PDF หรือ DOCX"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency slug, e.g. ummao")
        parser.add_argument(
            "--year", required=True, type=fiscal_year, help="fiscal year (BE), e.g. 2565"
        )
        parser.add_argument("--kind", default=MemoKind.IMPLEMENTATION, choices=MemoKind.values)
        parser.add_argument("--format", default="pdf", type=str.lower, choices=CONTENT_TYPES)
        parser.add_argument("--output", required=True, help="file to write; '-' for stdout")
        parser.add_argument(
            "--as-of",
            type=iso_date,
            help="date the memo and read its status as of this day, YYYY-MM-DD (default: the "
            "date set on the agency-year's report, else the year's monitoring date)",
        )
        parser.add_argument(
            "--arabic-digits", action="store_true", help="Arabic digits instead of Thai digits"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["agency"]})
        try:
            file = render_memo(
                agency,
                options["year"],
                options["kind"],
                options["format"],
                as_of=options["as_of"],
                thai_digits=not options["arabic_digits"],
            )
        except (UnknownMemoError, FileNotFoundError, RuntimeError) as exc:
            raise CommandError(str(exc)) from exc
        if options["output"] == "-":
            sys.stdout.buffer.write(file.content)
            sys.stdout.buffer.flush()
            return
        path = Path(options["output"])
        path.write_bytes(file.content)
        self.stderr.write(f"{path} ({len(file.content):,} bytes)")
