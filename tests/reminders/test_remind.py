"""Daily reminder digests through a real SMTP server on loopback."""

import datetime as dt

import pytest
from django.core.management import call_command

from prongsai.agencies.models import Division
from prongsai.demo.agency import AS_OF
from prongsai.measures.models import Measure
from prongsai.oit.models import ItemState, OitItem
from prongsai.reminders.collect import collect, is_reminded
from prongsai.reminders.models import Notification, ReminderKind, ReminderPreference
from prongsai.reminders.services import send_reminders

COORDINATOR = "ummao-coordinator@ummao.go.th"
CHANG = "ummao-reporter-chang@ummao.go.th"


def by_recipient(mailbox):
    return {rcpt[0]: msg for rcpt, msg in zip(mailbox.recipients, mailbox.messages)}


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def not_done_titles():
    measures = Measure.objects.filter(agency__slug="ummao").with_current_status()
    return {m.number for m in measures if m.current_status != "done"}


@pytest.mark.parametrize(
    ("days_before", "reminded"),
    [
        (30, True),
        (7, True),
        (1, True),
        (0, False),
        (2, False),
        (29, False),
        (-1, True),
        (-8, True),
        (-2, False),
        (-91, False),
    ],
)
def test_which_days_remind(days_before, reminded):
    assert is_reminded(AS_OF, AS_OF - dt.timedelta(days=days_before)) is reminded


def test_digest_in_thai_with_links_to_the_coordinator_and_the_reporters(
    mailboxes, smtp_server, settings
):
    settings.SITE_URL = "https://ita.example.go.th"
    summary = send_reminders(AS_OF - dt.timedelta(days=7))
    assert summary.failed == 0 and summary.sent >= 2
    mails = by_recipient(smtp_server)
    assert COORDINATOR in mails
    text = body(mails[COORDINATOR])
    assert "เรียน" in text and "อีก ๗ วัน" in text
    assert "มาตรการที่ถึงกำหนดติดตาม" in text
    pending = not_done_titles()
    measures = Measure.objects.filter(agency__slug="ummao", number__in=pending)
    for m in measures:
        assert f"https://ita.example.go.th/a/ummao/m/{m.pk}/" in text
    done = Measure.objects.filter(agency__slug="ummao").exclude(number__in=pending).first()
    assert f"/a/ummao/m/{done.pk}/" not in text  # finished measures are not reminded
    assert "https://ita.example.go.th/account/reminders/" in text
    assert "แจ้งเตือน ITA" in str(mails[COORDINATOR]["subject"])
    # a reporter gets only the measures of their own division
    chang = Division.objects.get(agency__slug="ummao", name="กองช่าง")
    chang_measures = measures.filter(divisions=chang)
    if CHANG in mails:
        chang_text = body(mails[CHANG])
        for m in measures.exclude(divisions=chang):
            assert f"/a/ummao/m/{m.pk}/" not in chang_text
        for m in chang_measures:
            assert f"/a/ummao/m/{m.pk}/" in chang_text
    else:
        assert not chang_measures.exists()
    # the viewer and the executive are not reminded
    assert not any("viewer" in r or "executive" in r for r in mails)


def test_nothing_on_a_day_without_dates(mailboxes, smtp_server):
    assert send_reminders(AS_OF - dt.timedelta(days=3)).sent == 0
    assert Notification.objects.count() == 0


def test_overdue_items_say_so(mailboxes, smtp_server):
    send_reminders(AS_OF + dt.timedelta(days=8))
    smtp_server.wait_for(1)
    text = body(by_recipient(smtp_server)[COORDINATOR])
    assert "เลยกำหนดมาแล้ว ๘ วัน" in text


def test_a_second_run_the_same_day_sends_nothing_new(mailboxes, smtp_server):
    day = AS_OF - dt.timedelta(days=30)
    first = send_reminders(day)
    count = len(smtp_server.wait_for(first.sent))
    second = send_reminders(day)
    assert second.sent == 0 and second.already_sent == first.sent
    assert len(smtp_server.messages) == count
    assert Notification.objects.filter(day=day, sent_at__isnull=False).count() == first.sent


def test_a_kind_turned_off_is_not_sent(mailboxes, coordinator, smtp_server):
    ReminderPreference.objects.create(
        user=coordinator, kind=ReminderKind.MEASURE_DUE, enabled=False
    )
    send_reminders(AS_OF - dt.timedelta(days=1))
    assert COORDINATOR not in by_recipient(smtp_server)
    assert not Notification.objects.filter(user=coordinator).exists()


def test_oit_items_go_to_their_person_and_the_coordinator(mailboxes, reporter_palad, smtp_server):
    agency = mailboxes
    OitItem.objects.create(
        agency=agency, fiscal_year=2565, code="O31", person=reporter_palad, due_date=AS_OF
    )
    OitItem.objects.create(
        agency=agency,
        fiscal_year=2565,
        code="O32",
        due_date=AS_OF,
        state=ItemState.PUBLISHED,  # finished: not reminded
    )
    send_reminders(AS_OF - dt.timedelta(days=7))
    mails = by_recipient(smtp_server)
    for address in (COORDINATOR, "ummao-reporter-palad@ummao.go.th"):
        text = body(mails[address])
        assert "ข้อ OIT ที่ถึงกำหนดเสร็จ" in text and "O31" in text
        assert "O32" not in text


def test_a_failed_send_is_recorded_and_sent_by_the_next_run(mailboxes, smtp_down, settings):
    day = AS_OF - dt.timedelta(days=7)
    first = send_reminders(day)
    assert first.sent == 0 and first.failed >= 1
    failed = Notification.objects.filter(day=day)
    assert failed.count() == first.failed
    assert all(n.error and n.sent_at is None for n in failed)


def test_the_next_run_sends_what_failed(mailboxes, smtp_server, settings):
    from tests.smtp import free_port

    day = AS_OF - dt.timedelta(days=7)
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens: every send fails
    settings.EMAIL_TIMEOUT = 2
    failed = send_reminders(day)
    assert failed.failed >= 1 and not smtp_server.messages
    settings.EMAIL_PORT = port
    again = send_reminders(day)
    assert again.sent == failed.failed and again.failed == 0
    assert len(smtp_server.wait_for(again.sent)) == again.sent
    assert not Notification.objects.filter(day=day, sent_at__isnull=True).exists()
    assert not Notification.objects.filter(day=day).exclude(error="").exists()


def test_a_row_left_unsent_by_a_crash_is_sent_by_the_next_run(mailboxes, smtp_server):
    day = AS_OF - dt.timedelta(days=7)
    digest = next(d for d in collect(day) if d.user.username == "ummao-coordinator")
    Notification.objects.create(
        user=digest.user, agency=digest.agency, day=day, subject="x", body="x"
    )
    send_reminders(day)
    assert COORDINATOR in by_recipient(smtp_server)
    row = Notification.objects.get(user=digest.user, day=day)
    assert row.sent_at is not None and row.subject != "x"


def test_the_command_prints_a_thai_summary(mailboxes, smtp_server, capsys):
    call_command("remind", "--date", (AS_OF - dt.timedelta(days=7)).isoformat())
    out = capsys.readouterr().out
    assert "ส่งแล้ว" in out and "ส่งไม่สำเร็จ 0 ฉบับ" in out


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind", "--date", "31/03/2565")


def test_a_broken_link_is_reminded_the_day_it_is_found_and_weekly(
    mailboxes, reporter_palad, smtp_server
):
    from django.utils import timezone

    item = OitItem.objects.create(
        agency=mailboxes,
        fiscal_year=2565,
        code="O10",
        person=reporter_palad,
        url="https://ummao.go.th/o10",
        state=ItemState.LINK_BROKEN,
    )
    found = timezone.localdate(item.updated_at)
    assert send_reminders(found + dt.timedelta(days=3)).sent == 0
    send_reminders(found + dt.timedelta(days=7))
    text = body(by_recipient(smtp_server)["ummao-reporter-palad@ummao.go.th"])
    assert "ข้อ OIT ที่ลิงก์เสีย" in text and "O10 https://ummao.go.th/o10" in text
