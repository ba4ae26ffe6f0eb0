"""State changes of agencies, divisions and memberships (one transaction each, audited)."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Division, Membership, Role
from prongsai.audit.services import record_event
from prongsai.core import limits
from prongsai.core.errors import ValidationFailed
from prongsai.thai.text import clean_text


@transaction.atomic
def create_agency(*, actor: Any, **fields: Any) -> Agency:
    # Names, titles and codes are one-line texts printed on every memo: cleaned like all
    # stored text; full_clean then checks their lengths.
    fields = {k: clean_text(v) if isinstance(v, str) else v for k, v in fields.items()}
    agency = Agency(**fields)
    agency.full_clean()
    agency.save()
    record_event(
        actor=actor,
        agency=agency,
        action="agency.create",
        obj=agency,
        payload={"name": agency.name, "slug": agency.slug},
    )
    return agency


@transaction.atomic
def add_division(*, actor: Any, agency: Agency, name: str, order: int = 0) -> Division:
    name = limits.text(
        name, limit=limits.DIVISION_NAME, label=_("ชื่อส่วนราชการ"), field="name", required=True
    )
    division, created = Division.objects.get_or_create(
        agency=agency, name=name, defaults={"order": order}
    )
    if created:
        record_event(
            actor=actor,
            agency=agency,
            action="division.create",
            obj=division,
            payload={"name": name},
        )
    return division


@transaction.atomic
def set_membership(
    *, actor: Any, agency: Agency, user: Any, role: str, divisions: Sequence[Division] = ()
) -> Membership:
    if role not in Role.values:
        raise ValidationFailed(_("บทบาท “%(role)s” ไม่ถูกต้อง") % {"role": role}, field="role")
    if any(d.agency_id != agency.pk for d in divisions):
        raise ValidationFailed(_("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"), field="divisions")
    membership, _created = Membership.objects.update_or_create(
        user=user, agency=agency, defaults={"role": role}
    )
    membership.divisions.set(divisions)
    record_event(
        actor=actor,
        agency=agency,
        action="membership.set",
        obj=membership,
        payload={
            "user": user.get_username(),
            "role": role,
            "divisions": [d.name for d in divisions],
        },
    )
    return membership
