"""Agencies, their divisions, and the people who work in them with a role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    PAO = "pao", "องค์การบริหารส่วนจังหวัด (อบจ.)"
    CITY = "city", "เทศบาลนคร"
    TOWN = "town", "เทศบาลเมือง"
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", "เทศบาลตำบล"
    SAO = "sao", "องค์การบริหารส่วนตำบล (อบต.)"
    OTHER = "other", "หน่วยงานอื่น"


class Agency(models.Model):
    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    kind = models.CharField(_("ประเภท"), max_length=32, choices=AgencyKind.choices)
    province = models.CharField(_("จังหวัด"), max_length=100)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    telephone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    document_code = models.CharField(
        _("รหัสหนังสือ (ที่)"), max_length=50, blank=True, help_text=_("เช่น กส ๗๓๖๐๑")
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
    def full_name(self) -> str:
        """เทศบาลตำบลอุ่มเม่า อำเภอยางตลาด จังหวัดกาฬสินธุ์"""
        parts = [self.name]
        if self.district:
            parts.append(f"อำเภอ{self.district}")
        parts.append(f"จังหวัด{self.province}")
        return " ".join(parts)


class Division(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="divisions")
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

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

    class Meta:
        verbose_name = _("สมาชิก")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_one_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.role})"
