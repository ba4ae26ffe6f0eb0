"""Forms of the people pages (Thai labels; the services check and explain the rest)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Division, Role


def _active_divisions(agency: Agency) -> Any:
    return Division.objects.filter(agency=agency, retired_at__isnull=True)


class MemberForm(forms.Form):
    """A member's role and divisions."""

    role = forms.ChoiceField(
        label=_("บทบาท"),
        choices=Role.choices,
        error_messages={"required": _("เลือกบทบาท"), "invalid_choice": _("บทบาทไม่ถูกต้อง")},
    )
    divisions = forms.ModelMultipleChoiceField(
        label=_("ส่วนราชการ (ผู้รายงานผลรายงานเฉพาะมาตรการของส่วนราชการที่เลือก)"),
        queryset=Division.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("ส่วนราชการที่เลือกไม่ถูกต้อง")},
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        divisions = self.fields["divisions"]
        assert isinstance(divisions, forms.ModelMultipleChoiceField)
        divisions.queryset = _active_divisions(agency)


class InviteForm(MemberForm):
    """A new member: their e-mail address (the account's name), role and divisions."""

    # Checked by the service (registry.invitations.clean_email), which says what is wrong.
    email = forms.CharField(
        label=_("อีเมล"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "inputmode": "email"}),
        error_messages={
            "required": _("กรอกอีเมลของผู้ที่จะเชิญ"),
            "max_length": _("อีเมลยาวเกิน %(limit_value)d ตัวอักษร"),
        },
    )
    field_order = ["email", "role", "divisions"]


class ConfirmForm(forms.Form):
    """A ticked confirmation for an action taken at once (deactivating a member)."""

    confirm = forms.BooleanField(
        label=_("ยืนยัน"), error_messages={"required": _("โปรดทำเครื่องหมายเพื่อยืนยัน")}
    )
