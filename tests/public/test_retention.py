"""Retention: closed cases and their files are deleted after COMPLAINT_RETENTION_DAYS;
the yearly statistics still count them."""

import datetime as dt
import io

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from tests.public.helpers import membership_of
from tests.public.test_feedback import send

from prongsai.audit.models import AuditEvent
from prongsai.public import services_cases
from prongsai.public.models import Case, CaseAttachment, CaseMessage
from prongsai.public.stats import case_statistics


def close(case, officer, expected="received"):
    return services_cases.change_case_state(
        membership=membership_of(officer), case=case, state="closed", expected_state=expected
    )


def make_cases(client, officer, n):
    for i in range(n):
        send(client, subject=f"เรื่องที่ {i}", files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")])
    return list(Case.objects.order_by("pk"))


def test_purge_deletes_closed_cases_past_retention_with_their_files(
    demo, client, complaint_officer, settings, django_capture_on_commit_callbacks
):
    settings.COMPLAINT_RETENTION_DAYS = 30
    old_closed, recent_closed, old_open = make_cases(client, complaint_officer, 3)
    close(old_closed, complaint_officer)
    close(recent_closed, complaint_officer)
    long_ago = timezone.now() - dt.timedelta(days=31)
    Case.objects.filter(pk__in=[old_closed.pk, old_open.pk]).update(closed_at=None)
    Case.objects.filter(pk=old_closed.pk).update(closed_at=long_ago)
    Case.objects.filter(pk=old_open.pk).update(created_at=long_ago)
    old_file = old_closed.attachments.get().file.name
    assert default_storage.exists(old_file)
    year = old_closed.fiscal_year
    before = case_statistics(demo, year)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # files go once the rows are gone
        call_command("purge_cases", stdout=out)
    days = settings.COMPLAINT_RETENTION_DAYS
    assert out.getvalue().strip() == f"ลบเรื่องที่ปิดเกิน {days} วันแล้ว 1 เรื่อง"

    assert list(Case.objects.values_list("pk", flat=True)) == [recent_closed.pk, old_open.pk]
    assert not CaseMessage.objects.filter(case_id=old_closed.pk).exists()
    assert not CaseAttachment.objects.filter(case_id=old_closed.pk).exists()
    assert not default_storage.exists(old_file)
    assert default_storage.exists(recent_closed.attachments.get().file.name)
    after = case_statistics(demo, year)
    assert after.total == before.total == 3
    assert after.count("complaint", "closed") == 2
    event = AuditEvent.objects.get(action="case.purge")
    assert event.payload["count"] == 1


def test_purge_with_nothing_expired(demo, client, complaint_officer):
    (case,) = make_cases(client, complaint_officer, 1)
    close(case, complaint_officer)
    assert services_cases.purge_expired_cases() == 0
    assert (
        services_cases.purge_expired_cases(days=1, now=timezone.now() + dt.timedelta(days=2)) == 1
    )
    assert Case.objects.count() == 0


def test_purge_command_days_option(demo, client, complaint_officer):
    (case,) = make_cases(client, complaint_officer, 1)
    close(case, complaint_officer)
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - dt.timedelta(days=10))
    out = io.StringIO()
    call_command("purge_cases", "--days", "5", stdout=out)
    assert Case.objects.count() == 0
