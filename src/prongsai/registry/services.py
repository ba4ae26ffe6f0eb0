"""State changes of agencies, divisions and memberships (one transaction each, audited)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.access import require_role
from prongsai.agencies.models import Agency, Division, Invitation, Membership, Role
from prongsai.audit.services import record_event
from prongsai.core import limits
from prongsai.core.errors import ValidationFailed
from prongsai.registry import places
from prongsai.registry.places import Place
from prongsai.thai.text import clean_text

AGENCY_NAME = 200  # Agency.name's max_length


@dataclass(frozen=True)
class AgencySpec:
    """An agency checked and cleaned, ready to be created (see check_agency)."""

    slug: str
    name: str
    kind: str
    place: Place
    document_number: str
    head_title: str

    def same_as(self, agency: Agency) -> bool:
        """Whether `agency` already holds this data (a repeated import skips it)."""
        return (
            agency.slug == self.slug
            and agency.name == self.name
            and agency.kind == self.kind
            and agency.subdistrict_code == self.place.subdistrict_code
            and agency.document_number == self.document_number
        )


def check_agency(
    *,
    slug: str,
    name: str,
    subdistrict_code: str,
    kind: str | None = None,
    document_number: str = "",
    head_title: str = "",
) -> AgencySpec:
    """Check and clean an agency's data without writing anything: the DOPA subdistrict code
    (province and district follow from it), the kind (read from the name when not given),
    the document number (Thai digits), the slug (unused). ValidationFailed otherwise."""
    clean = limits.text(
        places.clean_name(name),
        limit=AGENCY_NAME,
        label=_("ชื่อหน่วยงาน"),
        field="name",
        required=True,
    )
    kind = places.kind_of(clean, kind)
    place = places.place_of(subdistrict_code)
    number = places.clean_document_number(document_number)
    slug = places.clean_slug(slug)
    taken = Agency.objects.filter(slug=slug).first()
    if taken is not None:
        raise ValidationFailed(
            _("ชื่อย่อ “%(slug)s” ถูกใช้แล้วโดย %(name)s โปรดเลือกชื่อย่ออื่น")
            % {"slug": slug, "name": taken.name},
            field="slug",
        )
    twin = Agency.objects.filter(name=clean, subdistrict_code=place.subdistrict_code).first()
    if twin is not None:
        raise ValidationFailed(
            _("มี%(name)s ที่%(place)s อยู่แล้ว (ชื่อย่อ %(slug)s)")
            % {"name": clean, "place": place.label, "slug": twin.slug},
            field="name",
        )
    head = clean_text(head_title or "").strip() or places.head_title_for(clean, kind) or clean
    return AgencySpec(slug, clean, kind, place, number, head)


@transaction.atomic
def register_agency(*, actor: Any, spec: AgencySpec, **extra: Any) -> Agency:
    """Create a checked agency (check_agency) with any further fields, and audit it."""
    extra = {k: clean_text(v) if isinstance(v, str) else v for k, v in extra.items()}
    place = spec.place
    agency = Agency(
        slug=spec.slug,
        name=spec.name,
        kind=spec.kind,
        province_code=place.province_code,
        district_code=place.district_code,
        subdistrict_code=place.subdistrict_code,
        province=place.province,
        district=place.district,
        subdistrict=place.subdistrict,
        document_number=spec.document_number,
        head_title=spec.head_title,
        **extra,
    )
    agency.full_clean()
    agency.save()
    record_event(
        actor=actor,
        agency=agency,
        action="agency.create",
        obj=agency,
        payload={
            "name": agency.name,
            "slug": agency.slug,
            "kind": agency.kind,
            "subdistrict_code": agency.subdistrict_code,
            "document_number": agency.document_number,
        },
    )
    return agency


_PLACE_FIELDS = ("province_code", "district_code", "province", "district", "subdistrict")


@transaction.atomic
def create_agency(
    *,
    actor: Any,
    slug: str,
    name: str,
    subdistrict_code: str,
    kind: str | None = None,
    document_number: str = "",
    head_title: str = "",
    **fields: Any,
) -> Agency:
    """check_agency + register_agency in one call. The place's names always come from the
    subdistrict code; a province or district code given too must agree with it."""
    spec = check_agency(
        slug=slug,
        name=name,
        subdistrict_code=subdistrict_code,
        kind=kind,
        document_number=document_number,
        head_title=head_title,
    )
    for code_field in ("province_code", "district_code"):
        given = fields.get(code_field)
        if given and given != getattr(spec.place, code_field):
            raise ValidationFailed(
                _("รหัส %(given)s ไม่ตรงกับรหัสตำบล %(code)s (%(place)s)")
                % {"given": given, "code": spec.place.subdistrict_code, "place": spec.place.label},
                field="subdistrict",
            )
    extra = {k: v for k, v in fields.items() if k not in _PLACE_FIELDS}
    return register_agency(actor=actor, spec=spec, **extra)


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


def require_coordinator(actor: Any, agency: Agency) -> None:
    """PermissionDenied unless `actor` is an active coordinator of `agency`."""
    user_pk = getattr(actor, "pk", None)
    membership = (
        Membership.objects.filter(user_id=user_pk, agency=agency, active=True).first()
        if user_pk
        else None
    )
    if membership is None:  # not of this agency: the same refusal as a role without the right
        membership = Membership(agency=agency, role="")
    require_role(membership, Role.COORDINATOR, agency=agency)


def _locked(membership: Membership) -> Membership:
    """The membership read again under the agency's lock: two coordinators changing people
    at once are serialised, so the last coordinator cannot be removed by both together."""
    Agency.objects.select_for_update().filter(pk=membership.agency_id).exists()
    return Membership.objects.select_related("user", "agency").get(pk=membership.pk)


def _is_last_coordinator(membership: Membership) -> bool:
    if membership.role != Role.COORDINATOR or not membership.active:
        return False
    others = Membership.objects.filter(
        agency_id=membership.agency_id, role=Role.COORDINATOR, active=True
    ).exclude(pk=membership.pk)
    return not others.exists()


@transaction.atomic
def change_member(
    *, actor: Any, membership: Membership, role: str, divisions: Sequence[Division] = ()
) -> Membership:
    """A coordinator changes a member's role and divisions. Nobody changes their own role
    (another coordinator does), and the agency's last active coordinator stays one."""
    membership = _locked(membership)
    agency = membership.agency
    require_coordinator(actor, agency)
    if role != membership.role:
        if membership.user_id == getattr(actor, "pk", None):
            raise ValidationFailed(
                _("ท่านเปลี่ยนบทบาทของตนเองไม่ได้ โปรดให้ผู้ประสานงานคนอื่นเปลี่ยนให้"), field="role"
            )
        if _is_last_coordinator(membership):
            raise ValidationFailed(
                _("หน่วยงานต้องมีผู้ประสานงาน ITA อย่างน้อยหนึ่งคน โปรดเชิญหรือกำหนดผู้ประสานงานคนอื่นก่อน"),
                field="role",
            )
    return set_membership(
        actor=actor, agency=agency, user=membership.user, role=role, divisions=divisions
    )


@transaction.atomic
def deactivate_member(*, actor: Any, membership: Membership) -> Membership:
    """Take a member's access away. Their name stays on what they recorded; their unused
    invitation links stop working. Nobody deactivates themselves, nor the agency's last
    active coordinator."""
    membership = _locked(membership)
    agency = membership.agency
    require_coordinator(actor, agency)
    if membership.user_id == getattr(actor, "pk", None):
        raise ValidationFailed(_("ท่านปิดการใช้งานบัญชีของตนเองไม่ได้"))
    if not membership.active:
        raise ValidationFailed(_("สมาชิกนี้ถูกปิดการใช้งานอยู่แล้ว"))
    if _is_last_coordinator(membership):
        raise ValidationFailed(_("ปิดการใช้งานผู้ประสานงาน ITA คนสุดท้ายของหน่วยงานไม่ได้"))
    membership.active = False
    membership.save(update_fields=["active"])
    Invitation.objects.filter(user=membership.user, agency=agency, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    record_event(
        actor=actor,
        agency=agency,
        action="membership.deactivate",
        obj=membership,
        payload={"user": membership.user.get_username(), "role": membership.role},
    )
    return membership


@transaction.atomic
def reactivate_member(*, actor: Any, membership: Membership) -> Membership:
    """Give a deactivated member their access back, with the role they had."""
    membership = _locked(membership)
    agency = membership.agency
    require_coordinator(actor, agency)
    if membership.active:
        raise ValidationFailed(_("สมาชิกนี้ใช้งานอยู่แล้ว"))
    membership.active = True
    membership.save(update_fields=["active"])
    record_event(
        actor=actor,
        agency=agency,
        action="membership.reactivate",
        obj=membership,
        payload={"user": membership.user.get_username(), "role": membership.role},
    )
    return membership
