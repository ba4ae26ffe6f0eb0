"""prongsai lint FILE [--format json] [--province NAME] [--agency SLUG|NAME]

Exit status: 0 when the memo is clean, 1 with findings, 2 when the file cannot be read.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.core.arguments import province
from prongsai.core.i18n import in_active_language
from prongsai.core.offline import AGENCY_SLUG
from prongsai.imports.lint import lint_file
from prongsai.imports.parse import ParseError

EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


class Command(BaseCommand):
    help = (
        "Check a memo (DOCX or text exported from Word) for copied-template errors: mixed "
        "digits, another province's code, another agency, wrong years, bands, statuses, "
        "misspellings. / ตรวจบันทึกข้อความหาข้อผิดพลาดที่มักติดมากับแบบฟอร์มที่คัดลอกมา"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .docx or a .txt exported from Word")
        parser.add_argument("--format", default="text", choices=["text", "json"])
        parser.add_argument(
            "--province",
            default="",
            type=province,
            help="the agency's province when the memo does not say",
        )
        parser.add_argument(
            "--agency",
            default="",
            help="the document's own agency: a slug in this system, or its Thai name",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency_name, province = _agency_context(options["agency"], options["province"])
        try:
            findings = lint_file(options["file"], agency_name=agency_name, province=province)
        except ParseError as exc:
            raise CommandError(
                _("อ่านไฟล์ไม่ได้: %(reason)s") % {"reason": exc}, returncode=EXIT_UNREADABLE
            ) from exc
        if options["format"] == "json":
            report = {"findings": [f.to_dict() for f in findings]}
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        elif findings:
            for f in findings:
                message = in_active_language(f.message, f.message_en)
                self.stdout.write(f"{f.code}\t{f.where}\t{message}")
                self.stdout.write(f"\t\t“{f.excerpt}”")
            self.stdout.write(_("พบ %(count)s รายการ") % {"count": len(findings)})
        else:
            self.stdout.write(_("ไม่พบข้อผิดพลาด"))
        if findings:
            raise SystemExit(EXIT_FINDINGS)


def _agency_context(agency: str, province: str) -> tuple[str, str]:
    """(agency name, province) from --agency and --province."""
    if agency and AGENCY_SLUG.fullmatch(agency):
        from prongsai.agencies.models import Agency

        found = Agency.objects.filter(slug=agency).first()
        if found is None:
            raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": agency})
        return found.name, province or found.province
    return agency, province
