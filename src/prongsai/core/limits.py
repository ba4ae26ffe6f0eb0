"""How long the free text people type may be, and the one check that applies it.

Services call `text`/`lines` before they store anything (so the CLI, imports and the demo
are held to the same rules as the web forms), and forms use the same numbers for their
own max_length and for their clean_* methods, so a user sees the message next to the field.
Lengths count characters after cleaning (`prongsai.thai.text.clean_text`).

The limits are generous for real memos (the longest measure title of the seed reports is
under 400 characters) and keep one memo, page or e-mail far below what slows rendering.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from prongsai.core.errors import ValidationFailed
from prongsai.thai.text import clean_text, is_blank

MEASURE_TITLE = 1_000
MEASURE_SHORT_NAME = 300  # the model field's max_length
MEASURE_STEP = 2_000
MEASURE_STEPS = 30
MEASURE_MONITORING = 2_000
INDICATOR_CODE = 20
INDICATOR_CODES = 40
STATUS_NOTE = 5_000
EVIDENCE_LINKS = 10
EVIDENCE_URL = 500  # Evidence.url's max_length
CASE_SUBJECT = 200  # Case.subject's max_length
CASE_BODY = 10_000  # a sender's message, a sender's or an officer's reply
CASE_CONTACT = 200  # Case.contact's max_length
REPORT_COMMENT = 2_000
RESULT_NOTE = 2_000
RESULT_BAND = 8  # ItaResult.published_band's max_length
RESULT_LABEL = 64  # ItaResult.published_rating's max_length
DIVISION_NAME = 200  # Division.name's max_length
IMPORT_MEASURES = 100  # measures (and status rows) of one imported memo

# A form's message next to a field longer than its limit (Django's MaxLengthValidator
# fills in both numbers).
TOO_LONG = _("ข้อความยาวเกิน %(limit_value)d ตัวอักษร (มี %(show_value)d ตัวอักษร)")


def text(
    value: str | None,
    *,
    limit: int,
    label: Any,
    field: str,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """`value` cleaned, or ValidationFailed when it is empty (and required) or too long."""
    cleaned = clean_text(value or "", multiline=multiline)
    if is_blank(cleaned):
        cleaned = ""
    if required and not cleaned:
        raise ValidationFailed(_("กรุณากรอก%(label)s") % {"label": label}, field=field)
    if len(cleaned) > limit:
        raise ValidationFailed(
            _("%(label)sยาวเกิน %(limit)s ตัวอักษร") % {"label": label, "limit": f"{limit:,}"},
            field=field,
        )
    return cleaned


def lines(
    values: Iterable[str],
    *,
    limit: int,
    count: int,
    label: Any,
    field: str,
    required: bool = False,
) -> list[str]:
    """Each value cleaned as one line, empty ones dropped; at most `count` of them."""
    out = []
    for value in values:
        cleaned = text(value, limit=limit, label=label, field=field)
        if cleaned:
            out.append(cleaned)
        if len(out) > count:
            raise ValidationFailed(
                _("%(label)sมีได้ไม่เกิน %(count)s รายการ") % {"label": label, "count": count},
                field=field,
            )
    if required and not out:
        raise ValidationFailed(_("กรุณากรอก%(label)s") % {"label": label}, field=field)
    return out
