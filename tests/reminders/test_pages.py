"""The coordinator's list of reminders and each person's reminder settings."""

import datetime as dt

from prongsai.demo.agency import AS_OF
from prongsai.reminders.models import Notification, ReminderKind, ReminderPreference
from prongsai.reminders.services import send_reminders


def test_the_coordinator_sees_who_was_reminded_and_what_failed(
    mailboxes, smtp_down, coordinator, as_user
):
    send_reminders(AS_OF - dt.timedelta(days=7))
    row = Notification.objects.filter(agency=mailboxes).first()
    assert row is not None and row.error
    page = as_user(coordinator).get("/a/ummao/reminders/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "ส่งไม่สำเร็จ" in html and row.subject in html
    assert "ummao-reporter" in html or "ummao-coordinator" in html


def test_only_coordinators_see_the_reminders(demo, reporter_chang, outsider, as_user):
    assert as_user(reporter_chang).get("/a/ummao/reminders/").status_code == 403
    assert as_user(outsider).get("/a/ummao/reminders/").status_code == 404


def test_a_person_turns_a_kind_off_and_on(demo, reporter_chang, as_user):
    client = as_user(reporter_chang)
    page = client.get("/account/reminders/")
    assert page.status_code == 200 and "checked" in page.content.decode()
    response = client.post("/account/reminders/", {"kinds": [ReminderKind.OIT_DUE]})
    assert response.status_code == 302
    off = set(
        ReminderPreference.objects.filter(user=reporter_chang, enabled=False).values_list(
            "kind", flat=True
        )
    )
    assert off == {ReminderKind.MEASURE_DUE, ReminderKind.LINK_BROKEN}
    client.post("/account/reminders/", {"kinds": list(ReminderKind.values)})
    assert not ReminderPreference.objects.filter(user=reporter_chang, enabled=False).exists()


def test_an_unknown_kind_changes_nothing(demo, reporter_chang, as_user):
    response = as_user(reporter_chang).post("/account/reminders/", {"kinds": ["spam"]})
    assert response.status_code == 400
    assert "ไม่รู้จักประเภทการแจ้งเตือนนี้" in response.content.decode()
    assert not ReminderPreference.objects.filter(user=reporter_chang).exists()


def test_the_account_page_links_the_settings(demo, coordinator, as_user):
    html = as_user(coordinator).get("/account/").content.decode()
    assert "/account/reminders/" in html and "/a/ummao/reminders/" in html
    assert "/a/ummao/jobs/" in html
