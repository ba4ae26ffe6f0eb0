"""ITA results of an agency-year (one row per agency and assessment year).

What the agency entered is kept as entered (indicator scores as text, exactly as typed; OIT
items as passed/failed; the published total, band and rating). What the year's rules compute
from it is kept beside it as a snapshot (``computed``), so a later change of the rules never
rewrites what was recorded. Rows change only through ``assessments.services``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency


class ResultSource(models.TextChoices):
    """What the result was entered from (derived by the service from what was given)."""

    INDICATORS = "indicators", _("คะแนนรายตัวชี้วัด")
    ITEMS = "items", _("ผลรายข้อ OIT (และคะแนนตัวชี้วัด IIT/EIT)")
    PUBLISHED = "published", _("คะแนนรวมและระดับที่ประกาศเท่านั้น")


class ItaResult(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="ita_results")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีที่ประเมิน (พ.ศ.)"))
    source = models.CharField(_("ที่มาของข้อมูล"), max_length=16, choices=ResultSource.choices)
    published_total = models.DecimalField(
        _("คะแนนรวมที่ประกาศ"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    published_band = models.CharField(_("ระดับที่ประกาศ (AA–F)"), max_length=8, blank=True)
    published_rating = models.CharField(_("ผลที่ประกาศ (ผ่าน/ผ่านดี…)"), max_length=64, blank=True)
    # {"1": "82.48", ...}: text as entered (Thai digits already converted), so nothing is lost.
    indicator_scores = models.JSONField(_("คะแนนรายตัวชี้วัด"), default=dict, blank=True)
    # {"O1": true, "O42": false, ...}
    item_results = models.JSONField(_("ผลรายข้อ OIT"), default=dict, blank=True)
    # ScoreResult.to_dict() under the rules of the year, at the time of recording ({} when
    # only the published figures were entered).
    computed = models.JSONField(_("ผลที่คำนวณได้"), default=dict, blank=True)
    note = models.TextField(_("หมายเหตุ"), blank=True)
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ita_results",
    )
    recorded_at = models.DateTimeField(_("บันทึกเมื่อ"))

    class Meta:
        verbose_name = _("ผลการประเมิน ITA")
        verbose_name_plural = _("ผลการประเมิน ITA")
        ordering = ["agency", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year"], name="ita_result_one_per_agency_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} ITA {self.fiscal_year}"

    # -- what to show: the computed figures when there are any, else the published ones -----

    @property
    def has_computed(self) -> bool:
        return bool(self.computed)

    @property
    def total(self) -> float | None:
        if self.computed:
            return float(self.computed["total"])
        return None if self.published_total is None else float(self.published_total)

    @property
    def band(self) -> str:
        if self.computed:
            return str(self.computed.get("band") or "")
        return self.published_band

    @property
    def verdict_th(self) -> str:
        """The year's word on the result: the five-level rating (2567+), else ผ่าน/ไม่ผ่าน."""
        if not self.computed:
            return self.published_rating
        rating: dict[str, Any] | None = self.computed.get("rating")
        if rating:
            return str(rating["label_th"])
        return str(self.computed.get("pass_label_th") or "")

    @property
    def tools(self) -> dict[str, float]:
        return dict(self.computed.get("tools", {})) if self.computed else {}

    @property
    def indicators(self) -> dict[str, float]:
        return dict(self.computed.get("indicators", {})) if self.computed else {}
