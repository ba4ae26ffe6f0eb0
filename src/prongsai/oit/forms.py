"""The edit form of one OIT item; a reporter's form has only the address, state and notes."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Division
from prongsai.core.forms import BuddhistDateField
from prongsai.oit.models import ItemState
from prongsai.oit.services import NOTES_MAX, people_of


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class ItemForm(forms.Form):
    division = forms.ModelChoiceField(
        label=_("ส่วนราชการที่รับผิดชอบ"), queryset=Division.objects.none(), required=False
    )
    person = PersonChoice(label=_("ผู้รับผิดชอบ"), queryset=Division.objects.none(), required=False)
    due_date = BuddhistDateField(label=_("กำหนดเสร็จ"), required=False)
    url = forms.CharField(
        label=_("ลิงก์ที่จะส่งให้ ป.ป.ช."),
        required=False,
        max_length=600,
        help_text=_("ลิงก์ในเว็บไซต์ของหน่วยงาน เช่น https://www.example.go.th/ita/o1"),
    )
    state = forms.ChoiceField(label=_("สถานะ"), choices=ItemState.choices)
    notes = forms.CharField(
        label=_("หมายเหตุ"),
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        agency: Agency,
        fields: frozenset[str],
        current_division: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        division = self.fields["division"]
        assert isinstance(division, forms.ModelChoiceField)
        # active divisions, and the item's own even if it was retired since
        division.queryset = Division.objects.filter(
            Q(retired_at__isnull=True) | Q(pk=current_division), agency=agency
        )
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = people_of(agency)
        for name in list(self.fields):
            if name != "version" and name not in fields:
                del self.fields[name]

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
