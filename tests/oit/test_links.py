"""Link checks of an agency-year: the addresses collected, rows written, OIT items marked,
published documents compared by SHA-256, the command and the coordinators' page."""

import hashlib

import pytest
from django.core.management import call_command
from django.test import Client

from prongsai.agencies.models import Agency
from prongsai.jobs.models import Job
from prongsai.measures.models import Measure
from prongsai.measures.services import report_status
from prongsai.oit import links
from prongsai.oit.models import ItemState, LinkCheck, OitItem
from prongsai.public.models import PublishedDocument
from tests.oit.server import local_server

YEAR = 2565


@pytest.fixture
def server(settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    settings.LINK_CHECK_TIMEOUT = 1
    settings.LINK_CHECK_CONNECT_TIMEOUT = 1
    settings.LINK_CHECK_MAX_BYTES = 64 * 1024
    with local_server() as (base, state):
        yield base, state


def evidence(coordinator, demo, number, *urls):
    report_status(
        actor=coordinator,
        measure=Measure.objects.get(agency=demo, fiscal_year=YEAR, number=number),
        status="in_progress",
        links=list(urls),
    )


@pytest.fixture(autouse=True)
def _no_demo_checklist(request):
    """These tests count the addresses they give: the demo's own OIT checklist (opened by
    load_demo, some items with addresses and a failed check) goes first."""
    if "demo" in request.fixturenames:
        request.getfixturevalue("demo")
        OitItem.objects.all().delete()
        LinkCheck.objects.all().delete()


def item(demo, code, url, state=ItemState.PUBLISHED):
    return OitItem.objects.create(agency=demo, fiscal_year=YEAR, code=code, url=url, state=state)


@pytest.mark.parametrize(
    ("host", "website", "expected"),
    [
        ("www.ummao.go.th", "https://ummao.go.th/", True),
        ("ummao.go.th", "https://www.ummao.go.th", True),
        ("ita.ummao.go.th", "https://www.ummao.go.th/", True),
        ("UMMAO.go.th.", "https://www.ummao.go.th/", True),
        ("evilummao.go.th", "https://www.ummao.go.th/", False),
        ("ummao.go.th.evil.example", "https://www.ummao.go.th/", False),
        ("drive.google.com", "https://www.ummao.go.th/", False),
        ("www.ummao.go.th", "", False),
    ],
)
def test_on_the_agency_domain(host, website, expected):
    assert links.on_domain(host, website) is expected


def test_the_year_addresses_are_distinct_with_their_sources(demo, coordinator):
    evidence(coordinator, demo, 1, "https://www.ummao.go.th/a", "https://www.ummao.go.th/b")
    evidence(coordinator, demo, 2, "https://www.ummao.go.th/a")
    item(demo, "O31", "https://www.ummao.go.th/b")
    item(demo, "O1", "")
    urls = links.year_urls(demo, YEAR)
    assert urls == {
        "https://www.ummao.go.th/b": ["O31", "มาตรการ 1"],
        "https://www.ummao.go.th/a": ["มาตรการ 1", "มาตรการ 2"],
    }
    assert links.year_urls(demo, YEAR + 1) == {}


def test_a_year_is_checked_and_kept(demo, coordinator, server):
    base, _ = server
    Agency.objects.filter(pk=demo.pk).update(website="http://127.0.0.1/")
    demo.refresh_from_db()
    evidence(coordinator, demo, 1, f"{base}/ok", f"{base}/missing")
    off_domain = base.replace("127.0.0.1", "localhost") + "/moved"
    evidence(coordinator, demo, 2, off_domain, f"{base}/slow")
    good = item(demo, "O31", f"{base}/moved")
    bad = item(demo, "O32", f"{base}/missing", state=ItemState.LINK_OK)
    seen = []
    summary = links.check_agency_year(demo, YEAR, progress=lambda d, t, r: seen.append((d, t)))
    assert (summary.checked, summary.ok, summary.broken, summary.off_domain) == (5, 3, 2, 1)
    assert seen == [(n, 5) for n in range(1, 6)]
    rows = {c.url: c for c in LinkCheck.objects.filter(agency=demo)}
    assert len(rows) == 5
    moved = rows[f"{base}/moved"]
    assert (moved.ok, moved.status_code, moved.final_url) == (True, 200, f"{base}/ok")
    assert moved.on_agency_domain and moved.sha256_matches is None
    assert moved.content_type.startswith("text/html")
    missing = rows[f"{base}/missing"]
    assert (missing.ok, missing.status_code) == (False, 404)
    assert missing.error == "เว็บไซต์ตอบว่าไม่พบหรือใช้ไม่ได้"
    slow = rows[f"{base}/slow"]
    assert (slow.ok, slow.status_code, slow.error) == (False, None, "เว็บไซต์ไม่ตอบภายในเวลาที่กำหนด")
    assert rows[off_domain].ok and not rows[off_domain].on_agency_domain
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.state, good.version) == (ItemState.LINK_OK, 2)
    assert (bad.state, bad.version) == (ItemState.LINK_BROKEN, 2)
    # a second check adds rows and the page reads the latest
    links.check_urls(demo, [f"{base}/ok"])
    assert LinkCheck.objects.filter(agency=demo, url=f"{base}/ok").count() == 2
    latest = links.latest_checks(demo, [f"{base}/ok", f"{base}/missing"])
    assert latest[f"{base}/ok"].pk == LinkCheck.objects.filter(url=f"{base}/ok").latest("pk").pk
    assert latest[f"{base}/missing"].pk == missing.pk


def test_internal_addresses_are_refused_without_the_setting(demo, coordinator, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("connection attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    evidence(coordinator, demo, 1, "http://127.0.0.1:8000/", "http://169.254.169.254/")
    summary = links.check_agency_year(demo, YEAR)
    assert (summary.checked, summary.broken) == (2, 2)
    assert set(LinkCheck.objects.values_list("error", flat=True)) == {"ไม่ตรวจที่อยู่ในเครือข่ายภายใน"}


@pytest.fixture
def published_pdf(demo, coordinator, executive, monkeypatch):
    from prongsai.public import services_reports
    from tests.public.helpers import approve, publish, submit

    monkeypatch.setattr(
        services_reports, "render_report_pdf", lambda *a: b"%PDF-1.4 published for the test"
    )
    publish(coordinator, approve(executive, submit(coordinator)))
    return PublishedDocument.objects.get(publication__agency=demo, kind="implementation")


def test_a_published_document_is_compared_with_its_sha256(
    demo, coordinator, server, settings, published_pdf
):
    base, state = server
    settings.SITE_URL = base
    url = f"{base}/p/ummao/{YEAR}/implementation.pdf"
    assert links.expected_sha256(url) == published_pdf.sha256
    assert links.expected_sha256(f"{base}/p/ummao/{YEAR}/measures.pdf") is None
    assert (
        links.expected_sha256(f"http://elsewhere.example/p/ummao/{YEAR}/implementation.pdf") is None
    )
    assert links.expected_sha256(f"{base}/ok") is None
    with published_pdf.file.open("rb") as stored:
        state.pdf = stored.read()
    assert hashlib.sha256(state.pdf).hexdigest() == published_pdf.sha256
    item(demo, "O43", url)
    [row] = links.check_agency_year(demo, YEAR).rows
    assert (row.ok, row.sha256_matches, row.error) == (True, True, "")
    assert [r[0] for r in state.requests] == ["GET"]
    state.pdf = b"%PDF-1.4 replaced on the web server"
    [row] = links.check_agency_year(demo, YEAR).rows
    assert (row.ok, row.status_code, row.sha256_matches) == (False, 200, False)
    assert row.error == "ไฟล์ที่เว็บไซต์ส่งมาไม่ตรงกับเอกสารที่เผยแพร่"
    assert OitItem.objects.get(code="O43").state == ItemState.LINK_BROKEN


def test_the_command(demo, coordinator, server):
    from io import StringIO

    base, _ = server
    evidence(coordinator, demo, 1, f"{base}/ok", f"{base}/missing")
    out = StringIO()
    call_command("links", "check", "--agency", "ummao", "--year", str(YEAR), stdout=out)
    text = out.getvalue()
    assert "[1/2] 200" in text and "[2/2] 404" in text
    assert "ตรวจแล้ว 2 ลิงก์: ใช้ได้ 1 เสีย 1 อยู่นอกเว็บไซต์ของหน่วยงาน 2" in text
    assert LinkCheck.objects.filter(agency=demo).count() == 2


def test_the_command_refuses_an_unknown_agency(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        call_command("links", "check", "--agency", "nowhere", "--year", str(YEAR))


def test_the_page_and_the_button(demo, coordinator, server, as_user):
    base, _ = server
    evidence(coordinator, demo, 1, f"{base}/ok")
    client = as_user(coordinator)
    page = client.get(f"/a/ummao/{YEAR}/links/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "ยังไม่ได้ตรวจ" in text and "ตรวจลิงก์ทั้งหมด" in text
    response = client.post(f"/a/ummao/{YEAR}/links/check/", follow=True)
    assert response.redirect_chain == [(f"/a/ummao/{YEAR}/links/", 302)]
    text = response.content.decode()
    assert "ตรวจแล้ว 1 ลิงก์: ใช้ได้ 1 เสีย 0" in text
    assert "(200)" in text


def test_the_button_refuses_many_addresses(demo, coordinator, as_user, monkeypatch):
    monkeypatch.setattr(links, "SYNC_LIMIT", 1)
    evidence(coordinator, demo, 1, "https://www.ummao.go.th/a", "https://www.ummao.go.th/b")
    response = as_user(coordinator).post(f"/a/ummao/{YEAR}/links/check/")
    assert response.status_code == 400
    assert "prongsai links check --agency ummao --year 2565" in response.content.decode()
    assert not LinkCheck.objects.exists()


def test_only_coordinators(demo, coordinator, executive, outsider, as_user):
    for user, code in ((executive, 403), (outsider, 404)):
        client = as_user(user)
        assert client.get(f"/a/ummao/{YEAR}/links/").status_code == code
        assert client.post(f"/a/ummao/{YEAR}/links/check/").status_code == code
    assert as_user(None).get(f"/a/ummao/{YEAR}/links/").status_code == 302
    assert not LinkCheck.objects.exists()


def test_the_button_needs_the_csrf_token(demo, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(f"/a/ummao/{YEAR}/links/check/").status_code == 403


def test_the_whole_year_is_checked_as_a_background_job(demo, coordinator, as_user, monkeypatch):
    monkeypatch.setattr(links, "SYNC_LIMIT", 1)
    evidence(coordinator, demo, 1, "https://www.ummao.go.th/a", "https://www.ummao.go.th/b")
    client = as_user(coordinator)
    page = client.get(f"/a/ummao/{YEAR}/links/").content.decode()
    assert 'id="check-links-job"' in page and "/a/ummao/jobs/" in page
    # the page's second form: a job (the tests' immediate backend runs it at once)
    answer = client.post("/a/ummao/jobs/", {"kind": "link_check", "year": str(YEAR)})
    assert answer.status_code == 302 and "/jobs/" in answer["Location"]
    job = Job.objects.get(kind="link_check", agency=demo)
    assert job.state == "done" and job.total == job.done == 2
    assert LinkCheck.objects.filter(agency=demo).count() == 2
