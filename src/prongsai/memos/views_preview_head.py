"""The memo head as it will print, for the agency's profile page (a live preview).

The head is built by the memo builders' own `header` and `signer` (builders/common.py) from
an unsaved copy of the agency with the typed values, and localized by the memo model, so the
preview is the real head: ส่วนราชการ with the telephone, ที่ with the province's letters,
เรียน, and the signature block, in Thai digits. Nothing is saved.

It lives here, in memos, because registry (below memos) may not build memos; the profile
page lives here too (views_profile.py), so its first render includes the same fragment.
"""

import copy
import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from prongsai.agencies.access import get_agency_for_user
from prongsai.agencies.models import Agency, Role
from prongsai.core import policy
from prongsai.core.errors import ValidationFailed
from prongsai.memos.builders.common import header, resolve_head, signature
from prongsai.memos.builders.implementation import SUBJECT
from prongsai.memos.kinds import MemoKind
from prongsai.memos.model import Memo, Options, format_date
from prongsai.registry.divisions import PROFILE_FIELDS, clean_profile_field, profile_field
from prongsai.thai.dates import fiscal_year_of

FRAGMENT = "memos/_head_preview.html"


def typed_agency(agency: Agency, values: QueryDict | None) -> Agency:
    """A copy of `agency` (never saved) with the profile fields typed in `values`, cleaned as
    the service would clean them; a value the service would refuse is shown cut to its
    limit (the form says what is wrong when it is saved)."""
    shown = copy.copy(agency)
    if values is None:
        return shown
    for name in PROFILE_FIELDS:
        if name not in values:
            continue
        raw = values.get(name, "")[:1000]
        try:
            value = clean_profile_field(name, raw)
        except ValidationFailed:
            value = raw[: profile_field(name)[1]]
        setattr(shown, name, value)
    return shown


def head_context(agency: Agency, today: dt.date | None = None) -> dict[str, Any]:
    """What the fragment shows: the localized head and signature of a report memo."""
    today = today or timezone.localdate()
    subject = f"{SUBJECT} ประจำปีงบประมาณ พ.ศ. {fiscal_year_of(today)}"
    options = Options(thai_digits=True)
    # the implementation report's head, dated today: what the profile's fields change
    head = resolve_head(
        agency, fiscal_year_of(today), MemoKind.IMPLEMENTATION, None, as_of=today, subject=subject
    )
    memo = Memo(header=header(agency, head), signature=signature(head), options=options).localized()
    assert memo.signature is not None
    return {
        "head": memo.header,
        "date_text": format_date(today, options),
        "signature": memo.signature,
        "positions": memo.signature.position.split("\n"),
    }


@policy.authenticated
@require_GET
def head_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The fragment for htmx: GET with the profile form's values; coordinators only."""
    membership = get_agency_for_user(request, slug, Role.COORDINATOR)
    agency = typed_agency(membership.agency, request.GET)
    return render(request, FRAGMENT, head_context(agency))
