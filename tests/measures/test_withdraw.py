"""Correcting a mistake: a coordinator withdraws a wrong status update with a reason.

The update stays in the history (append-only), marked withdrawn, and every reading of a
measure's status (the agency page, exports, memos, published snapshots) skips it.
"""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from tests.pending_catalogue import refusal

from prongsai.audit.guard import guarded_tables, missing_triggers
from prongsai.audit.models import AuditEvent
from prongsai.audit.services import verify_chain, verify_rows
from prongsai.core.errors import ValidationFailed
from prongsai.demo.agency import AS_OF
from prongsai.measures import selectors, services
from prongsai.measures.as_of import measures_as_of
from prongsai.measures.export import export_agency_year, export_csv
from prongsai.measures.models import Measure, StatusUpdate, StatusWithdrawal
from prongsai.public.snapshot import build_snapshot

# A year typed wrongly (31/03/2569 for 31/03/2565): a real date, not in the future, so the
# services accept it, and every correct report of 2565 dated before it is shadowed.
WRONG_ERA = dt.date(2026, 3, 31)


def measure(demo, number=1):
    return Measure.objects.get(agency=demo, fiscal_year=2565, number=number)


def status_of(demo, number=1):
    return Measure.objects.with_current_status().get(pk=measure(demo, number).pk).current_status


def wrong_update(demo, coordinator, number=1, **extra):
    values = {"status": "done", "note": "บันทึกผิดปี", "reported_on": WRONG_ERA}
    values.update(extra)
    return services.report_status(actor=coordinator, measure=measure(demo, number), **values)


def test_a_wrong_era_update_shadows_the_status_until_withdrawn(demo, coordinator):
    before = status_of(demo)
    assert before == "in_progress"
    update = wrong_update(demo, coordinator)
    services.report_status(
        actor=coordinator,
        measure=measure(demo),
        status="in_progress",
        reported_on=dt.date(2022, 4, 30),
    )
    assert status_of(demo) == "done"  # the mistake shadows the later, correct report

    withdrawal = services.withdraw_update(coordinator, update, "  ปีผิด (พิมพ์ พ.ศ.)\x00 ")

    assert withdrawal.reason == "ปีผิด (พิมพ์ พ.ศ.)"  # cleaned of control characters
    assert withdrawal.withdrawn_by == coordinator
    assert status_of(demo) == "in_progress"
    # history kept: the update is still there, unchanged
    assert StatusUpdate.objects.filter(pk=update.pk, note="บันทึกผิดปี").exists()


def test_the_status_goes_back_everywhere_it_is_read(demo, coordinator):
    # a wrong status dated inside the memo's period, so the memos would print it
    update = wrong_update(demo, coordinator, status="not_started", reported_on=AS_OF)
    row = next(r for r in measures_as_of(demo, 2565, AS_OF) if r.measure.number == 1)
    assert row.update == update and row.status == "not_started"
    services.withdraw_update(coordinator, update, "เลือกสถานะผิด")

    # memos and published snapshots
    row = next(r for r in measures_as_of(demo, 2565, AS_OF) if r.measure.number == 1)
    assert row.update != update and row.status == "in_progress"
    published = build_snapshot(demo, 2565, AS_OF)["measures"][0]
    assert published["number"] == 1 and published["status"] == "in_progress"
    # the agency page (table and counts)
    listing = selectors.measure_list(demo, 2565, selectors.clean_filters("", ""))
    assert listing.rows[0].status == "in_progress"
    summary = selectors.agency_summary(demo, 2565)
    assert {c.value: c.count for c in summary.counts}["not_started"] == 0
    # the measure page: the withdrawn update is listed, but is not the current status
    detail = selectors.measure_page(measure(demo))
    assert detail.history[0].pk == update.pk and detail.history[0].withdrawal is not None
    assert detail.history[0].withdrawal.reason == "เลือกสถานะผิด"
    assert detail.current.status == "in_progress" and detail.current.withdrawal is None
    # exports: the status skips it, the history says it was withdrawn
    data = export_agency_year(demo, 2565)
    first = data["measures"][0]
    assert first["status"] == "in_progress"
    withdrawn = [h for h in first["history"] if h["withdrawn"]]
    assert len(withdrawn) == 1 and withdrawn[0]["withdrawn"]["reason"] == "เลือกสถานะผิด"
    assert withdrawn[0]["withdrawn"]["by"] == "ummao-coordinator"
    assert "อยู่ระหว่างดำเนินการ" in export_csv(data).splitlines()[1]


def test_withdrawing_the_only_update_leaves_no_status(demo, coordinator):
    division = demo.divisions.first()
    new = services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        title="ใหม่",
        steps=["ก"],
        divisions=[division],
    )
    update = services.report_status(actor=coordinator, measure=new, status="done")
    services.withdraw_update(coordinator, update, "ผิดมาตรการ")
    assert Measure.objects.with_current_status().get(pk=new.pk).current_status is None
    assert selectors.measure_page(new).current is None


def test_the_withdrawal_is_audited_and_binds_its_row(demo, coordinator):
    update = wrong_update(demo, coordinator)
    withdrawal = services.withdraw_update(coordinator, update, "ปีผิด")
    event = AuditEvent.objects.filter(agency=demo).order_by("-seq").first()
    assert event.action == "status.withdraw"
    assert event.object_type == "statuswithdrawal" and event.object_id == str(withdrawal.pk)
    assert event.payload["update"] == update.pk and event.payload["reason"] == "ปีผิด"
    assert event.payload["number"] == 1 and event.payload["status"] == "done"
    assert [(r["model"], r["pk"]) for r in event.rows] == [
        ("measures.statuswithdrawal", str(withdrawal.pk))
    ]
    assert verify_chain(demo).ok
    assert verify_rows(demo) == []


def test_a_withdrawal_is_refused_without_a_reason_twice_or_by_other_roles(
    demo, coordinator, reporter_chang, executive, viewer, outsider
):
    update = wrong_update(demo, coordinator)
    events = AuditEvent.objects.count()
    for blank in ("", "   ", "\x00\x07"):
        with pytest.raises(ValidationFailed, match="ต้องระบุเหตุผล") as info:
            services.withdraw_update(coordinator, update, blank)
        assert info.value.field == "reason"
    with pytest.raises(ValidationFailed, match="ยาวเกิน"):
        services.withdraw_update(coordinator, update, "ก" * 1001)
    for user in (reporter_chang, executive, viewer, outsider):
        with pytest.raises(PermissionDenied):
            services.withdraw_update(user, update, "ปีผิด")
    assert not StatusWithdrawal.objects.exists() and AuditEvent.objects.count() == events

    services.withdraw_update(coordinator, update, "ปีผิด")
    found = refusal(ValidationFailed, lambda: services.withdraw_update(coordinator, update, "อีก"))
    assert found.th == "รายงานสถานะนี้ถูกถอนไปแล้ว"
    assert found.en == "This status update has already been withdrawn"
    assert StatusWithdrawal.objects.count() == 1 and AuditEvent.objects.count() == events + 1


def test_withdrawals_are_append_only(demo, coordinator):
    withdrawal = services.withdraw_update(coordinator, wrong_update(demo, coordinator), "ปีผิด")
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        StatusWithdrawal.objects.filter(pk=withdrawal.pk).update(reason="แก้ไขย้อนหลัง")
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        StatusWithdrawal.objects.filter(pk=withdrawal.pk).delete()
    withdrawal.refresh_from_db()
    assert withdrawal.reason == "ปีผิด"
    assert "measures_statuswithdrawal" in guarded_tables()
    assert missing_triggers(connection) == []


# --- the page and the view ----------------------------------------------------------------


def withdraw_url(demo, update):
    return reverse("status_withdraw", args=["ummao", update.measure_id, update.pk])


def test_coordinator_withdraws_from_the_measure_page(demo, coordinator):
    update = wrong_update(demo, coordinator)
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    page = client.get(reverse("measure_detail", args=["ummao", update.measure_id]))
    html = page.content.decode()
    assert withdraw_url(demo, update) in html and "เหตุผลที่ถอน" in html
    token = page.cookies["csrftoken"].value

    # without the CSRF token: refused, nothing written
    assert client.post(withdraw_url(demo, update), {"reason": "ปีผิด"}).status_code == 403
    assert not StatusWithdrawal.objects.exists()

    response = client.post(
        withdraw_url(demo, update), {"reason": "ปีผิด", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "ถอนรายงานสถานะแล้ว" in html
    withdrawn = html[html.index(f'id="update-{update.pk}"') :]
    withdrawn = withdrawn[: withdrawn.index("</li>")]
    assert 'class="withdrawn"' in withdrawn and "<del>" in withdrawn
    assert "ปีผิด" in withdrawn and "ummao-coordinator" in withdrawn
    assert withdraw_url(demo, update) not in html  # no second withdrawal offered
    current = html[html.index("สถานะปัจจุบัน") :]
    assert current.index("อยู่ระหว่างดำเนินการ") < current.index("ดำเนินการเสร็จเรียบร้อยแล้ว")


def test_an_empty_reason_is_shown_on_the_page_and_writes_nothing(demo, coordinator, as_user):
    update = wrong_update(demo, coordinator)
    response = as_user(coordinator).post(withdraw_url(demo, update), {"reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "ต้องระบุเหตุผลที่ถอนรายงานสถานะ" in html
    assert f'id="update-{update.pk}"' in html and '<details class="withdraw" open>' in html
    assert not StatusWithdrawal.objects.exists()


def test_other_roles_get_403_and_other_agencies_404(
    demo, coordinator, reporter_chang, executive, viewer, outsider, as_user
):
    update = wrong_update(demo, coordinator)
    url = withdraw_url(demo, update)
    for user in (reporter_chang, executive, viewer):
        assert as_user(user).post(url, {"reason": "ปีผิด"}).status_code == 403
        html = as_user(user).get(reverse("measure_detail", args=["ummao", update.measure_id]))
        assert url not in html.content.decode()  # the form is offered to coordinators only
    assert as_user(outsider).post(url, {"reason": "ปีผิด"}).status_code == 404
    # the update through another measure's address
    other = reverse("status_withdraw", args=["ummao", measure(demo, 2).pk, update.pk])
    assert as_user(coordinator).post(other, {"reason": "ปีผิด"}).status_code == 404
    assert as_user(coordinator).get(url).status_code == 405
    assert not StatusWithdrawal.objects.exists()


def test_the_json_export_names_the_withdrawal(demo, coordinator, viewer, as_user):
    services.withdraw_update(coordinator, wrong_update(demo, coordinator), "ปีผิด")
    response = as_user(viewer).get(reverse("export_json", args=["ummao", 2565]))
    first = json.loads(response.content)["measures"][0]
    assert first["status"] == "in_progress"
    assert [h["withdrawn"]["reason"] for h in first["history"] if h["withdrawn"]] == ["ปีผิด"]
