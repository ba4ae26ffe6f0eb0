"""The memos the system writes: one list for the builders, the render command, the memo
pages and the reports that publish them (public.Report.kind)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemoKind(models.TextChoices):
    # The ITA items the memo answers are part of its name, as agencies file it under them.
    MEASURES = "measures", _("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (O42)")
    IMPLEMENTATION = (
        "implementation",
        _("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (O43)"),
    )
