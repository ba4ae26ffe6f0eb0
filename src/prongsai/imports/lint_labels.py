"""The names people read for the linter's finding codes (the one mapping; translated)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from prongsai.imports.lint import CODES

LABELS: dict[str, Promise] = {
    "mixed_digits": _("ตัวเลขไทยปนตัวเลขอารบิก"),
    "province_code": _("รหัสจังหวัดในเลขที่หนังสือไม่ตรง"),
    "foreign_agency": _("ชื่อหน่วยงานอื่นปรากฏในเอกสาร"),
    "year_mismatch": _("ปีงบประมาณไม่ตรงกับเอกสาร"),
    "band_mismatch": _("คะแนนกับระดับผลการประเมินไม่ตรงกัน"),
    "status_missing": _("สถานะการดำเนินการไม่ครบหรือไม่ชัดเจน"),
    "misspelling": _("คำสะกดผิด"),
}
assert set(LABELS) == set(CODES), "every finding code needs its name"


def finding_label(code: str) -> str:
    """The name of a finding kind in the active language (the code itself if unknown)."""
    label = LABELS.get(code)
    return str(label) if label is not None else code
