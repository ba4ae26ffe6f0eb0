"""`prongsai frameworks list|check|show`: the ITA framework files.

* ``list``: loads and validates every shipped file (frameworks, crosswalk, measure types)
  and lists the years with their item counts, rules and provisional flag;
* ``check [FILE ...]``: validates the given YAML files (all shipped ones without FILE);
  a problem exits with status 1 and "file: field: problem" (in English, like every
  FrameworkError: they are for whoever maintains the YAML files);
* ``show YEAR``: the codes of a year with their Thai names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.ita.crosswalk import CROSSWALK_FILE, load_crosswalk, parse_crosswalk
from prongsai.ita.framework import (
    Framework,
    FrameworkError,
    available_years,
    load_framework,
    load_framework_file,
)
from prongsai.ita.measure_types import MEASURE_TYPES_FILE, load_measure_types, parse_measure_types

EXIT_INVALID = 1


def _rules(framework: Framework) -> str:
    rules = framework.rules
    parts = []
    if rules.bands:
        parts.append("bands " + "/".join(b.code for b in rules.bands))
    if rules.pass_rule:
        parts.append(f"pass ≥ {rules.pass_rule.threshold}")
    if rules.ratings:
        parts.append(f"{len(rules.ratings)} ratings")
    return ", ".join(parts) or "-"


class Command(BaseCommand):
    help = "List, check and show the ITA framework files (ita-<year>.yaml)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="load and validate the shipped files; list the years")
        check = sub.add_parser("check", help="validate framework YAML files")
        check.add_argument("files", nargs="*", help="files to check (default: shipped files)")
        show = sub.add_parser("show", help="codes and Thai names of one year")
        show.add_argument("year", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "list":
                self._list()
            elif options["action"] == "check":
                self._check(options["files"])
            else:
                self._show(options["year"])
        except FrameworkError as error:
            raise CommandError(str(error), returncode=EXIT_INVALID) from error

    def _shipped(self) -> list[Framework]:
        frameworks = [load_framework(year) for year in available_years()]
        load_crosswalk()
        load_measure_types()
        return frameworks

    def _list(self) -> None:
        frameworks = self._shipped()
        self.stdout.write(f"{'year':<6}{'items':>6}{'ind.':>6}{'sub.':>6}  {'status':<12}rules")
        for f in frameworks:
            status = "provisional" if f.provisional else "settled"
            self.stdout.write(
                f"{f.year:<6}{len(f.items):>6}{len(f.indicators):>6}{len(f.sub_indicators):>6}"
                f"  {status:<12}{_rules(f)}"
            )
        self.stdout.write(
            _("%(count)s กรอบการประเมิน ตรวจแล้วถูกต้อง พร้อม %(crosswalk)s และ %(types)s")
            % {"count": len(frameworks), "crosswalk": CROSSWALK_FILE, "types": MEASURE_TYPES_FILE}
        )

    def _check(self, files: list[str]) -> None:
        if not files:
            frameworks = self._shipped()
            self.stdout.write(
                f"OK: {len(frameworks)} frameworks, {CROSSWALK_FILE}, {MEASURE_TYPES_FILE}"
            )
            return
        for name in files:
            path = Path(name)
            if path.name == CROSSWALK_FILE:
                self._check_crosswalk(path)
            elif path.name == MEASURE_TYPES_FILE:
                self._check_measure_types(path)
            else:
                framework = load_framework_file(path)
                self.stdout.write(
                    f"OK: {path.name}: ITA {framework.year}, {len(framework.items)} items"
                )

    def _read(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise FrameworkError(f"{path.name}: (file): cannot be read: {error}") from error

    def _check_crosswalk(self, path: Path) -> None:
        frameworks = {year: load_framework(year) for year in available_years()}
        crosswalk = parse_crosswalk(self._read(path), path.name, frameworks)
        self.stdout.write(f"OK: {path.name}: {len(crosswalk.lineages)} lineages")

    def _check_measure_types(self, path: Path) -> None:
        frameworks = {year: load_framework(year) for year in available_years()}
        library = parse_measure_types(self._read(path), path.name, load_crosswalk(), frameworks)
        self.stdout.write(f"OK: {path.name}: {len(library.measure_types)} measure types")

    def _show(self, year: int) -> None:
        framework = load_framework(year)
        self.stdout.write(f"ITA {framework.year}: {framework.title_th}")
        for indicator in framework.indicators:
            self.stdout.write(f"{indicator.code:>4}  {indicator.tool}  {indicator.name_th}")
            for sub in framework.sub_indicators_of(indicator.code):
                self.stdout.write(f"{sub.code:>8}  {sub.name_th}")
                for item in framework.items_of(sub.code):
                    self.stdout.write(f"{item.code:>12}  {item.name_th}")
