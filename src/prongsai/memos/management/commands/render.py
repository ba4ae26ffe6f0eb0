"""prongsai render --agency ummao --year 2565 --kind implementation --format pdf --output FILE"""

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.memos.service import BUILDERS, CONTENT_TYPES, UnknownMemoError, render_memo


class Command(BaseCommand):
    help = (
        "Render an agency-year memo (implementation report or measures) as PDF or DOCX. "
        "/ สร้างบันทึกข้อความของหน่วยงานเป็น PDF หรือ DOCX"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency slug, e.g. ummao")
        parser.add_argument("--year", required=True, type=int, help="fiscal year (BE), e.g. 2565")
        parser.add_argument(
            "--kind", default="implementation", help=f"one of: {', '.join(BUILDERS)}"
        )
        parser.add_argument("--format", default="pdf", help="pdf or docx")
        parser.add_argument("--output", required=True, help="file to write; '-' for stdout")
        parser.add_argument("--as-of", help="status as of this date, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--arabic-digits", action="store_true", help="Arabic digits instead of Thai digits"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["agency"]})
        kind, fmt = options["kind"], options["format"].lower()
        if kind not in BUILDERS:
            raise CommandError(
                _("ไม่รู้จักชนิดเอกสาร “%(kind)s” (มี: %(known)s)")
                % {"kind": kind, "known": ", ".join(BUILDERS)}
            )
        if fmt not in CONTENT_TYPES:
            raise CommandError(_("ไม่รู้จักรูปแบบไฟล์ “%(format)s” (มี: pdf, docx)") % {"format": fmt})
        as_of = None
        if options["as_of"]:
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(
                    _("วันที่ไม่ถูกต้อง “%(date)s” (ใช้ YYYY-MM-DD)") % {"date": options["as_of"]}
                ) from None
        try:
            file = render_memo(
                agency,
                options["year"],
                kind,
                fmt,
                as_of=as_of,
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
