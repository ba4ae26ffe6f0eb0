"""The agency's memos as files (PDF inline, DOCX attachment) and a preview page.

Thin: access helper → documents.memos → response. Another agency's memos answer 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar, cast

from csp.decorators import csp_exempt
from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from prongsai.agencies.access import get_agency_for_user
from prongsai.core import policy
from prongsai.core.forms import BuddhistDateField
from prongsai.memos.kinds import MemoKind
from prongsai.memos.service import BUILDERS, CONTENT_TYPES, memo_date, render_memo
from prongsai.thai.dates import earliest_record_date, format_thai_date

_View = TypeVar("_View", bound=Callable[..., Any])


def _csp_exempt(view: _View) -> _View:
    """django-csp's csp_exempt(), which keeps the view's signature; its annotations allow
    only views that take the request alone, not ones with URL arguments."""
    return cast(_View, csp_exempt()(view))


class AsOfForm(forms.Form):
    """The date of the file links (machine-made URLs, so ISO; not a box anyone types in).

    ISO dates only: the locale's d/m/Y would read a Buddhist-era 31/03/2565 as CE 2565."""

    as_of = forms.DateField(
        label=_("ข้อมูล ณ วันที่"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("วันที่ไม่ถูกต้อง (ใช้ YYYY-MM-DD)")},
    )

    def clean_as_of(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data["as_of"]
        if value is not None and not 1950 <= value.year <= 2200:
            raise forms.ValidationError(_("ใช้ปี ค.ศ. ในรูปแบบ YYYY-MM-DD"))
        return value


class PreviewForm(forms.Form):
    """The preview page's date box: Buddhist era, as a clerk types it."""

    as_of = BuddhistDateField(label=_("ข้อมูล ณ วันที่"), required=False)

    def __init__(self, *args: Any, fiscal_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        as_of = self.fields["as_of"]
        assert isinstance(as_of, BuddhistDateField)
        # Any later day is fine (a past year's memo as of today is what the page proposes).
        as_of.set_range(earliest_record_date(fiscal_year), None)


def _check_kind(kind: str, fmt: str | None = None) -> None:
    if kind not in BUILDERS or (fmt is not None and fmt not in CONTENT_TYPES):
        raise Http404(_("ไม่พบเอกสารชนิดนี้"))


@policy.authenticated
@require_GET
@_csp_exempt  # a PDF is no HTML; Chrome's viewer breaks under the site's strict CSP
@xframe_options_sameorigin  # shown in the preview page's iframe
def memo_file(request: HttpRequest, slug: str, year: int, kind: str, fmt: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    _check_kind(kind, fmt)
    form = AsOfForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            "วันที่ไม่ถูกต้อง: ใช้ปี ค.ศ. ในรูปแบบ YYYY-MM-DD / "
            "invalid as_of date: use the CE year, YYYY-MM-DD",
            content_type="text/plain; charset=utf-8",
        )
    file = render_memo(membership.agency, year, kind, fmt, as_of=form.cleaned_data["as_of"])
    response = HttpResponse(file.content, content_type=file.content_type)
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


@policy.authenticated
@require_GET
def preview(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    _check_kind(kind)
    form = PreviewForm(request.GET or None, fiscal_year=year)
    dated = memo_date(membership.agency, year, kind)
    given = form.cleaned_data["as_of"] if form.is_valid() else None
    if given:
        # A date typed in the box dates the memo and its data, like `render --as-of`.
        as_of, dated = given, given
        query = "?" + urlencode({"as_of": given.isoformat()})
    else:
        # The memo's own date (stored or the year's default); its data never after today.
        as_of = min(dated, timezone.localdate())
        query = ""
    if not form.is_bound or form.is_valid():
        form = PreviewForm(fiscal_year=year, initial={"as_of": as_of})  # the box shows the date
    args = (slug, year, kind)
    return render(
        request,
        "memos/preview.html",
        {
            "agency": membership.agency,
            "year": year,
            "kind": kind,
            "title": MemoKind(kind).label,
            "form": form,
            "as_of": as_of,
            "as_of_text": format_thai_date(as_of),
            "dated_text": format_thai_date(dated),
            "pdf_url": reverse("memos:memo", args=(*args, "pdf")) + query,
            "docx_url": reverse("memos:memo", args=(*args, "docx")) + query,
            "other_kinds": [(k, k.label) for k in MemoKind if k != kind],
        },
    )
