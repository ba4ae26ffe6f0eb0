"""The memo's head of a report: its date, number, subject, addressee and signer.

Set by the coordinator until the report is submitted (and again once it is returned), in
one transaction with its audit event; the memo shows its defaults for what is left blank
(public.heads).
"""

import dataclasses
import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.agencies.access import require_role
from prongsai.agencies.models import Agency, Membership, Role
from prongsai.core import limits
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.memos.head import MemoHead
from prongsai.memos.kinds import MemoKind
from prongsai.public.heads import FIELDS, effective_head, stored_head
from prongsai.public.models import Report, ReportState
from prongsai.public.services import record
from prongsai.thai.dates import fiscal_year_bounds, format_thai_date

#: The texts of the head: the Report field's length and the label of its message.
_HEAD_TEXTS = {
    "number": (Report._meta.get_field("number"), gettext_lazy("เลขที่หนังสือ")),
    "subject": (Report._meta.get_field("subject"), gettext_lazy("เรื่อง")),
    "addressee": (Report._meta.get_field("addressee"), gettext_lazy("คำขึ้นต้น (เรียน)")),
    "signer_name": (Report._meta.get_field("signer_name"), gettext_lazy("ชื่อผู้ลงนาม")),
    "signer_title": (Report._meta.get_field("signer_title"), gettext_lazy("ตำแหน่งผู้ลงนาม")),
}
# The field of the form (and of the Report) each part of the head is typed in.
_FORM_FIELD = {name: column for name, column, _label in FIELDS}


def not_editable() -> ValidationFailed:
    """The refusal of a head change once the report is submitted or approved."""
    return ValidationFailed(_("แก้ไขหัวบันทึกได้เฉพาะก่อนส่งขออนุมัติ หรือเมื่อผู้บริหารส่งกลับให้แก้ไข"))


def head_date_range(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """The days a memo of the fiscal year may be dated: the fiscal year itself. The ITA
    takes both memos (O42, O43) as evidence of the year assessed, and a memo dated in
    another year reads as that year's (prongsai's own linter says so)."""
    return fiscal_year_bounds(fiscal_year)


def clean_head(head: MemoHead, fiscal_year: int) -> MemoHead:
    """The head as typed, cleaned and checked; a blank field keeps its default."""
    values: dict[str, Any] = {}
    for name, (model_field, label) in _HEAD_TEXTS.items():
        limit = model_field.max_length
        assert limit is not None
        values[name] = limits.text(
            getattr(head, name), limit=limit, label=label, field=_FORM_FIELD[name]
        )
    # Typed as the memo prints it ("เรียน นายก…", "/๑๒๓"): the memo adds those itself.
    values["addressee"] = values["addressee"].removeprefix("เรียน").strip()
    values["number"] = values["number"].lstrip("/").strip()
    if head.date is not None:
        first, last = head_date_range(fiscal_year)
        if not first <= head.date <= last:
            raise ValidationFailed(
                _("วันที่ของบันทึกต้องอยู่ระหว่าง %(first)s ถึง %(last)s")
                % {"first": format_thai_date(first), "last": format_thai_date(last)},
                field="dated",
            )
    return dataclasses.replace(head, **values)


@transaction.atomic
def set_report_head(
    *,
    membership: Membership,
    fiscal_year: int,
    kind: str,
    head: MemoHead,
    expected_version: int,
    today: dt.date | None = None,
) -> Report | None:
    """The coordinator sets the memo's date, number, subject, addressee and signer.

    Only before the report is submitted, or once the executive returned it: what the
    executive approves is what is published. A blank field is the memo's default.
    `expected_version` is the report's version the form showed (0: no report yet); a
    report changed meanwhile raises StaleEdit (stored value seen → now). The first head
    of a report never submitted creates it as a draft. None when nothing changed and
    there is no report.
    """
    agency = membership.agency
    require_role(membership, Role.COORDINATOR, agency=agency)
    if kind not in MemoKind.values:
        raise ValidationFailed(_("ไม่รู้จักเอกสาร “%(kind)s”") % {"kind": kind})
    head = clean_head(head, fiscal_year)
    # The agency row's lock keeps two first heads of one report from racing to create it.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    report = (
        Report.objects.select_for_update()
        .filter(agency=agency, fiscal_year=fiscal_year, kind=kind)
        .first()
    )
    if report is not None and report.state in (ReportState.SUBMITTED, ReportState.APPROVED):
        raise not_editable()
    stored = stored_head(report)
    if (report.version if report else 0) != expected_version:
        raise StaleEdit(
            {
                _FORM_FIELD[name]: (getattr(head, name), getattr(stored, name))
                for name in _FORM_FIELD
                if getattr(head, name) != getattr(stored, name)
            }
        )
    changed = [name for name in _FORM_FIELD if getattr(head, name) != getattr(stored, name)]
    if not changed:
        return report
    columns = {_FORM_FIELD[name]: getattr(head, name) for name in _FORM_FIELD}
    if report is None:
        dated = head.date or effective_head(agency, fiscal_year, kind, None).date
        assert dated is not None
        report = Report.objects.create(
            agency=agency,
            fiscal_year=fiscal_year,
            kind=kind,
            # Not yet submitted: the date of the data is chosen when it is.
            as_of=min(dated, today or timezone.localdate()),
            state=ReportState.DRAFT,
            **columns,
        )
    else:
        for column, value in columns.items():
            setattr(report, column, value)
        report.version = F("version") + 1
        report.save()
        report.refresh_from_db()
    record(
        membership.user,
        agency,
        "report.head",
        report,
        {
            "kind": kind,
            "fiscal_year": fiscal_year,
            "fields": [_FORM_FIELD[name] for name in changed],
            "version": report.version,
        },
    )
    return report
