"""Jobs run by the immediate backend: the work, its progress rows, the pages."""

import io
import zipfile

import pytest

from prongsai.core.errors import ValidationFailed
from prongsai.jobs import services
from prongsai.jobs.models import Job, JobItem, JobKind, JobState


def test_every_memo_of_every_agency_once(demo, operator, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    job = services.start(JobKind.RENDER_MEMOS, None, operator, year=2565, fmt="docx")
    assert job.state == JobState.DONE, job.message
    assert (job.done, job.total) == (2, 2) and job.errors == []
    assert sorted(JobItem.objects.filter(job=job).values_list("key", flat=True)) == [
        "ummao/implementation",
        "ummao/measures",
    ]
    archive = tmp_path / "jobs" / str(job.pk) / job.result["archive"]
    names = zipfile.ZipFile(archive).namelist()
    assert sorted(names) == ["ummao-2565-implementation.docx", "ummao-2565-measures.docx"]


def test_the_page_shows_progress_and_the_result(demo, operator, as_user, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client = as_user(operator)
    response = client.post("/jobs/", {"year": "2565", "fmt": "docx"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "ทำแล้ว 2 จาก 2 รายการ" in page
    assert f"/jobs/{job.pk}/result/" in page
    assert "hx-trigger" not in page  # finished: no more polling
    download = client.get(f"/jobs/{job.pk}/result/")
    assert download["Content-Type"] == "application/zip"
    data = b"".join(download.streaming_content)
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) == 2


def test_a_running_job_is_polled(demo, coordinator, as_user):
    job = Job.objects.create(
        kind=JobKind.RENDER_MEMOS,
        agency=demo,
        requested_by=coordinator,
        args={"year": 2565},
        state=JobState.RUNNING,
        done=3,
        total=10,
        errors=[{"item": "x/measures", "message": "เสีย"}],
    )
    html = as_user(coordinator).get(f"/jobs/{job.pk}/progress/").content.decode()
    assert f'hx-get="/jobs/{job.pk}/progress/"' in html and 'hx-trigger="every 2s"' in html
    assert "ทำแล้ว 3 จาก 10 รายการ" in html and "x/measures: เสีย" in html


def test_a_failed_job_says_why_and_is_retried(demo, coordinator, as_user, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    job = services.start(JobKind.LINK_CHECK, demo, coordinator, year=2565)
    if job.state == JobState.FAILED:  # without the link checker in this build
        assert job.message == "ระบบนี้ยังไม่มีตัวตรวจลิงก์"
        page = as_user(coordinator).get(f"/jobs/{job.pk}/").content.decode()
        assert "สาเหตุที่ล้มเหลว" in page and 'id="job-retry"' in page
    # a failed render job, retried, continues after the items it finished
    render = Job.objects.create(
        kind=JobKind.RENDER_MEMOS,
        agency=demo,
        requested_by=coordinator,
        args={"year": 2565, "fmt": "docx"},
        state=JobState.FAILED,
        message="เครื่องดับ",
        attempt=1,
    )
    JobItem.objects.create(job=render, key="ummao/measures", attempt=1)
    response = as_user(coordinator).post(f"/jobs/{render.pk}/retry/")
    assert response.status_code == 302
    render.refresh_from_db()
    assert render.state == JobState.DONE and render.message == ""
    assert render.done == 2
    items = dict(JobItem.objects.filter(job=render).values_list("key", "attempt"))
    assert items == {"ummao/measures": 1, "ummao/implementation": 3}
    with pytest.raises(ValidationFailed):
        services.retry(render, coordinator)  # done: nothing to retry


def test_who_may_start_what(demo, coordinator, reporter_chang, outsider):
    with pytest.raises(ValidationFailed):
        services.start(JobKind.RENDER_MEMOS, None, coordinator, year=2565)  # not an operator
    with pytest.raises(ValidationFailed):
        services.start(JobKind.RENDER_MEMOS, demo, reporter_chang, year=2565)
    with pytest.raises(ValidationFailed):
        services.start(JobKind.RENDER_MEMOS, demo, outsider, year=2565)
    with pytest.raises(ValidationFailed):
        services.start(JobKind.RENDER_MEMOS, demo, coordinator, year=1999)
    with pytest.raises(ValidationFailed):
        services.start(JobKind.RENDER_MEMOS, demo, coordinator, year=2565, fmt="exe")
    assert not Job.objects.exists()


def test_the_coordinator_starts_an_agency_job(demo, coordinator, as_user, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client = as_user(coordinator)
    response = client.post(
        "/a/ummao/jobs/", {"kind": JobKind.RENDER_MEMOS, "year": "2565", "fmt": "docx"}
    )
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.agency == demo and job.state == JobState.DONE
    assert f"/jobs/{job.pk}/" in client.get("/a/ummao/jobs/").content.decode()
    bad = client.post("/a/ummao/jobs/", {"kind": "nonsense", "year": "2565"})
    assert bad.status_code == 400 and Job.objects.count() == 1
