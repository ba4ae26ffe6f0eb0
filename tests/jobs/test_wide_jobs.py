"""Jobs over many agencies: a province's link check (site operators) and the oversight
exports (oversight people within their scope), run by the immediate backend."""

import csv
import io

import openpyxl
import pytest

from prongsai.agencies.models import AgencyKind, SiteAccess
from prongsai.core.errors import ValidationFailed
from prongsai.jobs import services
from prongsai.jobs.models import Job, JobItem, JobKind, JobState
from prongsai.oit.models import ItemState, LinkCheck, OitItem
from prongsai.registry.services import create_agency
from tests.conftest import client_for, make_overseer
from tests.oit.server import local_server

YEAR = 2565


@pytest.fixture
def server(settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    settings.LINK_CHECK_TIMEOUT = 1
    settings.LINK_CHECK_CONNECT_TIMEOUT = 1
    with local_server() as (base, state):
        yield base, state


@pytest.fixture
def neighbour(demo):
    """A second agency of Kalasin."""
    return create_agency(
        actor="test",
        name="องค์การบริหารส่วนตำบลนาดี",
        kind=AgencyKind.SAO,
        province="กาฬสินธุ์",
        district="ยางตลาด",
        province_code="46",
        district_code="4607",
        subdistrict_code="460704",
        subdistrict="นาดี",
        slug="nadi",
    )


def test_an_operator_checks_every_agency_of_a_province(
    demo, neighbour, other_agency, operator, server, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    base, state = server
    OitItem.objects.all().delete()
    LinkCheck.objects.all().delete()
    for agency, path in ((demo, "/ok"), (neighbour, "/missing"), (other_agency, "/ok")):
        OitItem.objects.create(
            agency=agency, fiscal_year=YEAR, code="O1", url=base + path, state=ItemState.PUBLISHED
        )
    page = client_for(operator).post(
        "/jobs/", {"kind": JobKind.PROVINCE_LINK_CHECK, "year": str(YEAR), "province": "46"}
    )
    job = Job.objects.get()
    assert page["Location"] == f"/jobs/{job.pk}/"
    assert job.state == JobState.DONE, job.message
    assert (job.done, job.total) == (2, 2)
    assert job.result == {"agencies": 2, "checked": 2, "broken": 1}
    assert set(JobItem.objects.filter(job=job).values_list("key", flat=True)) == {"ummao", "nadi"}
    checked = {c.agency.slug: c.ok for c in LinkCheck.objects.select_related("agency")}
    assert checked == {"ummao": True, "nadi": False}  # Sukhothai's agency left alone
    shown = client_for(operator).get(f"/jobs/{job.pk}/").content.decode()
    assert "ตรวจลิงก์แล้ว 2 รายการ ใช้ไม่ได้ 1 รายการ" in shown


def test_a_province_check_taken_over_goes_on_from_the_next_agency(
    demo, neighbour, operator, server, settings, tmp_path, monkeypatch
):
    """A worker killed in the middle (here: interrupted at the second agency) leaves the
    first agency recorded; the next run checks only what was left, and an agency whose
    check fails is named in the errors while the others go on."""
    settings.VAR_DIR = tmp_path
    from prongsai.jobs import runner
    from prongsai.oit import links

    seen: list[str] = []
    real = links.check_agency_year

    def interrupted_once(agency, year, **kwargs):
        seen.append(agency.slug)
        if agency.slug == "ummao" and seen.count("ummao") == 1:
            raise KeyboardInterrupt  # the worker is killed
        if agency.slug == "ummao":
            raise RuntimeError("ตรวจไม่ได้")
        return real(agency, year, **kwargs)

    monkeypatch.setattr(links, "check_agency_year", interrupted_once)
    job = Job.objects.create(
        kind=JobKind.PROVINCE_LINK_CHECK,
        requested_by=operator,
        args={"year": YEAR, "province": "46"},
    )
    with pytest.raises(KeyboardInterrupt):
        runner.run(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and (job.done, job.total) == (1, 2)
    runner.run(job.pk)
    job.refresh_from_db()
    assert seen == ["nadi", "ummao", "ummao"]  # nadi is not checked twice
    assert job.state == JobState.DONE and (job.done, job.total) == (2, 2)
    assert job.errors == [{"item": "ummao", "message": "ตรวจไม่ได้"}]


def test_who_may_start_a_province_check(demo, coordinator, operator):
    with pytest.raises(ValidationFailed):
        services.start(JobKind.PROVINCE_LINK_CHECK, None, coordinator, year=YEAR, province="46")
    with pytest.raises(ValidationFailed):
        services.start(
            JobKind.PROVINCE_LINK_CHECK, None, make_overseer("46"), year=YEAR, province="46"
        )
    with pytest.raises(ValidationFailed, match="จังหวัด"):
        services.start(JobKind.PROVINCE_LINK_CHECK, None, operator, year=YEAR, province="99")
    with pytest.raises(ValidationFailed):
        services.start(JobKind.PROVINCE_LINK_CHECK, demo, coordinator, year=YEAR, province="46")
    refused = client_for(coordinator).post(
        "/jobs/", {"kind": JobKind.PROVINCE_LINK_CHECK, "year": str(YEAR), "province": "46"}
    )
    assert refused.status_code == 404
    assert not Job.objects.exists()


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def download(client, job) -> bytes:
    response = client.get(f"/jobs/{job.pk}/result/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("/o/2565/", {"rows": "agencies"}),
        ("/o/2565/", {"sort": "-agencies"}),
        ("/o/2565/46/", {"kind": "sao", "measures": "yes"}),
        ("/o/2565/46/4607/", {}),
    ],
)
def test_an_export_job_writes_what_the_page_exports(
    demo, neighbour, settings, tmp_path, page, query
):
    settings.VAR_DIR = tmp_path
    client = client_for(make_overseer(""))
    started = client.post(page + "export/", {**query, "fmt": "csv"})
    job = Job.objects.get()
    assert started["Location"] == f"/jobs/{job.pk}/"
    assert job.state == JobState.DONE, job.message
    inline = client.get(page, {**query, "format": "csv"})
    expected = read_csv(b"".join(inline.streaming_content))
    assert read_csv(download(client, job)) == expected
    assert job.result["rows"] == len(expected) - 1 == job.done == job.total


def test_an_export_job_writes_xlsx(demo, neighbour, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client = client_for(make_overseer(""))
    client.post("/o/2565/export/", {"rows": "agencies", "fmt": "xlsx"})
    job = Job.objects.get()
    response = client.get(f"/jobs/{job.pk}/result/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == ["nadi", "ummao"]


def test_an_export_stays_inside_the_scope(demo, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    kalasin = make_overseer("46")
    assert client_for(kalasin).post("/o/2565/export/", {"fmt": "csv"}).status_code == 404
    assert client_for(kalasin).post("/o/2565/64/export/", {"fmt": "csv"}).status_code == 404
    assert client_for(make_overseer("4607")).post("/o/2565/46/export/").status_code == 404
    with pytest.raises(ValidationFailed):
        services.start(JobKind.OVERSIGHT_EXPORT, None, kalasin, year=YEAR, place="", fmt="csv")
    with pytest.raises(ValidationFailed):
        services.start(JobKind.OVERSIGHT_EXPORT, None, kalasin, year=YEAR, place="46", fmt="exe")
    assert not Job.objects.exists()
    # another oversight person does not see the job or its file
    job = services.start(JobKind.OVERSIGHT_EXPORT, None, kalasin, year=YEAR, place="46")
    assert client_for(make_overseer("")).get(f"/jobs/{job.pk}/result/").status_code == 404


def test_a_scope_withdrawn_before_the_run_exports_nothing(demo, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    kalasin = make_overseer("46")
    job = Job.objects.create(
        kind=JobKind.OVERSIGHT_EXPORT,
        requested_by=kalasin,
        args={"year": YEAR, "place": "46", "query": {}, "fmt": "csv"},
    )
    SiteAccess.objects.filter(user=kalasin).update(scope_code="64")
    from prongsai.jobs import runner

    with pytest.raises(ValidationFailed):
        runner.run(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "สิทธิ์" in job.message
    assert not (tmp_path / "jobs" / str(job.pk)).exists()


def test_the_oversight_page_offers_the_export_with_its_filters(demo):
    client = client_for(make_overseer(""))
    page = client.get("/o/2565/46/", {"kind": "sao", "sort": "-agencies"}).content.decode()
    assert 'action="/o/2565/46/export/"' in page
    assert 'name="kind" value="sao"' in page and 'name="sort" value="-agencies"' in page


@pytest.mark.parametrize(
    ("back", "kept"),
    [
        ("/o/2565/46/?kind=sao", True),
        ("//evil.example/o/", False),
        ("https://evil.example/", False),
        ("javascript:alert(1)", False),
    ],
)
def test_the_job_page_links_back_to_the_page_that_started_it(demo, settings, tmp_path, back, kept):
    settings.VAR_DIR = tmp_path
    client = client_for(make_overseer(""))
    client.post("/o/2565/46/export/", {"fmt": "csv", "back": back})
    job = Job.objects.get()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert ('id="job-back"' in page) is kept
    if kept:
        assert 'href="/o/2565/46/?kind=sao"' in page
