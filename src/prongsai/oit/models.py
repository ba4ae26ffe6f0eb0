"""The OIT checklist of an agency-year, and the checks of the links it gives NACC.

Every item of the year's ITA framework (prongsai.ita) is one OitItem row once the
checklist is opened: who answers it, by when, the address on the agency's own website
that will be given to NACC, and how far it is. LinkCheck keeps each check of an address
(OIT items' and measures' evidence links) with its date, so pages show the latest."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Division


class ItemState(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
    DRAFTED = "drafted", _("จัดทำแล้ว")
    PUBLISHED = "published", _("เผยแพร่แล้ว")
    LINK_OK = "link_ok", _("ตรวจลิงก์แล้ว ใช้ได้")
    LINK_BROKEN = "link_broken", _("ลิงก์เสีย")


class OitItem(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="oit_items")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    code = models.CharField(_("ข้อ"), max_length=8)  # the framework's item code, e.g. "O31"
    division = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oit_items",
        verbose_name=_("ส่วนราชการที่รับผิดชอบ"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oit_items",
        verbose_name=_("ผู้รับผิดชอบ"),
    )
    due_date = models.DateField(_("กำหนดเสร็จ"), null=True, blank=True)
    url = models.URLField(_("ลิงก์ที่จะส่งให้ ป.ป.ช."), max_length=500, blank=True)
    state = models.CharField(
        _("สถานะ"), max_length=16, choices=ItemState.choices, default=ItemState.NOT_STARTED
    )
    notes = models.TextField(_("หมายเหตุ"), blank=True)
    # Filled by prongsai itself (a document it published): the address follows publication.
    automatic = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ข้อ OIT")
        ordering = ["agency", "fiscal_year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "code"], name="oit_item_one_per_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.fiscal_year}/{self.code}"


class LinkCheck(models.Model):
    """One check of one address (never changed afterwards)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="link_checks")
    url = models.URLField(max_length=500)
    checked_at = models.DateTimeField()
    ok = models.BooleanField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=500, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    on_agency_domain = models.BooleanField(default=False)
    elapsed_ms = models.PositiveIntegerField(null=True, blank=True)
    # for documents prongsai published: whether the file served still has the stored SHA-256
    sha256_matches = models.BooleanField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)  # why it failed, in Thai

    class Meta:
        verbose_name = _("ผลการตรวจลิงก์")
        indexes = [models.Index(fields=["agency", "url", "-checked_at"])]

    def __str__(self) -> str:
        return f"{self.url} {self.status_code} {self.checked_at:%Y-%m-%d}"
