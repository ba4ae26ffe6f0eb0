"""Two `prongsai serve` processes (2 workers each) on loopback against ONE database: what a
site with several app servers relies on holds across them.

A session started on A works on B; the feedback rate limit and the log-in throttle count
A's and B's attempts together (in parallel, exactly); a file uploaded to A downloads from
B; a change made on A shows on B's cached agency-year page at once; 20 threads on each
server reporting to one agency lose nothing and leave the audit chain intact.

Runs on SQLite (one file, one machine) and, under scripts/with-postgres, on PostgreSQL
(a new database in that cluster, psycopg's connection pool in every worker).
"""

import datetime as dt
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

import pytest

from prongsai.demo.agency import PASSWORD
from prongsai.web.login import LOGIN_FAILURES_PER_USER
from tests.servers import Browser, prongsai, python, site_env, start_server

pytestmark = pytest.mark.slow

FEEDBACK_LIMIT = 3
WRITERS = 20  # threads per server
PDF = b"%PDF-1.4\n% evidence uploaded to server A\n%%EOF\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("two-servers")
    env = site_env(tmp_path, FEEDBACK_RATE_LIMIT_PER_HOUR=str(FEEDBACK_LIMIT))
    loaded = prongsai(env, "demo")
    assert loaded.returncode == 0, loaded.stderr
    a = start_server(env, "a")
    try:
        b = start_server(env, "b")
    except BaseException:
        a.stop()
        raise
    yield env, a, b
    a.stop()
    b.stop()
    for server in (a, b):
        # Warnings and errors only (LOG_LEVEL=WARNING): a clean run prints nothing.
        assert "Traceback" not in server.log.read_text(errors="replace")


def measure_pk(env, number):
    code = (
        "from prongsai.measures.models import Measure\n"
        f"print(Measure.objects.get(agency__slug='ummao', fiscal_year=2565, number={number}).pk)"
    )
    return int(python(env, code))


def status_form(server, pk):
    return f"{server.url}/a/ummao/m/{pk}/status/"


def test_healthz_reports_database_and_storage_on_both(site):
    _, a, b = site
    for server in (a, b):
        status, body, headers = Browser().get(f"{server.url}/healthz")
        assert status == 200 and body == b'{"database": "ok", "storage": "ok"}'
        assert headers["Cache-Control"] == "no-store"


def test_a_session_started_on_a_works_on_b(site):
    _, a, b = site
    browser = Browser()
    assert browser.log_in(a.url, "ummao-coordinator", PASSWORD) == 302
    status, page, _ = browser.get(f"{b.url}/a/ummao/2565/")
    assert status == 200 and "ummao" in page.decode()
    assert Browser().get(f"{b.url}/a/ummao/2565/")[0] == 302  # without the cookie: log in


def test_feedback_limit_counts_both_servers_together(site):
    _, a, b = site
    start = threading.Barrier(2 * (FEEDBACK_LIMIT + 1))

    def send(server):
        browser = Browser()
        form = f"{server.url}/p/ummao/feedback/"
        status, page, _ = browser.get(form)
        assert status == 200
        fields = {
            "csrfmiddlewaretoken": browser.csrf_token(page),
            "kind": "complaint",
            "subject": "เรียกรับเงินค่าอนุญาตก่อสร้าง",
            "body": "เจ้าหน้าที่เรียกเงินเพิ่มนอกเหนือค่าธรรมเนียม",
            "contact": "",
        }
        start.wait()
        return browser.post(form, form, fields)[0]

    servers = [a, b] * (FEEDBACK_LIMIT + 1)
    with ThreadPoolExecutor(len(servers)) as pool:
        statuses = list(pool.map(send, servers))
    # Each server alone would have taken FEEDBACK_LIMIT; together they take it once.
    assert sorted(statuses) == [302] * FEEDBACK_LIMIT + [429] * (len(servers) - FEEDBACK_LIMIT)


def test_log_in_throttle_counts_both_servers_together(site):
    _, a, b = site
    attempts = 6
    start = threading.Barrier(2 * attempts)

    def attempt(server):
        browser = Browser()
        status, page, _ = browser.get(f"{server.url}/login/")
        assert status == 200
        token = browser.csrf_token(page)
        start.wait()
        fields = {"csrfmiddlewaretoken": token, "username": "ummao-viewer", "password": "wrong"}
        return browser.post(f"{server.url}/login/", f"{server.url}/login/", fields)[0]

    with ThreadPoolExecutor(2 * attempts) as pool:
        statuses = list(pool.map(attempt, [a, b] * attempts))
    # Exactly LOGIN_FAILURES_PER_USER passwords were checked (200: wrong password), the
    # rest refused before any check, whichever server they reached.
    assert statuses.count(200) == LOGIN_FAILURES_PER_USER, statuses
    assert statuses.count(429) == 2 * attempts - LOGIN_FAILURES_PER_USER, statuses


def test_a_file_uploaded_to_a_downloads_from_b(site):
    env, a, b = site
    browser = Browser()
    assert browser.log_in(a.url, "ummao-coordinator", PASSWORD) == 302
    pk = measure_pk(env, 1)
    fields = {"status": "done", "note": "two-servers upload", "reported_on": "31/03/2565"}
    status, _, _ = browser.post(
        status_form(a, pk), status_form(a, pk), fields, {"files": ("report.pdf", PDF)}
    )
    assert status == 302
    evidence = int(
        python(
            env,
            "from prongsai.measures.models import Evidence\n"
            "print(Evidence.objects.filter(update__note='two-servers upload').get().pk)",
        )
    )
    status, body, _ = browser.get(f"{b.url}/a/ummao/evidence/{evidence}/")
    assert status == 200 and body == PDF


def test_a_change_on_a_shows_on_bs_cached_page(site):
    env, a, b = site
    browser = Browser()
    assert browser.log_in(a.url, "ummao-coordinator", PASSWORD) == 302
    page_on_b = f"{b.url}/a/ummao/2565/?status=in_progress"
    before = browser.get(page_on_b)[1]
    bodies = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute(\"SELECT COUNT(*) FROM prongsai_cache WHERE cache_key LIKE '%agency-year:%'\")\n"
        "    print(c.fetchone()[0])"
    )
    assert int(python(env, bodies)) >= 1  # B's body went to the cache every server reads
    listed = re.findall(rb"/a/ummao/m/(\d+)/", before)
    assert listed, "the demo has measures in progress"
    pk = int(listed[0])
    today = dt.datetime.now(ZoneInfo("Asia/Bangkok")).date()
    fields = {
        "status": "done",
        "note": "เสร็จแล้ว รายงานผ่านเซิร์ฟเวอร์ A",
        "reported_on": f"{today:%d/%m}/{today.year + 543}",
    }
    assert browser.post(status_form(a, pk), status_form(a, pk), fields)[0] == 302
    after = browser.get(page_on_b)[1]
    # B shows the change at once: its cached body was keyed by the chain head A moved.
    assert f"/a/ummao/m/{pk}/".encode() not in after


def test_parallel_reports_to_one_agency_from_both_servers_lose_nothing(site):
    env, a, b = site
    pk = measure_pk(env, 2)
    count = (
        "from prongsai.measures.models import StatusUpdate\n"
        "print(StatusUpdate.objects.filter(note__startswith='parallel ').count())"
    )
    assert int(python(env, count)) == 0
    browsers = {}
    for server in (a, b):
        browsers[server.port] = Browser()
        assert browsers[server.port].log_in(server.url, "ummao-coordinator", PASSWORD) == 302

    def report(job):
        server, i = job
        fields = {"status": "in_progress", "note": f"parallel {i}", "reported_on": "31/03/2565"}
        return browsers[server.port].post(status_form(server, pk), status_form(server, pk), fields)[
            0
        ]

    jobs = [(server, i) for i in range(WRITERS) for server in (a, b)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        statuses = list(pool.map(report, jobs))
    assert statuses == [302] * len(jobs)
    assert int(python(env, count)) == len(jobs)  # 0 lost
    verified = prongsai(env, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
