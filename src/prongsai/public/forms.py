"""Forms of the public feedback channel and the staff pages (Thai labels and messages)."""

from typing import Any

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from prongsai.core.uploads import EVIDENCE_ACCEPT, EVIDENCE_TYPES, upload_help
from prongsai.measures.forms import MultipleFileField, MultipleFileInput
from prongsai.public import services_cases
from prongsai.public.models import CaseKind, CaseState


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label="ประเภทเรื่อง",
        choices=CaseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "กรุณาเลือกประเภทเรื่อง"},
    )
    subject = forms.CharField(
        label="หัวเรื่อง",
        max_length=services_cases.MAX_SUBJECT,
        error_messages={"required": "กรุณากรอกหัวเรื่อง"},
    )
    body = forms.CharField(
        label="รายละเอียด",
        max_length=services_cases.MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "กรุณากรอกรายละเอียด"},
    )
    contact = forms.CharField(
        label="ช่องทางติดต่อกลับ (ไม่บังคับ)",
        max_length=services_cases.MAX_CONTACT,
        required=False,
        help_text="เว้นว่างได้ ท่านติดตามเรื่องด้วยรหัสรับเรื่องได้โดยไม่ต้องให้ข้อมูลติดต่อ",
    )
    # A declared field goes into base_fields (see measures.forms.StatusForm): no clash with
    # BaseForm.files at run time.
    files = MultipleFileField(  # type: ignore[assignment]
        label="ไฟล์ประกอบ (ไม่บังคับ)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _public_upload_help()


def _public_upload_help() -> str:
    with translation.override("th"):  # the public pages are Thai
        return upload_help(EVIDENCE_TYPES, services_cases.MAX_FILES)


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label="รหัสรับเรื่อง 16 หลัก",
        max_length=40,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={"required": "กรุณากรอกรหัสรับเรื่อง"},
    )


class SenderReplyForm(forms.Form):
    body = forms.CharField(
        label="ข้อความเพิ่มเติม",
        max_length=services_cases.MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "กรุณากรอกข้อความ"},
    )
    files = MultipleFileField(  # type: ignore[assignment]
        label="ไฟล์ประกอบ (ไม่บังคับ)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _public_upload_help()


class SubmitReportForm(forms.Form):
    as_of = forms.DateField(label=_("ข้อมูล ณ วันที่"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("อนุมัติ")), ("return", _("ส่งกลับให้แก้ไข"))])
    comment = forms.CharField(
        label=_("ความเห็น (ต้องระบุเมื่อส่งกลับ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class OfficerReplyForm(forms.Form):
    body = forms.CharField(
        label=_("ข้อความตอบกลับถึงผู้แจ้ง"),
        max_length=services_cases.MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class CaseStateForm(forms.Form):
    state = forms.ChoiceField(choices=CaseState.choices)
    expected_state = forms.ChoiceField(choices=CaseState.choices, widget=forms.HiddenInput)
