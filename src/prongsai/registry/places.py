"""Where an agency is and what kind it is: DOPA codes checked against geothai, the Thai
names filled from the subdistrict, the kind read from the name's prefix.

Thailand's ~8,300 assessed agencies are placed by the Interior Ministry's (DOPA) codes:
province (2 digits), district (4) and subdistrict (6); the province and district follow
from the subdistrict, so one code is all an operator types. DOPA province codes equal the
TIS 1099 codes of thai.provinces (and so give the letter code of the agency's documents).
"""

import re
from dataclasses import dataclass
from functools import cache

import geothai
from django.utils.translation import gettext as _

from prongsai.agencies.models import AgencyKind
from prongsai.core.errors import ValidationFailed
from prongsai.thai.digits import to_arabic_digits, to_thai_digits
from prongsai.thai.text import clean_text

SUBDISTRICT_CODE = re.compile(r"[0-9]{6}")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 50  # Agency.slug's max_length
DOCUMENT_NUMBER = re.compile(r"[๐-๙]+(?:\.[๐-๙]+)*")
DOCUMENT_NUMBER_MAX = 20  # Agency.document_number's max_length

# The official prefixes of local government names, longest first; abbreviations are written
# out in full, since the name is printed on every memo.
PREFIXES: tuple[tuple[str, str, str], ...] = (
    # (what a name may start with, the prefix stored, the kind)
    ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบล", AgencyKind.SAO),
    ("องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนจังหวัด", AgencyKind.PAO),
    ("เทศบาลนคร", "เทศบาลนคร", AgencyKind.CITY),
    ("เทศบาลเมือง", "เทศบาลเมือง", AgencyKind.TOWN),
    ("เทศบาลตำบล", "เทศบาลตำบล", AgencyKind.SUBDISTRICT_MUNICIPALITY),
    ("กรุงเทพมหานคร", "กรุงเทพมหานคร", AgencyKind.BANGKOK),
    ("เมืองพัทยา", "เมืองพัทยา", AgencyKind.PATTAYA),
    ("อบต.", "องค์การบริหารส่วนตำบล", AgencyKind.SAO),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด", AgencyKind.PAO),
    ("ทต.", "เทศบาลตำบล", AgencyKind.SUBDISTRICT_MUNICIPALITY),
)

# The executive of each local kind, for the เรียน line of memos (editable later).
HEAD_TITLES = {
    AgencyKind.SAO: "นายกองค์การบริหารส่วนตำบล",
    AgencyKind.PAO: "นายกองค์การบริหารส่วนจังหวัด",
    AgencyKind.CITY: "นายกเทศมนตรีนคร",
    AgencyKind.TOWN: "นายกเทศมนตรีเมือง",
    AgencyKind.SUBDISTRICT_MUNICIPALITY: "นายกเทศมนตรีตำบล",
}


@dataclass(frozen=True)
class Place:
    province_code: str
    district_code: str
    subdistrict_code: str
    province: str
    district: str
    subdistrict: str
    province_en: str
    subdistrict_en: str

    @property
    def label(self) -> str:
        """ตำบลอุ่มเม่า อำเภอยางตลาด จังหวัดกาฬสินธุ์ (Bangkok: แขวง … เขต …)."""
        if self.province_code == "10":
            return f"แขวง{self.subdistrict} {self.district} {self.province}"
        return f"ตำบล{self.subdistrict} อำเภอ{self.district} จังหวัด{self.province}"


def place_of(code: str) -> Place:
    """The place of a 6-digit DOPA subdistrict code (Thai or Arabic digits); a Thai error
    naming the code when it is not one."""
    raw = clean_text(code or "").strip()
    digits = to_arabic_digits(raw)
    found = geothai.address(digits) if SUBDISTRICT_CODE.fullmatch(digits) else None
    if found is None:
        raise ValidationFailed(
            _("ไม่พบรหัสตำบล “%(code)s” ในทะเบียนของกรมการปกครอง (รหัสตำบลมี 6 หลัก เช่น 460703)")
            % {"code": raw[:20]},
            field="subdistrict",
        )
    return Place(
        province_code=found.province.code,
        district_code=found.district.code,
        subdistrict_code=found.subdistrict.code,
        province=found.province.name_th,
        district=found.district.name_th,
        subdistrict=found.subdistrict.name_th,
        province_en=found.province.name_en,
        subdistrict_en=found.subdistrict.name_en,
    )


def kinds_listing() -> str:
    """Every kind as `value (label)`, for messages that ask for one."""
    return ", ".join(f"{value} ({label})" for value, label in AgencyKind.choices)


def split_prefix(name: str) -> tuple[str, str, str]:
    """(the prefix written in full, the rest of the name, the kind) or ("", name, "")."""
    for typed, full, kind in PREFIXES:
        if name.startswith(typed):
            return full, name[len(typed) :].strip(), str(kind)
    return "", name, ""


def clean_name(name: str) -> str:
    """The name cleaned, an abbreviated prefix (อบต., อบจ., ทต.) written out in full."""
    cleaned = clean_text(name or "").strip()
    prefix, rest, _kind = split_prefix(cleaned)
    if not prefix or prefix in (AgencyKind.BANGKOK.label, AgencyKind.PATTAYA.label):
        return cleaned
    return prefix + rest


def kind_of(name: str, kind: str | None = None) -> str:
    """The agency's kind: `kind` when given (and not contradicted by the name), else read
    from the name's prefix; a Thai error listing the kinds when neither says."""
    from_name = split_prefix(clean_text(name or "").strip())[2]
    given = (kind or "").strip()
    if given:
        if given not in AgencyKind.values:
            raise ValidationFailed(
                _("ประเภทหน่วยงาน “%(kind)s” ไม่ถูกต้อง ประเภทที่ใช้ได้: %(kinds)s")
                % {"kind": given[:40], "kinds": kinds_listing()},
                field="kind",
            )
        if from_name and from_name != given:
            raise ValidationFailed(
                _("ชื่อหน่วยงานบอกว่าเป็น%(named)s แต่ประเภทที่ระบุคือ%(given)s")
                % {"named": AgencyKind(from_name).label, "given": AgencyKind(given).label},
                field="kind",
            )
        return given
    if from_name:
        return from_name
    raise ValidationFailed(
        _("อ่านประเภทหน่วยงานจากชื่อไม่ได้ โปรดระบุประเภท (--kind): %(kinds)s")
        % {"kinds": kinds_listing()},
        field="kind",
    )


def head_title_for(name: str, kind: str) -> str:
    """The executive's title: นายกเทศมนตรีตำบลอุ่มเม่า for เทศบาลตำบลอุ่มเม่า; "" when the kind
    has no fixed one."""
    rest = split_prefix(name)[1]
    if kind in HEAD_TITLES:
        return HEAD_TITLES[AgencyKind(kind)] + rest
    if kind == AgencyKind.BANGKOK:
        return "ผู้ว่าราชการกรุงเทพมหานคร"
    if kind == AgencyKind.PATTAYA:
        return "นายกเมืองพัทยา"
    return ""


def clean_document_number(value: str) -> str:
    """The agency's number in its document numbers in Thai digits (๗๓๖๐๑); Arabic digits are
    converted. A Thai error naming the value when it is not digits."""
    raw = clean_text(value or "").strip()
    number = to_thai_digits(raw.replace(" ", ""))
    if number and (len(number) > DOCUMENT_NUMBER_MAX or not DOCUMENT_NUMBER.fullmatch(number)):
        raise ValidationFailed(
            _("เลขประจำหน่วยงาน “%(code)s” ต้องเป็นตัวเลข เช่น ๗๓๖๐๑ หรือ 73601") % {"code": raw[:30]},
            field="document_number",
        )
    return number


def clean_slug(value: str) -> str:
    slug = (value or "").strip().lower()
    if not SLUG.fullmatch(slug) or len(slug) > SLUG_MAX:
        raise ValidationFailed(
            _(
                "ชื่อย่อในลิงก์ “%(slug)s” ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) "
                "ไม่เกิน %(max)d ตัว เช่น ummao"
            )
            % {"slug": slug[:60], "max": SLUG_MAX},
            field="slug",
        )
    return slug


def _ascii_words(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def slug_stem(name: str, place: Place | None) -> str:
    """A readable ASCII stem for a slug: the name without its prefix in RTGS (royin)
    romanisation, else the subdistrict's English name."""
    prefix, rest, kind = split_prefix(clean_text(name or "").strip())
    if kind == AgencyKind.BANGKOK:
        return "bangkok"
    if kind == AgencyKind.PATTAYA:
        return "pattaya"
    if kind == AgencyKind.PAO and place is not None:
        return "pao-" + _ascii_words(place.province_en)
    stem = ""
    if rest:
        from pythainlp.transliterate import romanize  # slow to import; only the form needs it

        stem = _ascii_words(romanize(rest[:80], engine="royin"))
    if not stem and place is not None:
        stem = _ascii_words(place.subdistrict_en)
    return stem[:SLUG_MAX] or "agency"


@cache
def _provinces_in_thai_order() -> tuple[tuple[str, str], ...]:
    from pythainlp.util import collate  # Thai dictionary order: เชียงใหม่ under ช, not เ

    names = {p.name_th: p.code for p in geothai.provinces()}
    return tuple((names[name], name) for name in collate(list(names)))


def provinces() -> list[tuple[str, str]]:
    """(code, Thai name) of every province, in Thai dictionary order for the picker."""
    return list(_provinces_in_thai_order())


def districts(province_code: str) -> list[tuple[str, str]]:
    return [(d.code, d.name_th) for d in geothai.districts(province_code or "")]


def subdistricts(district_code: str) -> list[tuple[str, str]]:
    return [(s.code, s.name_th) for s in geothai.subdistricts(district_code or "")]


def province_exists(code: str) -> bool:
    return code.isdigit() and len(code) == 2 and geothai.province(code) is not None


def province_name(code: str) -> str:
    found = geothai.province(code) if code else None
    return found.name_th if found else code


def district_name(code: str) -> str:
    found = geothai.district(code) if code else None
    return found.name_th if found else code


def clean_scope(value: str) -> str:
    """An oversight scope as typed (`national`, `province:46`, `district:4607`, Thai digits
    allowed) → its code ("" national, "46", "4607"); a Thai error unless geothai knows the
    province or district."""
    raw = to_arabic_digits(clean_text(value or "").strip())
    kind, _sep, code = raw.partition(":")
    if kind == "national" and not code:
        return ""
    if kind == "province" and re.fullmatch(r"[0-9]{2}", code) and geothai.province(code):
        return code
    if kind == "district" and re.fullmatch(r"[0-9]{4}", code) and geothai.district(code):
        return code
    raise ValidationFailed(
        _(
            "ขอบเขต “%(scope)s” ไม่ถูกต้อง ใช้ national, province:รหัสจังหวัด 2 หลัก หรือ "
            "district:รหัสอำเภอ 4 หลัก ตามทะเบียนของกรมการปกครอง (เช่น province:46, district:4607)"
        )
        % {"scope": raw[:30]},
        field="scope",
    )
