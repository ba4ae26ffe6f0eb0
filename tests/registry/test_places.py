"""DOPA places and kinds: codes checked with geothai, names filled, kind from the name."""

import pytest

from prongsai.agencies.models import Agency, AgencyKind
from prongsai.audit.models import AuditEvent
from prongsai.core.errors import ValidationFailed
from prongsai.registry import places
from prongsai.registry.services import check_agency, create_agency, register_agency
from prongsai.thai.provinces import province_by_tis_code


def test_a_subdistrict_code_gives_the_whole_place():
    place = places.place_of("460703")
    assert (place.province_code, place.district_code, place.subdistrict_code) == (
        "46",
        "4607",
        "460703",
    )
    assert (place.province, place.district, place.subdistrict) == ("กาฬสินธุ์", "ยางตลาด", "อุ่มเม่า")
    assert places.place_of("๔๖๐๗๐๓") == place  # Thai digits too
    assert place.label == "ตำบลอุ่มเม่า อำเภอยางตลาด จังหวัดกาฬสินธุ์"


@pytest.mark.parametrize("code", ["999999", "46070", "4607031", "abcdef", "", "460799"])
def test_a_wrong_code_is_refused_naming_it(code):
    with pytest.raises(ValidationFailed) as error:
        places.place_of(code)
    assert f"“{code}”" in str(error.value)
    assert error.value.field == "subdistrict"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("เทศบาลนครขอนแก่น", AgencyKind.CITY),
        ("เทศบาลเมืองกาฬสินธุ์", AgencyKind.TOWN),
        ("เทศบาลตำบลอุ่มเม่า", AgencyKind.SUBDISTRICT_MUNICIPALITY),
        ("องค์การบริหารส่วนตำบลสามเรือน", AgencyKind.SAO),
        ("อบต.สามเรือน", AgencyKind.SAO),
        ("องค์การบริหารส่วนจังหวัดกาฬสินธุ์", AgencyKind.PAO),
        ("อบจ. กาฬสินธุ์", AgencyKind.PAO),
        ("กรุงเทพมหานคร", AgencyKind.BANGKOK),
        ("เมืองพัทยา", AgencyKind.PATTAYA),
    ],
)
def test_the_kind_is_read_from_the_name(name, kind):
    assert places.kind_of(name) == kind


def test_an_unknown_prefix_asks_for_the_kind_listing_them():
    with pytest.raises(ValidationFailed) as error:
        places.kind_of("สำนักงานที่ดินจังหวัด")
    assert "--kind" in str(error.value) and "sao (" in str(error.value)
    assert places.kind_of("สำนักงานที่ดินจังหวัด", "government") == "government"
    with pytest.raises(ValidationFailed, match="“nonsense”"):
        places.kind_of("สำนักงานที่ดินจังหวัด", "nonsense")
    with pytest.raises(ValidationFailed, match="ชื่อหน่วยงานบอกว่าเป็น"):
        places.kind_of("เทศบาลตำบลอุ่มเม่า", AgencyKind.SAO)


def test_abbreviations_are_written_out_and_the_head_title_follows():
    assert places.clean_name(" อบต.สามเรือน ") == "องค์การบริหารส่วนตำบลสามเรือน"
    assert places.head_title_for("เทศบาลตำบลอุ่มเม่า", "subdistrict_municipality") == (
        "นายกเทศมนตรีตำบลอุ่มเม่า"
    )


def test_every_dopa_province_has_its_letter_code():
    for code, name in places.provinces():
        province = province_by_tis_code(int(code))
        assert province is not None and province.name_th == name and province.letter_code


def test_document_numbers_are_stored_in_thai_digits():
    assert places.clean_document_number("73601") == "๗๓๖๐๑"
    assert places.clean_document_number("๗๓๖๐๑") == "๗๓๖๐๑"
    with pytest.raises(ValidationFailed, match="“กส 73601”"):
        places.clean_document_number("กส 73601")


def test_slug_suggestions_are_ascii():
    place = places.place_of("640603")
    assert places.slug_stem("องค์การบริหารส่วนตำบลสามเรือน", place) == "samruean"
    assert places.slug_stem("องค์การบริหารส่วนจังหวัดสุโขทัย", place) == "pao-sukhothai"


def test_register_fills_names_and_audits(db):
    spec = check_agency(
        slug="ummao", name="ทต.อุ่มเม่า", subdistrict_code="460703", document_number="73601"
    )
    agency = register_agency(actor="test", spec=spec)
    assert (agency.province, agency.district, agency.subdistrict) == ("กาฬสินธุ์", "ยางตลาด", "อุ่มเม่า")
    assert agency.kind == AgencyKind.SUBDISTRICT_MUNICIPALITY
    assert agency.document_code == "กส ๗๓๖๐๑"
    assert agency.head_title == "นายกเทศมนตรีตำบลอุ่มเม่า"
    event = AuditEvent.objects.get(agency=agency)
    assert event.action == "agency.create" and event.payload["subdistrict_code"] == "460703"


def test_a_taken_slug_or_a_twin_is_refused_and_nothing_is_created(other_agency):
    before = Agency.objects.count()
    with pytest.raises(ValidationFailed, match="ชื่อย่อ “samruean” ถูกใช้แล้ว"):
        check_agency(slug="samruean", name="เทศบาลตำบลอุ่มเม่า", subdistrict_code="460703")
    with pytest.raises(ValidationFailed, match="อยู่แล้ว"):
        create_agency(actor="test", slug="other", name=other_agency.name, subdistrict_code="640603")
    with pytest.raises(ValidationFailed, match="ชื่อย่อในลิงก์"):
        check_agency(slug="อุ่มเม่า", name="เทศบาลตำบลอุ่มเม่า", subdistrict_code="460703")
    assert Agency.objects.count() == before


def test_create_agency_refuses_codes_that_disagree_with_the_subdistrict(db):
    with pytest.raises(ValidationFailed, match="ไม่ตรงกับรหัสตำบล"):
        create_agency(
            actor="test",
            slug="x",
            name="เทศบาลตำบลอุ่มเม่า",
            subdistrict_code="460703",
            province_code="64",
        )
    assert not Agency.objects.exists()
