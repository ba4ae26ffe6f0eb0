"""Forms of the registry's pages: people, divisions and the agency's profile (Thai labels;
the services check and explain the rest)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Division, Role
from prongsai.core import limits
from prongsai.registry.divisions import PROFILE_FIELDS, profile_field


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


_TOO_LONG = {"max_length": limits.TOO_LONG}


class DivisionNameForm(forms.Form):
    name = forms.CharField(
        label=_("ชื่อส่วนราชการ"),
        max_length=limits.DIVISION_NAME,
        error_messages={"required": _("กรุณากรอกชื่อส่วนราชการ"), **_TOO_LONG},
    )


class AgencyProfileForm(forms.Form):
    """The agency's own texts; the service cleans and checks them again (one rule)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in PROFILE_FIELDS:
            model_field, limit = profile_field(name)
            widget: forms.Widget
            if name == "address":
                widget = forms.Textarea(attrs={"rows": 2})
            elif name == "website":
                widget = forms.TextInput(attrs={"inputmode": "url"})
            elif name == "telephone":
                widget = forms.TextInput(attrs={"inputmode": "tel"})
            else:
                widget = forms.TextInput()
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name,
                help_text=model_field.help_text,
                required=name in ("name", "head_title", "reporting_unit"),
                max_length=limit,
                error_messages=_TOO_LONG,
                widget=widget,
            )
