"""`prongsai score --year 2565 FILE [--format json|text]`: score a CSV of code,value rows.

Rows: indicator codes 1-10 with 0-100 scores, and/or OIT item codes O1... with 1 (passed) or
0 (failed) (see prongsai.assessments.tables for the accepted layouts; XLSX works too).
Prints the tool scores, total, band, pass and rating under the rules of the year. A file
that cannot be scored exits with status 2 and says why, in the active language (Thai
unless translation is switched).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.assessments.tables import TableError, read_score_table, score_pairs
from prongsai.core.arguments import fiscal_year
from prongsai.core.i18n import in_active_language
from prongsai.ita.framework import FrameworkError, load_framework
from prongsai.ita.scoring import ScoreResult, ScoringError, score_from_codes

EXIT_BAD_INPUT = 2


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=EXIT_BAD_INPUT)


def _problems(error: TableError | ScoringError) -> list[str]:
    """One line a problem, in the active language."""
    if isinstance(error, ScoringError):
        return str(in_active_language(error.th, error.en)).splitlines()
    return str(error).splitlines()


class Command(BaseCommand):
    help = "Score an ITA result from a CSV (or XLSX) of code,value rows under a year's rules."
    requires_system_checks: list[str] = []  # pure computation: no database, no checks

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV or XLSX file of code,value rows ('-' = stdin)")
        parser.add_argument("--year", type=fiscal_year, required=True, help="assessment year (BE)")
        parser.add_argument("--format", choices=("json", "text"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        try:
            framework = load_framework(year)
        except FrameworkError as error:
            raise _fail(_("ไม่มีกรอบการประเมินปี %(year)s") % {"year": year}) from error
        data = self._read(options["file"])
        try:
            rows = read_score_table(data, max_bytes=settings.UPLOAD_MAX_BYTES)
            result = score_from_codes(framework, score_pairs(rows))
        except (TableError, ScoringError) as error:
            lines = [_("%(file)s: คำนวณคะแนนไม่ได้:") % {"file": options["file"]}]
            lines.extend(f"  - {line}" for line in _problems(error))
            raise _fail("\n".join(lines)) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self._text(result))

    def _read(self, name: str) -> bytes:
        if name == "-":
            return sys.stdin.buffer.read(settings.UPLOAD_MAX_BYTES + 1)
        path = Path(name)
        try:
            with path.open("rb") as stream:
                return stream.read(settings.UPLOAD_MAX_BYTES + 1)
        except OSError as error:
            raise _fail(
                _("%(file)s: เปิดไฟล์ไม่ได้ (%(reason)s)") % {"file": name, "reason": error.strerror}
            ) from error

    @staticmethod
    def _text(result: ScoreResult) -> str:
        data = result.to_dict()
        lines = [f"ITA {data['year']}" + (" (provisional)" if data["provisional"] else "")]
        for code, value in data["tools"].items():
            lines.append(f"  {code:<4} {value:6.2f}")
        lines.append(f"  {_('คะแนนรวม')} {data['total']:.2f}")
        if data["band"]:
            lines.append(f"  {_('ระดับ')} {data['band']}")
        if data["passed"] is not None:
            lines.append(f"  {in_active_language(data['pass_label_th'], data['pass_label_en'])}")
        if data["rating"]:
            rating = data["rating"]
            label = in_active_language(rating["label_th"], rating["label_en"])
            lines.append(f"  {_('ผลการประเมิน')} {label}")
        lines.append(
            f"  {_('ตัวชี้วัด')}: "
            + ", ".join(f"{code}={value:.2f}" for code, value in data["indicators"].items())
        )
        warnings = zip(data["warnings"], data["warnings_en"], strict=True)
        lines.extend(f"  ! {in_active_language(th, en)}" for th, en in warnings)
        return "\n".join(lines)
