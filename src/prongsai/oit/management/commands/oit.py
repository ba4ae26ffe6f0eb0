import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.core.arguments import fiscal_year
from prongsai.oit.export import as_csv, as_json, as_xlsx, thai_checklist


class Command(BaseCommand):
    help = "Print an agency-year's OIT checklist (one row per item) as JSON, CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency slug")
        parser.add_argument("--year", required=True, type=fiscal_year, help="fiscal year (BE)")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["agency"]})
        data = thai_checklist(agency, options["year"])
        if not data.known:
            raise CommandError(
                _("ยังไม่มีรายการข้อ OIT ของปี %(year)s ในระบบ") % {"year": options["year"]}
            )
        fmt = options["format"]
        if fmt == "xlsx":
            content = as_xlsx(agency, data)
        else:
            text = as_json(agency, data) + "\n" if fmt == "json" else as_csv(data)
            content = text.encode("utf-8")
        if options["output"]:
            try:
                with open(options["output"], "wb") as out:
                    out.write(content)
            except OSError as error:
                raise CommandError(
                    _("เขียนไฟล์ %(path)s ไม่ได้: %(error)s")
                    % {"path": options["output"], "error": error.strerror}
                ) from error
        elif fmt == "xlsx":
            self.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
