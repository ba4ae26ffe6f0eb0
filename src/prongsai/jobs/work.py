"""The work of each kind of job, item by item, through a Progress.

Rendering is idempotent per item: a memo is written to a temporary name and renamed into
place, then recorded as finished; a run taken over after a crash skips what is recorded
and writes again only the item that was under way."""

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.core.errors import ValidationFailed
from prongsai.jobs.models import Job, JobKind
from prongsai.jobs.progress import Progress
from prongsai.memos.kinds import MemoKind
from prongsai.memos.service import render_memo
from prongsai.oit import links


def output_folder(job: Job) -> Path:
    return Path(settings.VAR_DIR) / "jobs" / str(job.pk)


def render_memos(job: Job, progress: Progress) -> dict[str, Any]:
    """Every memo (measures and implementation) of every agency with measures in the year."""
    year = int(job.args["year"])
    fmt = str(job.args.get("fmt", "pdf"))
    agencies = Agency.objects.filter(measures__fiscal_year=year).distinct().order_by("slug")
    if job.agency_id is not None:
        agencies = agencies.filter(pk=job.agency_id)
    items = [(agency, kind) for agency in agencies for kind in MemoKind.values]
    progress.set_total(len(items))
    folder = output_folder(job)
    folder.mkdir(parents=True, exist_ok=True)
    finished = progress.finished_keys()
    for agency, kind in items:
        key = f"{agency.slug}/{kind}"
        if key in finished:
            continue
        try:
            memo = render_memo(agency, year, kind, fmt)
        except Exception as exc:  # one agency's broken data must not stop the others
            progress.item_done(key, error=str(exc) or type(exc).__name__)
            continue
        target = folder / f"{agency.slug}-{year}-{kind}.{fmt}"
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(memo.content)
        os.replace(partial, target)
        progress.item_done(key)
    memos = sorted(p for p in folder.glob(f"*-{year}-*.{fmt}"))
    archive = folder / f"memos-{year}.zip"
    partial = archive.with_name(archive.name + ".partial")
    # Stored, not compressed: PDF and DOCX are compressed already.
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as zf:
        for path in memos:
            zf.write(path, path.name)
    os.replace(partial, archive)
    return {"archive": archive.name, "files": len(memos)}


def check_links(job: Job, progress: Progress) -> dict[str, Any]:
    """Every address of the agency-year's OIT items and evidence, through the link checker."""
    if job.agency is None:
        raise ValidationFailed(_("งานตรวจลิงก์ต้องระบุหน่วยงาน"))

    def report(done: int, total: int, *args: Any, **kwargs: Any) -> None:
        progress.counted(done, total)

    outcome = links.check_agency_year(job.agency, int(job.args["year"]), progress=report)
    return outcome if isinstance(outcome, dict) else {"summary": str(outcome)}


def check_province_links(job: Job, progress: Progress) -> dict[str, Any]:
    """Every address of every agency of a province for the year, agency by agency. An agency
    checked is recorded as finished, so a run taken over after a crash goes on with the next
    one; an agency whose check failed is named in the errors and the others go on."""
    year = int(job.args["year"])
    agencies = list(Agency.objects.filter(province_code=str(job.args["province"])).order_by("slug"))
    progress.set_total(len(agencies))
    finished = progress.finished_keys()
    checked = broken = 0
    for agency in agencies:
        if agency.slug in finished:
            continue
        try:
            summary = links.check_agency_year(agency, year)
        except Exception as exc:  # one agency's failure must not stop the province
            progress.item_done(agency.slug, error=str(exc) or type(exc).__name__)
            continue
        checked += summary.checked
        broken += summary.broken
        progress.item_done(agency.slug)
    return {"agencies": len(agencies), "checked": checked, "broken": broken}


WorkFunction = Callable[[Job, Progress], dict[str, Any]]

WORK: dict[str, WorkFunction] = {
    JobKind.RENDER_MEMOS: render_memos,
    JobKind.LINK_CHECK: check_links,
    JobKind.PROVINCE_LINK_CHECK: check_province_links,
}


def register(kind: str, work: WorkFunction) -> None:
    """The work of a kind of job done by a higher package (called from its AppConfig.ready:
    the oversight exports)."""
    WORK[kind] = work
