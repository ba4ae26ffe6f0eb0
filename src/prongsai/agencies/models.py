"""Agencies, their divisions, and the people who work in them with a role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.thai.provinces import province_by_name, province_by_tis_code


class AgencyKind(models.TextChoices):
    PAO = "pao", "องค์การบริหารส่วนจังหวัด (อบจ.)"
    CITY = "city", "เทศบาลนคร"
    TOWN = "town", "เทศบาลเมือง"
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", "เทศบาลตำบล"
    SAO = "sao", "องค์การบริหารส่วนตำบล (อบต.)"
    BANGKOK = "bangkok", "กรุงเทพมหานคร"
    PATTAYA = "pattaya", "เมืองพัทยา"
    GOVERNMENT = "government", "ส่วนราชการ"
    STATE_ENTERPRISE = "state_enterprise", "รัฐวิสาหกิจ"
    PUBLIC_ORGANIZATION = "public_organization", "องค์การมหาชน"
    OTHER = "other", "หน่วยงานอื่น"


LOCAL_KINDS = (
    AgencyKind.PAO,
    AgencyKind.CITY,
    AgencyKind.TOWN,
    AgencyKind.SUBDISTRICT_MUNICIPALITY,
    AgencyKind.SAO,
    AgencyKind.BANGKOK,
    AgencyKind.PATTAYA,
)


class Agency(models.Model):
    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    kind = models.CharField(_("ประเภท"), max_length=32, choices=AgencyKind.choices)
    # The place by the Interior Ministry's (DOPA) codes; the names are filled from them.
    province_code = models.CharField(_("รหัสจังหวัด"), max_length=2, blank=True, db_index=True)
    district_code = models.CharField(_("รหัสอำเภอ"), max_length=4, blank=True, db_index=True)
    subdistrict_code = models.CharField(_("รหัสตำบล"), max_length=6, blank=True)
    province = models.CharField(_("จังหวัด"), max_length=100)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    subdistrict = models.CharField(_("ตำบล"), max_length=100, blank=True)
    address = models.TextField(_("ที่อยู่"), blank=True)
    telephone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    # The agency's own number in its document numbers: ๗๓๖๐๑ in "กส ๗๓๖๐๑/…" (the letters
    # come from the province).
    document_number = models.CharField(
        _("เลขประจำหน่วยงานในเลขที่หนังสือ"), max_length=20, blank=True, help_text=_("เช่น ๗๓๖๐๑")
    )
    website = models.URLField(_("เว็บไซต์"), blank=True)
    head_title = models.CharField(
        _("ตำแหน่งผู้บริหาร"), max_length=200, help_text=_("เช่น นายกเทศมนตรีตำบลอุ่มเม่า")
    )
    head_name = models.CharField(_("ชื่อผู้บริหาร"), max_length=200, blank=True)
    # Who signs the ITA reports sent to the head (usually the head of สำนักปลัด).
    signer_name = models.CharField(_("ชื่อผู้ลงนามรายงาน"), max_length=200, blank=True)
    signer_position = models.CharField(
        _("ตำแหน่งผู้ลงนามรายงาน"), max_length=200, blank=True, default="หัวหน้าสำนักปลัด"
    )
    reporting_unit = models.CharField(_("ส่วนราชการเจ้าของเรื่อง"), max_length=200, default="สำนักปลัด")
    slug = models.SlugField(unique=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def letter_code(self) -> str:
        """The province's letter code (รหัสพยัญชนะ), e.g. กส for Kalasin ("" if unknown)."""
        found = None
        if self.province_code.isdigit():
            found = province_by_tis_code(int(self.province_code))
        if found is None and self.province:
            found = province_by_name(self.province)
        return found.letter_code if found else ""

    @property
    def document_code(self) -> str:
        """The ที่ of the agency's memos before the slash: "กส ๗๓๖๐๑"."""
        return " ".join(part for part in (self.letter_code, self.document_number.strip()) if part)

    @property
    def full_name(self) -> str:
        """เทศบาลตำบลอุ่มเม่า อำเภอยางตลาด จังหวัดกาฬสินธุ์"""
        parts = [self.name]
        if self.district:
            parts.append(f"อำเภอ{self.district}")
        parts.append(f"จังหวัด{self.province}")
        return " ".join(parts)


class DivisionQuerySet(models.QuerySet["Division"]):
    def current(self) -> "DivisionQuerySet":
        """The divisions still in use: the only ones offered for new or changed work."""
        return self.filter(retired_at__isnull=True)


class Division(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="divisions")
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    # A division with measures is retired, never deleted: its past keeps its name.
    retired_at = models.DateTimeField(_("เลิกใช้เมื่อ"), null=True, blank=True)

    objects = DivisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ส่วนราชการ")
        ordering = ["agency", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="division_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("ผู้ประสานงาน ITA")
    REPORTER = "reporter", _("ผู้รายงานผล")
    EXECUTIVE = "executive", _("ผู้บริหาร")
    VIEWER = "viewer", _("ผู้ดูข้อมูล")
    COMPLAINT_OFFICER = "complaint_officer", _("เจ้าหน้าที่รับเรื่องร้องเรียน")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("บทบาท"), max_length=32, choices=Role.choices)
    # A reporter reports for the measures of these divisions only.
    divisions = models.ManyToManyField(Division, blank=True, related_name="members")
    # A deactivated member keeps their name on past records but no longer has access.
    active = models.BooleanField(_("ใช้งานอยู่"), default=True)

    class Meta:
        verbose_name = _("สมาชิก")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_one_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.role})"


class SiteRole(models.TextChoices):
    OPERATOR = "operator", _("ผู้ดูแลระบบ")
    OVERSIGHT = "oversight", _("ผู้กำกับติดตาม")


class SiteAccess(models.Model):
    """A role over the whole site, held outside any agency. An operator adds agencies and
    invites their first coordinators, and sees no agency's measures (unless also a member).
    An oversight person reads the agencies of a scope: the nation (scope_code ""), a
    province ("46") or a district ("4607"), by DOPA codes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="site_access"
    )
    role = models.CharField(_("บทบาท"), max_length=16, choices=SiteRole.choices)
    scope_code = models.CharField(_("ขอบเขต (รหัสจังหวัดหรืออำเภอ)"), max_length=4, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("บทบาทระดับระบบ")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="site_access_one_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role} {self.scope_code})".strip()


class Invitation(models.Model):
    """A one-time link for a person to set their own password: valid for a few days, usable
    once, stored only as the SHA-256 of its token. Also used for password resets made by a
    coordinator or operator (purpose "reset")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    # The agency the person was invited to (None: an operator or oversight invitation).
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("คำเชิญ")

    def __str__(self) -> str:
        return f"invitation {self.pk} for {self.user}"
