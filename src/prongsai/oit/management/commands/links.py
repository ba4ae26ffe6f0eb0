"""`prongsai links check [--agency SLUG] [--year N]`: check every evidence address."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.oit.links import check_agency_year
from prongsai.oit.models import LinkCheck
from prongsai.thai.dates import fiscal_year_of, is_fiscal_year


class Command(BaseCommand):
    help = (
        "Link checks: `links check [--agency SLUG] [--year N]` fetches every address of the "
        "agency-year (OIT items and measures' evidence links) and keeps each result "
        "(default: every agency, the current fiscal year)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="check the addresses of an agency-year")
        check.add_argument("--agency", help="only this agency (slug)")
        check.add_argument("--year", type=int, help="fiscal year (B.E.), e.g. 2568")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options.get("year") or fiscal_year_of(timezone.localdate())
        if not is_fiscal_year(year):
            raise CommandError(_("ปีงบประมาณ %(year)s ไม่ถูกต้อง") % {"year": year})
        agencies = Agency.objects.order_by("slug")
        if options.get("agency"):
            agencies = agencies.filter(slug=options["agency"])
            if not agencies.exists():
                raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["agency"]})
        for agency in agencies:
            self.stdout.write(
                _("ตรวจลิงก์ของ %(agency)s ปี %(year)s") % {"agency": agency.name, "year": year}
            )
            summary = check_agency_year(agency, year, progress=self._progress)
            self.stdout.write(
                _(
                    "ตรวจแล้ว %(checked)d ลิงก์: ใช้ได้ %(ok)d เสีย %(broken)d "
                    "อยู่นอกเว็บไซต์ของหน่วยงาน %(off)d"
                )
                % {
                    "checked": summary.checked,
                    "ok": summary.ok,
                    "broken": summary.broken,
                    "off": summary.off_domain,
                }
            )

    def _progress(self, done: int, total: int, row: LinkCheck) -> None:
        outcome = _("ใช้ได้") if row.ok else (row.error or _("เสีย"))
        status = row.status_code if row.status_code is not None else "-"
        self.stdout.write(f"[{done}/{total}] {status} {row.url} — {outcome}")
