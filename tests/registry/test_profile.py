"""The agency's profile: update_agency_profile (stale edits and bad input refused)."""

import pytest

from prongsai.agencies.models import Agency
from prongsai.audit.models import AuditEvent
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.registry import divisions as divisions_services


def fresh(agency):
    return Agency.objects.get(pk=agency.pk)


def test_profile_is_saved_cleaned_and_audited(demo, coordinator):
    agency = divisions_services.update_agency_profile(
        actor=coordinator,
        agency=demo,
        expected_version=demo.version,
        telephone=" 0 4381 1234\x0b ",
        website="www.ummao.go.th",
        head_name="นายสมชาย ใจดี",
        signer_name="นางสาวสมหญิง รักงาน",
    )
    assert agency.version == demo.version + 1
    saved = fresh(demo)
    assert saved.telephone == "0 4381 1234"
    assert saved.website == "https://www.ummao.go.th"
    assert saved.head_name == "นายสมชาย ใจดี"
    event = AuditEvent.objects.filter(agency=demo, action="agency.profile").get()
    assert event.payload == {"fields": ["head_name", "signer_name", "telephone", "website"]}


def test_nothing_changed_writes_nothing(demo, coordinator):
    divisions_services.update_agency_profile(
        actor=coordinator, agency=demo, expected_version=demo.version, name=demo.name
    )
    assert fresh(demo).version == demo.version
    assert not AuditEvent.objects.filter(action="agency.profile").exists()


def test_a_stale_edit_is_refused(demo, coordinator):
    opened = fresh(demo)
    divisions_services.update_agency_profile(
        actor=coordinator, agency=demo, expected_version=demo.version, head_name="คนแรก"
    )
    with pytest.raises(StaleEdit) as error:
        divisions_services.update_agency_profile(
            actor=coordinator, agency=opened, expected_version=opened.version, head_name="คนที่สอง"
        )
    assert error.value.changes == {"head_name": ("", "คนแรก")}
    assert fresh(demo).head_name == "คนแรก"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "  ", "กรุณากรอก"),
        ("head_title", "\u200b", "กรุณากรอก"),
        ("reporting_unit", "", "กรุณากรอก"),
        ("website", "javascript:alert(1)", "เว็บไซต์"),
        ("website", "https://", "เว็บไซต์"),
        ("document_number", "๗๓๖๐๑/๑๒", "ไม่ต้องมีเครื่องหมาย /"),
        ("telephone", "๑" * 51, "ยาวเกิน"),
        ("address", "ก" * 501, "ยาวเกิน"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(demo, coordinator, field, value, message):
    with pytest.raises(ValidationFailed, match=message) as error:
        divisions_services.update_agency_profile(
            actor=coordinator,
            agency=demo,
            expected_version=demo.version,
            signer_name="ไม่ควรถูกบันทึก",
            **{field: value},
        )
    assert error.value.field == field
    saved = fresh(demo)
    assert saved.version == demo.version and saved.signer_name == ""


def test_the_place_is_not_editable_here(demo, coordinator):
    with pytest.raises(ValueError, match="province"):
        divisions_services.update_agency_profile(
            actor=coordinator, agency=demo, expected_version=demo.version, province="ขอนแก่น"
        )
