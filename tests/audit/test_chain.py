import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from prongsai.audit.chain import GENESIS
from prongsai.audit.guard import APPEND_ONLY_TABLES, maintenance
from prongsai.audit.models import AuditEvent
from prongsai.audit.sentences import verification_code
from prongsai.audit.services import chain_head, verify_chain
from prongsai.measures import services
from prongsai.measures.models import Measure


def test_services_append_a_linked_chain(demo, coordinator):
    before = AuditEvent.objects.filter(agency=demo).count()
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    services.report_status(actor=coordinator, measure=measure, status="done")
    events = list(AuditEvent.objects.filter(agency=demo).order_by("seq"))
    assert len(events) == before + 1
    assert events[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash and b.seq == a.seq + 1 for a, b in zip(events, events[1:]))
    last = events[-1]
    assert last.action == "status.report" and last.actor == coordinator
    assert chain_head(demo) == last.hash
    assert verify_chain(demo).ok


def test_events_cannot_be_updated_or_deleted(demo):
    event = AuditEvent.objects.filter(agency=demo).first()
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def drop_triggers():
    with connection.cursor() as cursor:
        for table in APPEND_ONLY_TABLES:
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


def drop_triggers_for_delete():
    drop_triggers()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_delete")


def test_sqlite_maintenance_mode_lets_flush_through(demo):
    if connection.vendor != "sqlite":
        pytest.skip("maintenance mode is the SQLite guard")
    with maintenance():
        AuditEvent.objects.filter(agency=demo, seq=1).update(action="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(agency=demo, seq=1).update(action="y")


def test_verify_names_the_changed_event(demo, capsys):
    call_command("audit", "verify", "--agency", "ummao")
    assert "OK ummao" in capsys.readouterr().out
    target = AuditEvent.objects.filter(agency=demo).order_by("seq")[3]
    drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET payload = %s WHERE id = %s", ['{"forged": 1}', target.pk]
        )
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", "--agency", "ummao")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert f"event #{target.seq}" in out and "BROKEN ummao" in out


def test_verify_catches_a_removed_event(demo):
    target = AuditEvent.objects.filter(agency=demo).order_by("seq")[2]
    drop_triggers_for_delete()
    AuditEvent.objects.filter(pk=target.pk).delete()
    report = verify_chain(demo)
    assert not report.ok and report.broken_seq == target.seq + 1


def test_history_pages(demo, coordinator, reporter_chang, outsider, as_user):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    url = f"/a/ummao/history/measure/{measure.pk}/"
    html = as_user(reporter_chang).get(url).content.decode()
    assert "measure.create" in html
    assert as_user(coordinator).get("/a/ummao/history/").status_code == 200
    assert as_user(reporter_chang).get("/a/ummao/history/").status_code == 403
    assert as_user(outsider).get(url).status_code == 404
    assert as_user(reporter_chang).get("/a/ummao/history/case/1/").status_code == 403


def test_public_index_and_memos_show_the_current_head(demo, client):
    from prongsai.memos.service import build_memo

    head = chain_head(demo)
    assert head in client.get("/p/ummao/").content.decode()
    code = build_memo(demo, 2565, "implementation").verification.code
    assert code == verification_code(head) and code in client.get("/p/ummao/").content.decode()


def test_agency_page_offers_memo_downloads(demo, coordinator, as_user):
    html = as_user(coordinator).get("/a/ummao/2565/").content.decode()
    for kind in ("implementation", "measures"):
        for fmt in ("pdf", "docx"):
            assert f"/a/ummao/2565/memo/{kind}.{fmt}" in html
