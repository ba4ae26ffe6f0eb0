"""`prongsai agency add|import`: bring agencies on board from the command line."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.core.errors import ProngsaiError
from prongsai.registry.agency_import import apply_import, plan_import, read_rows
from prongsai.registry.commandline import command_actor
from prongsai.registry.places import place_of
from prongsai.registry.services import check_agency, register_agency

MAX_FILE_BYTES = 20 * 1024 * 1024


def describe(agency: Agency) -> str:
    """One line: the name, kind, place and document code of an agency."""
    parts = [
        agency.name,
        str(agency.get_kind_display()),
        f"{place_of(agency.subdistrict_code).label} ({agency.subdistrict_code})",
    ]
    if agency.document_number:
        parts.append(_("ที่ %(code)s") % {"code": agency.document_code})
    return f"{agency.slug}: " + " · ".join(parts)


class Command(BaseCommand):
    help = (
        "Agencies: `agency add --slug SLUG --name NAME --subdistrict DOPA6 [--kind KIND] "
        "[--code NUMBER]` adds one (province and district follow from the subdistrict code); "
        "`agency import FILE.csv` adds many (columns slug,name,subdistrict,kind,code; all or "
        "nothing; rows already there are skipped)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add one agency")
        add.add_argument("--slug", required=True, help="the short name in links, e.g. ummao")
        add.add_argument("--name", required=True, help="e.g. เทศบาลตำบลอุ่มเม่า")
        add.add_argument("--subdistrict", required=True, help="6-digit DOPA code, e.g. 460703")
        add.add_argument("--kind", help="read from the name's prefix when left out")
        add.add_argument("--code", default="", help="the agency's document number, e.g. 73601")
        imp = sub.add_parser("import", help="add the agencies of a CSV file")
        imp.add_argument("file", help="UTF-8 CSV: slug,name,subdistrict,kind,code")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "add":
            self._add(options)
        else:
            self._import(options["file"])

    def _add(self, options: dict[str, Any]) -> None:
        try:
            spec = check_agency(
                slug=options["slug"],
                name=options["name"],
                subdistrict_code=options["subdistrict"],
                kind=options.get("kind"),
                document_number=options.get("code") or "",
            )
            agency = register_agency(actor=command_actor(), spec=spec)
        except ProngsaiError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("เพิ่มหน่วยงานแล้ว: %(agency)s") % {"agency": describe(agency)})

    def _import(self, name: str) -> None:
        path = Path(name)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(_("ไฟล์ %(file)s ใหญ่เกินไป") % {"file": name})
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("เปิดไฟล์ %(file)s ไม่ได้: %(reason)s") % {"file": name, "reason": error.strerror}
            ) from error
        try:
            rows = read_rows(data)
            with transaction.atomic():
                plan = plan_import(rows)
                if plan.problems:
                    for line, reason in plan.problems:
                        self.stderr.write(
                            _("บรรทัด %(line)d: %(reason)s") % {"line": line, "reason": reason}
                        )
                    raise CommandError(
                        _("พบแถวที่ไม่ถูกต้อง %(count)d แถว จึงไม่ได้เพิ่มหน่วยงานใดเลย")
                        % {"count": len(plan.problems)}
                    )
                added = apply_import(actor=command_actor(), plan=plan)
        except ProngsaiError as error:
            raise CommandError(str(error)) from error
        for agency in added:
            self.stdout.write(_("เพิ่มแล้ว: %(agency)s") % {"agency": describe(agency)})
        for line, slug in plan.skipped:
            self.stdout.write(
                _("ข้าม (มีอยู่แล้ว): บรรทัด %(line)d %(slug)s") % {"line": line, "slug": slug}
            )
        self.stdout.write(
            _("เพิ่ม %(added)d หน่วยงาน ข้าม %(skipped)d หน่วยงานที่มีอยู่แล้ว")
            % {"added": len(added), "skipped": len(plan.skipped)}
        )
