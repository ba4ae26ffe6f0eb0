"""A status report attaches at most MAX_EVIDENCE_FILES files; more is refused whole."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.measures.forms import MAX_EVIDENCE_FILES
from prongsai.measures.models import Evidence, Measure, StatusUpdate


def pdfs(count):
    return [
        SimpleUploadedFile(f"f{i}.pdf", b"%PDF-1.4 x", content_type="application/pdf")
        for i in range(count)
    ]


def test_one_file_too_many_is_refused_and_nothing_is_saved(demo, coordinator, as_user):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    updates, evidence = StatusUpdate.objects.count(), Evidence.objects.count()
    response = as_user(coordinator).post(
        reverse("status_create", args=["ummao", measure.pk]),
        {"status": "done", "reported_on": "31/03/2565", "files": pdfs(MAX_EVIDENCE_FILES + 1)},
    )
    assert response.status_code == 400
    assert f"แนบไฟล์ได้ครั้งละไม่เกิน {MAX_EVIDENCE_FILES} ไฟล์" in response.content.decode()
    assert StatusUpdate.objects.count() == updates and Evidence.objects.count() == evidence


def test_the_largest_allowed_number_of_files_is_saved(demo, coordinator, as_user):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    response = as_user(coordinator).post(
        reverse("status_create", args=["ummao", measure.pk]),
        {"status": "done", "reported_on": "31/03/2565", "files": pdfs(MAX_EVIDENCE_FILES)},
    )
    assert response.status_code == 302
    update = StatusUpdate.objects.filter(measure=measure).latest("pk")
    assert update.evidence.count() == MAX_EVIDENCE_FILES
