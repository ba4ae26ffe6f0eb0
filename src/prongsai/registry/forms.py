"""Forms of the registry's pages (the divisions page and the agency's profile)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core import limits
from prongsai.registry.services import PROFILE_FIELDS, profile_field

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
