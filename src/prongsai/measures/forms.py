"""Forms for measures and status updates (Thai labels; validation messages in Thai)."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Division
from prongsai.core import limits
from prongsai.core.errors import ValidationFailed
from prongsai.core.forms import BuddhistDateField
from prongsai.core.uploads import EVIDENCE_ACCEPT, EVIDENCE_TYPES, upload_help
from prongsai.measures import services
from prongsai.measures.models import Measure, Status
from prongsai.thai.dates import earliest_record_date, fiscal_year_bounds

T = TypeVar("T")
_TOO_LONG = {"max_length": limits.TOO_LONG}


def _checked(clean: Callable[[T], T], value: T) -> T:
    """The service's own cleaning and limits, its message shown next to the field."""
    try:
        return clean(value)
    except ValidationFailed as error:
        raise forms.ValidationError(str(error)) from None


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-•").strip() for line in text.splitlines() if line.strip()]


class MeasureForm(forms.Form):
    title = forms.CharField(
        label=_("มาตรการ"),
        max_length=limits.MEASURE_TITLE,
        error_messages=_TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    short_name = forms.CharField(
        label=_("ชื่อย่อในตารางผลการดำเนินการ"),
        help_text=_("เช่น “มีมาตรการลดขั้นตอนการให้บริการ” เว้นว่างไว้เพื่อใช้ชื่อมาตรการ"),
        required=False,
        max_length=limits.MEASURE_SHORT_NAME,
        error_messages=_TOO_LONG,
    )
    steps = forms.CharField(
        label=_("ขั้นตอนหรือวิธีการ (บรรทัดละหนึ่งขั้นตอน)"),
        max_length=limits.MEASURE_STEPS * (limits.MEASURE_STEP + 2),
        error_messages=_TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    divisions = forms.ModelMultipleChoiceField(
        label=_("ผู้รับผิดชอบ"),
        queryset=Division.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("เลือกผู้รับผิดชอบอย่างน้อยหนึ่งส่วนราชการ")},
    )
    monitoring = forms.CharField(
        label=_("การกำกับติดตาม"),
        required=False,
        max_length=limits.MEASURE_MONITORING,
        error_messages=_TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_date = BuddhistDateField(label=_("กำหนดติดตาม"), required=False)
    indicator_codes = forms.CharField(
        label=_("ตัวชี้วัดหรือข้อ OIT ที่เกี่ยวข้อง (คั่นด้วยจุลภาค เช่น 10, O42)"),
        required=False,
        max_length=limits.INDICATOR_CODES * (limits.INDICATOR_CODE + 2),
        error_messages=_TOO_LONG,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        agency: Agency,
        fiscal_year: int,
        measure: Measure | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        divisions = self.fields["divisions"]
        assert isinstance(divisions, forms.ModelMultipleChoiceField)
        # Retired divisions are not offered, except those the measure already has (its
        # record keeps them until the coordinator takes them off).
        offered = Q(retired_at__isnull=True)
        if measure is not None:
            offered |= Q(pk__in=measure.divisions.values("pk"))
        divisions.queryset = agency.divisions.filter(offered)
        # A due date belongs near its fiscal year: from a year before it starts to a year
        # after it ends (a typo such as 3108 or a CE year is refused by the field itself).
        due_date = self.fields["due_date"]
        assert isinstance(due_date, BuddhistDateField)
        _start, end = fiscal_year_bounds(fiscal_year)
        due_date.set_range(earliest_record_date(fiscal_year), end.replace(year=end.year + 1))

    def clean_title(self) -> str:
        return _checked(services.clean_title, self.cleaned_data["title"])

    def clean_short_name(self) -> str:
        return _checked(services.clean_short_name, self.cleaned_data["short_name"])

    def clean_steps(self) -> list[str]:
        steps = _checked(services.clean_steps, _lines(self.cleaned_data["steps"]))
        if not steps:  # cleaned first: a line of invisible characters is no step
            raise forms.ValidationError(_("ต้องมีอย่างน้อยหนึ่งขั้นตอน"))
        return steps

    def clean_monitoring(self) -> str:
        return _checked(services.clean_monitoring, self.cleaned_data["monitoring"])

    def clean_indicator_codes(self) -> list[str]:
        raw = self.cleaned_data["indicator_codes"]
        codes = [code.strip() for code in raw.replace("،", ",").split(",") if code.strip()]
        return _checked(services.clean_indicator_codes, codes)


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
        max_length=limits.STATUS_NOTE,
        error_messages=_TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reported_on = BuddhistDateField(label=_("ข้อมูล ณ วันที่"))
    links = forms.CharField(
        label=_("ลิงก์หลักฐาน (บรรทัดละหนึ่งลิงก์)"),
        required=False,
        max_length=limits.EVIDENCE_LINKS * (limits.EVIDENCE_URL + 2),
        error_messages=_TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The form metaclass moves declared fields into base_fields, so this does not replace
    # BaseForm.files (the uploads) at run time; the stubs cannot tell.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("ไฟล์หลักฐาน (PDF, DOCX, XLSX, JPEG, PNG)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )

    def __init__(self, *args: Any, fiscal_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A status is as of a day that has come (in Bangkok), and not earlier than a year
        # before the measure's fiscal year starts.
        today = timezone.localdate()
        reported_on = self.fields["reported_on"]
        assert isinstance(reported_on, BuddhistDateField)
        reported_on.initial = today
        reported_on.set_range(earliest_record_date(fiscal_year), today)
        self.fields["links"].help_text = _(
            "เช่น https://www.ummao.go.th/ita หรือ www.ummao.go.th/ita"
        )
        self.fields["files"].help_text = upload_help(EVIDENCE_TYPES, MAX_EVIDENCE_FILES)

    def clean_files(self) -> list[object]:
        files: list[object] = self.cleaned_data["files"]
        if len(files) > MAX_EVIDENCE_FILES:
            raise forms.ValidationError(
                _("แนบไฟล์ได้ครั้งละไม่เกิน %(n)d ไฟล์") % {"n": MAX_EVIDENCE_FILES}
            )
        return files

    def clean_links(self) -> list[str]:
        return _checked(services.clean_links, _lines(self.cleaned_data["links"]))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่ถอน"),
        max_length=services.MAX_REASON,
        error_messages={"required": _("ต้องระบุเหตุผลที่ถอนรายงานสถานะ"), **_TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CarryOverForm(forms.Form):
    """The measures of an earlier year to carry over: only those that can be (not yet
    carried into the year, with a division still in use) are choices."""

    measures = forms.TypedMultipleChoiceField(
        label=_("มาตรการที่จะยกไป"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("เลือกมาตรการที่จะยกไปอย่างน้อยหนึ่งรายการ"),
            "invalid_choice": _("มาตรการที่เลือกยกไปไม่ได้ (ยกไปแล้วหรือไม่อยู่ในรายการ)"),
        },
    )

    def __init__(self, *args: Any, choices: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measures"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(str(pk), str(pk)) for pk in choices]
