"""The operator's forms: a new agency (placed by province → district → subdistrict or by
the typed DOPA code) and the invitation of its first coordinator."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import AgencyKind
from prongsai.core.errors import ProngsaiError
from prongsai.registry import places

_PICK = ("", "—")


def typed_place(values: Any) -> places.Place | None:
    """The place of a valid typed code, else of the chosen subdistrict (None if neither)."""
    for key in ("subdistrict_code", "subdistrict"):
        code = str(values.get(key) or "").strip()
        if code:
            try:
                return places.place_of(code)
            except ProngsaiError:
                continue
    return None


def settle_place(values: Any) -> dict[str, str]:
    """The pickers' values made consistent: a valid typed code chooses all three; otherwise
    a district outside the chosen province (or a subdistrict outside the district) is
    dropped, as happens when the person picks another province."""
    typed = str(values.get("subdistrict_code") or "").strip()
    if typed:
        try:
            place = places.place_of(typed)
        except ProngsaiError:
            pass
        else:
            return {
                "province": place.province_code,
                "district": place.district_code,
                "subdistrict": place.subdistrict_code,
            }
    province = str(values.get("province") or "")
    district = str(values.get("district") or "")
    subdistrict = str(values.get("subdistrict") or "")
    if not province or not district.startswith(province):
        district = ""
    if not district or not subdistrict.startswith(district):
        subdistrict = ""
    return {"province": province, "district": district, "subdistrict": subdistrict}


class AgencyForm(forms.Form):
    name = forms.CharField(
        label=_("ชื่อหน่วยงาน"), max_length=200, help_text=_("เช่น เทศบาลตำบลอุ่มเม่า หรือ อบต.สามเรือน")
    )
    kind = forms.ChoiceField(
        label=_("ประเภท"),
        required=False,
        choices=[("", _("อ่านจากชื่อหน่วยงาน")), *AgencyKind.choices],
    )
    province = forms.ChoiceField(label=_("จังหวัด"), required=False)
    district = forms.ChoiceField(label=_("อำเภอ/เขต"), required=False)
    subdistrict = forms.ChoiceField(label=_("ตำบล/แขวง"), required=False)
    subdistrict_code = forms.CharField(
        label=_("หรือพิมพ์รหัสตำบล 6 หลักของกรมการปกครอง"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "460703"}),
    )
    document_number = forms.CharField(
        label=_("เลขประจำหน่วยงานในเลขที่หนังสือ"),
        required=False,
        max_length=30,
        help_text=_("เช่น ๗๓๖๐๑ ในเลขที่หนังสือ กส ๗๓๖๐๑/…"),
    )
    slug = forms.CharField(
        label=_("ชื่อย่อในลิงก์"),
        required=False,
        max_length=60,
        help_text=_("อักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) ระบบเสนอให้จากชื่อ แก้ไขได้"),
    )
    slug_suggested = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        if data is not None:
            data = data.copy()
            for key, value in settle_place(data).items():
                data[key] = value
        super().__init__(data, **kwargs)
        chosen = settle_place(data or {})
        for name, choices in (
            ("province", places.provinces()),
            ("district", places.districts(chosen["province"])),
            ("subdistrict", places.subdistricts(chosen["district"])),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [_PICK, *choices]

    def chosen_code(self) -> str:
        """The subdistrict code to create the agency with: the typed code wins."""
        data = self.cleaned_data
        return str(data.get("subdistrict_code") or data.get("subdistrict") or "")


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("อีเมลของผู้ประสานงาน ITA"),
        max_length=254,
        # a text box styled like every other; the browser still offers its e-mail keyboard
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "off"}),
    )
