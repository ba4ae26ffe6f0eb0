"""`prongsai agency import FILE.csv`: many agencies at once, all or nothing.

Columns (a header row names them, in any order): slug, name, subdistrict, kind, code — the
same fields as `prongsai agency add`. Every row is checked before anything is written; one
bad row (its line number and reason) and nothing is added. An agency already there with
the same data is skipped, so a second run of the same file adds nothing.
"""

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.core.errors import ProngsaiError, ValidationFailed
from prongsai.registry import places
from prongsai.registry.services import AgencySpec, check_agency, register_agency

COLUMNS = ("slug", "name", "subdistrict", "kind", "code")
REQUIRED = ("slug", "name", "subdistrict")
MAX_ROWS = 10_000  # more than the country's agencies: a larger file is not a registry


@dataclass
class ImportPlan:
    to_add: list[tuple[int, AgencySpec]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, slug)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def read_rows(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a UTF-8 CSV (with or without BOM); the header is line 1."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(_("ไฟล์ต้องเป็น CSV แบบ UTF-8")) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationFailed(
            _("แถวแรกของไฟล์ต้องเป็นชื่อคอลัมน์ %(columns)s (ขาด %(missing)s)")
            % {"columns": ",".join(COLUMNS), "missing": ", ".join(missing)}
        )
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ValidationFailed(
            _("ไม่รู้จักคอลัมน์ %(unknown)s (ใช้ได้: %(columns)s)")
            % {"unknown": ", ".join(unknown), "columns": ",".join(COLUMNS)}
        )
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise ValidationFailed(_("ไฟล์มีเกิน %(max)d แถว") % {"max": MAX_ROWS})
        values = {k: (v or "").strip() for k, v in row.items() if k in COLUMNS}
        if any(values.values()):  # blank lines are not rows
            rows.append((reader.line_num, values))
    return rows


def plan_import(rows: list[tuple[int, dict[str, str]]]) -> ImportPlan:
    """What an import would do, row by row, without writing anything."""
    plan = ImportPlan()
    seen: dict[str, int] = {}
    for line, row in rows:
        slug = row.get("slug", "").lower()
        if slug in seen:
            plan.problems.append(
                (line, _("ชื่อย่อ “%(slug)s” ซ้ำกับบรรทัด %(line)d") % {"slug": slug, "line": seen[slug]})
            )
            continue
        seen[slug] = line
        existing = Agency.objects.filter(slug=slug).first() if slug else None
        try:
            if existing is not None:
                if _same(existing, row):
                    plan.skipped.append((line, slug))
                else:
                    raise ValidationFailed(
                        _("ชื่อย่อ “%(slug)s” มีอยู่แล้วเป็น %(name)s แต่ข้อมูลในไฟล์ต่างออกไป")
                        % {"slug": slug, "name": existing.name}
                    )
                continue
            spec = check_agency(
                slug=row.get("slug", ""),
                name=row.get("name", ""),
                subdistrict_code=row.get("subdistrict", ""),
                kind=row.get("kind") or None,
                document_number=row.get("code", ""),
            )
        except ProngsaiError as error:
            plan.problems.append((line, str(error)))
            continue
        twin = next((n for n, s in plan.to_add if s.name == spec.name and s.place == spec.place), 0)
        if twin:
            plan.problems.append((line, _("หน่วยงานนี้ซ้ำกับบรรทัด %(line)d") % {"line": twin}))
            continue
        plan.to_add.append((line, spec))
    return plan


def _same(agency: Agency, row: dict[str, str]) -> bool:
    """Whether the row describes `agency` as it is (after the same cleaning)."""
    try:
        name = places.clean_name(row.get("name", ""))
        return (
            agency.name == name
            and agency.subdistrict_code
            == places.place_of(row.get("subdistrict", "")).subdistrict_code
            and agency.kind == places.kind_of(name, row.get("kind") or None)
            and agency.document_number == places.clean_document_number(row.get("code", ""))
        )
    except ProngsaiError:
        return False


@transaction.atomic
def apply_import(*, actor: Any, plan: ImportPlan) -> list[Agency]:
    """Create the plan's agencies in one transaction (refused if the plan has problems)."""
    if plan.problems:
        raise ValidationFailed(_("ไฟล์มีแถวที่ไม่ถูกต้อง จึงไม่ได้เพิ่มหน่วยงานใด"))
    # Created in the order of their places: each agency's audit event renews its district's
    # and province's version tokens (locking those rows until commit), so two imports at
    # once take the same rows in the same order and never wait on each other in a circle.
    ordered = sorted(
        plan.to_add,
        key=lambda item: (item[1].place.province_code, item[1].place.district_code, item[0]),
    )
    created = {line: register_agency(actor=actor, spec=spec) for line, spec in ordered}
    return [created[line] for line, _spec in plan.to_add]
