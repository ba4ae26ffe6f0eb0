"""An oversight table exported by a worker: the same rows, columns, filters and order as the
page's `?format=csv|xlsx`, written to the job's folder with its progress, for the exports too
long to wait for in a browser (the national list of every agency). The requester's scope is
checked again when the job runs: a scope withdrawn meanwhile exports nothing."""

import os
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.agencies.access import Scope, oversight_scope
from prongsai.core.errors import ValidationFailed
from prongsai.jobs.models import Job
from prongsai.jobs.progress import Progress
from prongsai.jobs.work import output_folder
from prongsai.oversight import export, selectors, tables
from prongsai.oversight.selectors import BY_DISTRICT, BY_PROVINCE, Row
from prongsai.registry.places import district_name, province_name

QUERY_KEYS = ("kind", "measures", "published", "ita", "sort", "rows")


def job_query(query: Any) -> dict[str, str]:
    """What a job keeps of the page's query (the filters, the order, which rows)."""
    return {key: str(query.get(key, ""))[:40] for key in QUERY_KEYS if query.get(key, "")}


def _covered(scope: Scope | None, place: Scope) -> bool:
    if scope is None:
        return False
    if place.is_national:
        return scope.is_national
    return scope.covers(place.province_code, place.district_code)


def stem(year: int, place: Scope, per_agency: bool) -> str:
    name = f"oversight-{year}-{place.code or 'national'}"
    return f"{name}-agencies" if per_agency else name


def rows_of(year: int, place: Scope, query: dict[str, str]) -> tuple[list[Row], list[Any], bool]:
    """The rows and columns the page would export, and whether they are agencies."""
    rules = selectors.year_rules(year)
    filters = selectors.clean_filters(query, rules)
    today = timezone.localdate()
    agencies = selectors.scoped_agencies(place, year, filters)
    per_agency = bool(place.district_code) or query.get("rows") == "agencies"
    if per_agency:
        cols = tables.columns(rules, groups=False, with_district=not place.district_code)
        rows = selectors.agency_rows(agencies, year, today)
    else:
        cols = tables.columns(rules, groups=True)
        key = BY_DISTRICT if place.province_code else BY_PROVINCE
        name_of = district_name if place.province_code else province_name
        found = selectors.table(agencies, year, key, today, rules)
        rows = list(found.values())
        for row in rows:
            row.name = name_of(row.code) if row.code else _("ไม่ระบุที่ตั้ง")
    sort = query.get("sort", "")
    if sort.removeprefix("-") not in {c.key for c in cols}:
        sort = ""
    return tables.sort_rows(rows, sort, cols)[0], cols, per_agency


def run(job: Job, progress: Progress) -> dict[str, Any]:
    place = Scope.of_code(str(job.args.get("place", "")))
    user = job.requested_by
    if user is None or not _covered(oversight_scope(user), place):
        raise ValidationFailed(_("ผู้สั่งงานไม่มีสิทธิ์ดูข้อมูลของพื้นที่นี้แล้ว"))
    year = int(job.args["year"])
    fmt = str(job.args.get("fmt", "csv"))
    query = {k: str(v) for k, v in dict(job.args.get("query", {})).items()}
    with translation.override("th"):  # exports are Thai, as the page's
        rows, cols, per_agency = rows_of(year, place, query)
        progress.set_total(len(rows))
        folder = output_folder(job)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{stem(year, place, per_agency)}.{fmt}"
        partial = target.with_name(target.name + ".partial")

        def counted(n: int) -> None:
            progress.counted(n, len(rows))

        writer = export.write_xlsx if fmt == "xlsx" else export.write_csv
        writer(partial, rows, cols, counted)
    os.replace(partial, target)
    progress.counted(len(rows), len(rows))
    return {"archive": target.name, "files": 1, "rows": len(rows)}
