"""Forms for measures and status updates (Thai labels; validation messages in Thai)."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Division
from prongsai.measures.models import Status


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-•").strip() for line in text.splitlines() if line.strip()]


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("มาตรการ"), widget=forms.Textarea(attrs={"rows": 2}))
    steps = forms.CharField(
        label=_("ขั้นตอนหรือวิธีการ (บรรทัดละหนึ่งขั้นตอน)"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    divisions = forms.ModelMultipleChoiceField(
        label=_("ผู้รับผิดชอบ"),
        queryset=Division.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("เลือกผู้รับผิดชอบอย่างน้อยหนึ่งส่วนราชการ")},
    )
    monitoring = forms.CharField(
        label=_("การกำกับติดตาม"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_date = forms.DateField(
        label=_("กำหนดติดตาม"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    indicator_codes = forms.CharField(
        label=_("ตัวชี้วัดหรือข้อ OIT ที่เกี่ยวข้อง (คั่นด้วยจุลภาค เช่น 10, O42)"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        divisions = self.fields["divisions"]
        assert isinstance(divisions, forms.ModelMultipleChoiceField)
        divisions.queryset = agency.divisions.all()

    def clean_steps(self) -> list[str]:
        steps = _lines(self.cleaned_data["steps"])
        if not steps:
            raise forms.ValidationError(_("ต้องมีอย่างน้อยหนึ่งขั้นตอน"))
        return steps

    def clean_indicator_codes(self) -> list[str]:
        raw = self.cleaned_data["indicator_codes"]
        return [code.strip() for code in raw.replace("،", ",").split(",") if code.strip()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: object, initial: object = None) -> list[object]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


MAX_EVIDENCE_FILES = 5


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("สถานะ"), choices=Status.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("ผลการดำเนินการ / หมายเหตุ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reported_on = forms.DateField(
        label=_("ข้อมูล ณ วันที่"), widget=forms.DateInput(attrs={"type": "date"})
    )
    links = forms.CharField(
        label=_("ลิงก์หลักฐาน (บรรทัดละหนึ่งลิงก์)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The form metaclass moves declared fields into base_fields, so this does not replace
    # BaseForm.files (the uploads) at run time; the stubs cannot tell.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("ไฟล์หลักฐาน (PDF, DOCX, XLSX, JPEG, PNG)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reported_on"].initial = dt.date.today()

    def clean_files(self) -> list[object]:
        files: list[object] = self.cleaned_data["files"]
        if len(files) > MAX_EVIDENCE_FILES:
            raise forms.ValidationError(
                _("แนบไฟล์ได้ครั้งละไม่เกิน %(n)d ไฟล์") % {"n": MAX_EVIDENCE_FILES}
            )
        return files

    def clean_links(self) -> list[str]:
        return _lines(self.cleaned_data["links"])


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่ถอน"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("ต้องระบุเหตุผลที่ถอนรายงานสถานะ")},
    )
