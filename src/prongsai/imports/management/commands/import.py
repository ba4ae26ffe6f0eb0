"""prongsai import FILE [--format json] [--save --agency SLUG --year N [--actor USERNAME]]

Without --save it prints what it recovered from the memo and writes nothing. With --save it
writes the measures and statuses to the agency-year through the measures services, creating
missing divisions, all in one transaction (an administrator's tool: on the web only a
coordinator imports).
"""

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.core.arguments import fiscal_year
from prongsai.core.errors import ProngsaiError
from prongsai.imports.mapping import ImportResult, recover, save
from prongsai.imports.parse import ParseError, parse_file

EXIT_UNREADABLE = 2


class Command(BaseCommand):
    help = (
        "Read the measures and statuses of a memo (DOCX or text exported from Word); "
        "--save writes them to an agency-year. / อ่านมาตรการและสถานะจากบันทึกข้อความ"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .docx or a .txt exported from Word")
        parser.add_argument("--format", default="text", choices=["text", "json"])
        parser.add_argument("--save", action="store_true", help="write to the database")
        parser.add_argument("--agency", help="agency slug (with --save)")
        parser.add_argument("--year", type=fiscal_year, help="fiscal year, BE (with --save)")
        parser.add_argument(
            "--actor", help="username recorded as the author (default: the agency's coordinator)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            memo = parse_file(options["file"])
        except ParseError as exc:
            raise CommandError(
                _("อ่านไฟล์ไม่ได้: %(reason)s") % {"reason": exc}, returncode=EXIT_UNREADABLE
            ) from exc
        try:
            result = recover(memo)
        except ProngsaiError as exc:
            raise CommandError(str(exc)) from exc
        if options["save"]:
            self._save(result, options)
        self._print(result, options["format"])

    def _save(self, result: ImportResult, options: dict[str, Any]) -> None:
        from prongsai.agencies.models import Agency, Membership, Role

        if not options["agency"] or not options["year"]:
            raise CommandError(_("--save ต้องมี --agency และ --year"))
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["agency"]})
        if options["actor"]:
            actor = get_user_model().objects.filter(username=options["actor"]).first()
            if actor is None:
                raise CommandError(_("ไม่พบผู้ใช้ “%(name)s”") % {"name": options["actor"]})
        else:
            membership = (
                Membership.objects.filter(agency=agency, role=Role.COORDINATOR)
                .select_related("user")
                .order_by("pk")
                .first()
            )
            if membership is None:
                raise CommandError(_("หน่วยงานนี้ยังไม่มีผู้ประสานงาน ITA โปรดระบุ --actor"))
            actor = membership.user
        year = options["year"]
        if result.fiscal_year and result.fiscal_year != year:
            self.stderr.write(
                _("คำเตือน: เอกสารเป็นของปีงบประมาณ %(memo_year)s แต่บันทึกเป็นปี %(year)s")
                % {"memo_year": result.fiscal_year, "year": year}
            )
        try:
            created = save(result, agency=agency, fiscal_year=year, actor=actor)
        except ProngsaiError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            _("บันทึก %(count)s มาตรการของ %(agency)s ปี %(year)s แล้ว")
            % {"count": len(created), "agency": agency.name, "year": year}
        )

    def _print(self, result: ImportResult, fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{_('หน่วยงาน')}: {result.agency}")
        self.stdout.write(f"{_('ที่')}: {result.document_number}")
        source = result.fiscal_year_source_label
        self.stdout.write(
            f"{_('วันที่')}: {result.date}  {_('ปีงบประมาณ')}: {result.fiscal_year}"
            + (f" ({source})" if source else "")
        )
        for m in result.measures:
            self.stdout.write(f"({m.number}) {m.title}")
            for step in m.steps:
                self.stdout.write(f"    - {step}")
            self.stdout.write(f"    {_('ผู้รับผิดชอบ')}: {', '.join(m.divisions)}")
            self.stdout.write(f"    {_('การกำกับติดตาม')}: {m.monitoring}")
            self.stdout.write(f"    {_('สถานะ')}: {m.status or '-'}  {m.evidence}")
        for warning in result.warnings:
            self.stderr.write(warning)
