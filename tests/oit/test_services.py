"""The checklist's services: opening, editing with audit and stale edits, the addresses
filled after publishing, the state of a link check."""

import pytest
from django.core.exceptions import PermissionDenied

from prongsai.agencies.models import Division
from prongsai.audit.models import AuditEvent
from prongsai.audit.services import verify_chain, verify_rows
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.ita.framework import load_framework
from prongsai.memos.kinds import MemoKind
from prongsai.oit.models import ItemState, OitItem
from prongsai.oit.selectors import checklist
from prongsai.oit.services import (
    fill_published,
    open_checklist,
    record_link_state,
    update_item,
)
from tests.public.helpers import approve, publish, submit


def test_open_has_every_framework_item_and_is_idempotent(demo, coordinator):
    items = open_checklist(demo, 2566, actor=coordinator)
    codes = [i.code for i in items]
    assert codes == [i.code for i in load_framework(2566).items]
    assert len(codes) == 43
    events = AuditEvent.objects.filter(agency=demo, action="oit.open").count()
    again = open_checklist(demo, 2566, actor=coordinator)
    assert [i.pk for i in again] == [i.pk for i in items]
    assert AuditEvent.objects.filter(agency=demo, action="oit.open").count() == events


def test_the_demo_year_has_43_items(demo):
    assert OitItem.objects.filter(agency=demo, fiscal_year=2565).count() == 43
    data = checklist(demo, 2565)
    assert len(data.rows) == 43 and not data.provisional


def test_a_provisional_year_is_marked(demo, coordinator):
    open_checklist(demo, 2568, actor=coordinator)
    data = checklist(demo, 2568)
    assert data.provisional
    assert len(data.rows) == len(load_framework(2568).items) < 43


def test_a_year_without_framework_is_refused(demo, coordinator):
    with pytest.raises(ValidationFailed):
        open_checklist(demo, 2600, actor=coordinator)
    assert not checklist(demo, 2600).known


def test_update_records_an_event_and_refuses_a_stale_edit(demo, coordinator):
    item = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O5")
    division = Division.objects.get(agency=demo, name="กองช่าง")
    saved = update_item(
        coordinator, item, item.version, division=division, url="www.ummao.go.th/contact"
    )
    assert saved.url == "https://www.ummao.go.th/contact"
    assert saved.version == item.version + 1
    event = AuditEvent.objects.filter(agency=demo).latest("seq")
    assert event.action == "oit.update" and event.object_id == str(item.pk)
    assert event.payload["fields"] == ["division", "url"]
    with pytest.raises(StaleEdit) as stale:
        update_item(coordinator, item, item.version, notes="เก่า")
    assert "division" in stale.value.changes
    assert verify_chain(demo).ok and verify_rows(demo) == []


def test_bad_input_changes_nothing(demo, coordinator):
    item = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O6")
    for fields in (
        {"url": "javascript:alert(1)"},
        {"state": "done"},
        {"state": ItemState.PUBLISHED},  # published needs an address
    ):
        with pytest.raises(ValidationFailed):
            update_item(coordinator, item, item.version, **fields)
    assert OitItem.objects.get(pk=item.pk).version == item.version


def test_reporters_change_only_their_divisions_items(demo, reporter_palad, reporter_chang):
    item = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O31")  # สำนักปลัด
    saved = update_item(reporter_palad, item, item.version, url="https://www.ummao.go.th/o31")
    with pytest.raises(PermissionDenied):
        update_item(reporter_palad, saved, saved.version, division=None)  # coordinator's
    with pytest.raises(PermissionDenied):
        update_item(reporter_chang, saved, saved.version, notes="ไม่ใช่ของกองช่าง")


def test_link_state_from_the_checker(demo):
    item = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O1")
    ok = record_link_state(item, True)
    assert ok.state == ItemState.LINK_OK
    assert record_link_state(ok, True).version == ok.version  # nothing new to say
    broken = record_link_state(ok, False)
    assert broken.state == ItemState.LINK_BROKEN
    row = next(r for r in checklist(demo, 2565).rows if r.code == "O1")
    assert row.broken and not row.has
    assert verify_chain(demo).ok and verify_rows(demo) == []


def test_publishing_fills_the_published_items(
    demo, coordinator, executive, fake_pdf, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://prongsai.example.org/"
    before = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O43")
    assert not before.url
    with django_capture_on_commit_callbacks(execute=True):
        publish(coordinator, approve(executive, submit(coordinator)))
    o43 = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O43")
    assert o43.url == "https://prongsai.example.org/p/ummao/2565/implementation.pdf"
    assert o43.automatic and o43.state == ItemState.PUBLISHED
    assert AuditEvent.objects.filter(agency=demo, action="oit.fill", object_id=str(o43.pk)).exists()
    stats = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O31")
    assert stats.url == "https://prongsai.example.org/p/ummao/stats/2565/"
    # the measures announcement is not published yet: O42 stays empty
    assert not OitItem.objects.get(agency=demo, fiscal_year=2565, code="O42").url
    # an address a person typed is theirs: publishing again leaves it
    o30 = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O30")
    own = update_item(coordinator, o30, o30.version, url="https://www.ummao.go.th/complain")
    with django_capture_on_commit_callbacks(execute=True):
        publish(coordinator, approve(executive, submit(coordinator, kind=MemoKind.MEASURES)))
    assert OitItem.objects.get(pk=own.pk).url == "https://www.ummao.go.th/complain"
    o42 = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O42")
    assert o42.url.endswith("/p/ummao/2565/measures.pdf") and o42.automatic
    assert fill_published(demo, 2565) == []  # nothing left to fill
    assert verify_chain(demo).ok and verify_rows(demo) == []


def test_a_retired_division_stays_on_its_items_but_is_not_chosen_anew(demo, coordinator):
    from django.utils import timezone

    palad = Division.objects.get(agency=demo, name="สำนักปลัด")
    Division.objects.filter(pk=palad.pk).update(retired_at=timezone.now())
    palad.refresh_from_db()
    o31 = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O31")
    saved = update_item(coordinator, o31, o31.version, division=palad, notes="ยังเป็นของสำนักปลัด")
    assert saved.division_id == palad.pk
    o4 = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O4")
    with pytest.raises(ValidationFailed):
        update_item(coordinator, o4, o4.version, division=palad)
