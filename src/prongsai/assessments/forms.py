"""The result entry form, built from the year's framework (indicators, OIT items, rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.assessments import services
from prongsai.assessments.compare import verdict_labels
from prongsai.assessments.models import ItaResult
from prongsai.core import limits
from prongsai.core.errors import ValidationFailed
from prongsai.core.uploads import upload_help
from prongsai.ita.framework import Framework

ITEM_CHOICES = [("", "—"), ("1", _("ผ่าน")), ("0", _("ไม่ผ่าน"))]


def indicator_field(code: str) -> str:
    return f"ind_{code}"


def item_field(code: str) -> str:
    return f"item_{code}"


class ResultForm(forms.Form):
    published_total = forms.CharField(
        label=_("คะแนนรวมที่ประกาศ"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    published_band = forms.CharField(
        label=_("ระดับที่ประกาศ"), required=False, max_length=limits.RESULT_BAND
    )
    published_rating = forms.CharField(
        label=_("ผลที่ประกาศ"), required=False, max_length=limits.RESULT_LABEL
    )
    note = forms.CharField(
        label=_("หมายเหตุ (เช่น ที่มาของคะแนน)"),
        required=False,
        max_length=limits.RESULT_NOTE,
        error_messages={"max_length": limits.TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, framework: Framework | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        if framework is None:
            return
        bands = [b.code for b in framework.rules.bands]
        if bands:
            self.fields["published_band"] = forms.ChoiceField(
                label=_("ระดับที่ประกาศ"),
                required=False,
                choices=[("", "—"), *((b, b) for b in bands)],
            )
        else:
            del self.fields["published_band"]
        labels = verdict_labels(framework.rules)
        if labels:
            self.fields["published_rating"] = forms.ChoiceField(
                label=_("ผลที่ประกาศ"),
                required=False,
                choices=[("", "—"), *((label, label) for label in labels)],
            )
        for indicator in framework.indicators:
            self.fields[indicator_field(indicator.code)] = forms.CharField(
                label=f"{indicator.code} {indicator.name_th}",
                required=False,
                max_length=12,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        for item in framework.items:
            self.fields[item_field(item.code)] = forms.ChoiceField(
                label=f"{item.code} {item.name_th}", required=False, choices=ITEM_CHOICES
            )

    def clean_note(self) -> str:
        try:
            return services.clean_note(self.cleaned_data["note"])
        except ValidationFailed as error:
            raise forms.ValidationError(str(error)) from None

    # -- what the service needs --------------------------------------------------------------

    def indicator_scores(self) -> dict[str, str]:
        if self.framework is None:
            return {}
        return {
            i.code: value
            for i in self.framework.indicators
            if (value := self.cleaned_data.get(indicator_field(i.code), "").strip())
        }

    def item_results(self) -> dict[str, bool]:
        if self.framework is None:
            return {}
        return {
            i.code: value == "1"
            for i in self.framework.items
            if (value := self.cleaned_data.get(item_field(i.code), ""))
        }

    # -- layout for the template -------------------------------------------------------------

    def indicator_rows(self) -> list[tuple[Any, forms.BoundField]]:
        if self.framework is None:
            return []
        return [(i, self[indicator_field(i.code)]) for i in self.framework.indicators]

    def item_groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        if self.framework is None:
            return []
        return [
            (sub, [self[item_field(i.code)] for i in self.framework.items_of(sub.code)])
            for sub in self.framework.sub_indicators
        ]


def initial_from(result: ItaResult | None) -> dict[str, Any]:
    if result is None:
        return {"version": 0}
    initial: dict[str, Any] = {
        "published_total": "" if result.published_total is None else f"{result.published_total}",
        "published_band": result.published_band,
        "published_rating": result.published_rating,
        "note": result.note,
        "version": result.version,
    }
    for code, value in result.indicator_scores.items():
        initial[indicator_field(code)] = value
    for code, passed in result.item_results.items():
        initial[item_field(code)] = "1" if passed else "0"
    return initial


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์คะแนน (CSV หรือ XLSX ตามแบบฟอร์ม)"),
        error_messages={
            "required": _("เลือกไฟล์ที่จะนำเข้า"),
            "empty": _("ไฟล์ว่างเปล่า"),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_help("CSV, XLSX")
