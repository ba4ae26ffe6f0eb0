"""Forms of the public feedback channel and the staff pages (Thai labels and messages)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from prongsai.core import limits
from prongsai.core.errors import ValidationFailed
from prongsai.core.forms import BuddhistDateField
from prongsai.core.uploads import EVIDENCE_ACCEPT, EVIDENCE_TYPES, upload_help
from prongsai.measures.forms import MultipleFileField, MultipleFileInput
from prongsai.memos.head import MemoHead
from prongsai.public import services_cases, services_heads, services_reports
from prongsai.public.models import CaseKind, CaseState
from prongsai.thai.dates import earliest_record_date

_TOO_LONG = {"max_length": limits.TOO_LONG}


def _checked(clean: Callable[[str], str], value: str) -> str:
    """The service's own cleaning and limits, its message shown next to the field (a
    subject of invisible characters only is refused here, not after the upload)."""
    try:
        return clean(value)
    except ValidationFailed as error:
        raise forms.ValidationError(str(error)) from None


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label="ประเภทเรื่อง",
        choices=CaseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "กรุณาเลือกประเภทเรื่อง"},
    )
    subject = forms.CharField(
        label="หัวเรื่อง",
        max_length=limits.CASE_SUBJECT,
        error_messages={"required": "กรุณากรอกหัวเรื่อง", **_TOO_LONG},
    )
    body = forms.CharField(
        label="รายละเอียด",
        max_length=limits.CASE_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "กรุณากรอกรายละเอียด", **_TOO_LONG},
    )
    contact = forms.CharField(
        label="ช่องทางติดต่อกลับ (ไม่บังคับ)",
        max_length=limits.CASE_CONTACT,
        error_messages=_TOO_LONG,
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

    def clean_subject(self) -> str:
        return _checked(services_cases.clean_subject, self.cleaned_data["subject"])

    def clean_body(self) -> str:
        return _checked(services_cases.clean_body, self.cleaned_data["body"])

    def clean_contact(self) -> str:
        return _checked(services_cases.clean_contact, self.cleaned_data["contact"])

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
        max_length=limits.CASE_BODY,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "กรุณากรอกข้อความ", **_TOO_LONG},
    )
    files = MultipleFileField(  # type: ignore[assignment]
        label="ไฟล์ประกอบ (ไม่บังคับ)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _public_upload_help()

    def clean_body(self) -> str:
        return _checked(services_cases.clean_body, self.cleaned_data["body"])


class SubmitReportForm(forms.Form):
    as_of = BuddhistDateField(label=_("ข้อมูล ณ วันที่"))

    def __init__(self, *args: Any, fiscal_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The service's rule (services_reports), told by the field before it is asked.
        today = timezone.localdate()
        as_of = self.fields["as_of"]
        assert isinstance(as_of, BuddhistDateField)
        as_of.initial = today
        as_of.set_range(earliest_record_date(fiscal_year), today)


class ReportHeadForm(forms.Form):
    """The memo's head and signer; a box left empty keeps the default shown beside it."""

    dated = BuddhistDateField(label=_("ลงวันที่"), required=False)
    number = forms.CharField(label=_("เลขที่หนังสือ (หลังเครื่องหมาย /)"), required=False, max_length=20)
    subject = forms.CharField(label=_("เรื่อง"), required=False, max_length=300)
    addressee = forms.CharField(label=_("เรียน"), required=False, max_length=200)
    signer_name = forms.CharField(label=_("ชื่อผู้ลงนาม"), required=False, max_length=200)
    signer_title = forms.CharField(label=_("ตำแหน่งผู้ลงนาม"), required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, *args: Any, fiscal_year: int, defaults: MemoHead | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                field.error_messages["max_length"] = limits.TOO_LONG
                # The default the memo shows when the box stays empty.
                default = getattr(defaults, name, "") if defaults else ""
                if default:
                    field.widget.attrs["placeholder"] = default
        dated = self.fields["dated"]
        assert isinstance(dated, BuddhistDateField)
        dated.set_range(*services_heads.head_date_range(fiscal_year))

    def head(self) -> MemoHead:
        data = self.cleaned_data
        return MemoHead(
            date=data["dated"],
            number=data["number"],
            subject=data["subject"],
            addressee=data["addressee"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("อนุมัติ")), ("return", _("ส่งกลับให้แก้ไข"))])
    comment = forms.CharField(
        label=_("ความเห็น (ต้องระบุเมื่อส่งกลับ)"),
        required=False,
        max_length=limits.REPORT_COMMENT,
        error_messages=_TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_comment(self) -> str:
        return _checked(services_reports.clean_comment, self.cleaned_data["comment"])


class OfficerReplyForm(forms.Form):
    body = forms.CharField(
        label=_("ข้อความตอบกลับถึงผู้แจ้ง"),
        max_length=limits.CASE_BODY,
        error_messages=_TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_body(self) -> str:
        return _checked(services_cases.clean_body, self.cleaned_data["body"])


class CaseStateForm(forms.Form):
    state = forms.ChoiceField(choices=CaseState.choices)
    expected_state = forms.ChoiceField(choices=CaseState.choices, widget=forms.HiddenInput)
