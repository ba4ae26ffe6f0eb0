"""Hidden buttons match access: for each demo role, every link, form action, image and
frame on every page the role can reach from its home is allowed for that role (not 403).

Links and GET forms are fetched; POST forms are posted empty inside a transaction that is
rolled back (the access check comes before any validation, so an empty post still
answers 403 when the role may not act, and changes nothing when it may).
"""

import datetime as dt
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.db import transaction

from prongsai.agencies.models import Membership
from prongsai.measures.models import Measure
from prongsai.measures.services import report_status
from prongsai.public import services_cases, services_reports
from prongsai.public.models import CaseKind

SKIP = ("/static/", "/logout/", "/i18n/setlang/")
# Downloads are checked once per kind: their access does not depend on the year or the
# date asked for, and rendering each PDF again would only slow the sweep down.
FILE = re.compile(r"\.(pdf|docx|csv|json|xlsx|svg)$")
MAX_PAGES = 80  # pages crawled per role (each distinct path once)


class Actions(HTMLParser):
    """(method, url) of every a[href], form[action], img[src] and iframe[src]."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in attr:
            self._add("GET", attr["href"])
        elif tag == "form":
            self._add(attr.get("method", "get").upper(), attr.get("action", ""))
        elif tag in ("img", "iframe") and "src" in attr:
            self._add("GET", attr["src"])

    def _add(self, method: str, url: str) -> None:
        url = urldefrag(urljoin(self.base, url)).url
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            return  # another site
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIP):
            self.found.append((method, path))


def sweep(client) -> tuple[set[tuple[str, str]], list[str]]:
    """Crawl from the home page; (every action checked, the refused ones)."""
    checked: dict[tuple[str, str], int] = {}
    crawled: set[str] = set()
    pages = deque(["/"])
    refused = []
    while pages and len(crawled) < MAX_PAGES:
        page = pages.popleft()
        response = client.get(page)
        crawled.add(urlsplit(page).path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Actions("http://testserver" + page)
        parser.feed(response.content.decode())
        for method, url in parser.found:
            path = urlsplit(url).path
            key = (method, re.sub(r"/\d{4}/", "/<year>/", path) if FILE.search(path) else url)
            if key in checked or (method, url) in checked:
                continue
            if method == "POST":
                with transaction.atomic():
                    status = client.post(url, {}).status_code
                    transaction.set_rollback(True)
            else:
                status = client.get(url).status_code
            checked[(method, url)] = checked[key] = status
            if status == 403:
                refused.append(f"{method} {url} (on {page})")
            if method == "GET" and status == 200 and path not in crawled:
                if path.startswith("/a/") or path == "/":
                    pages.append(url)
    return set(checked), refused


@pytest.fixture
def busy_agency(demo, coordinator):
    """The demo with something for every role: evidence, a submitted report, a case."""
    report_status(
        actor=coordinator,
        measure=Measure.objects.get(agency=demo, fiscal_year=2565, number=1),
        status="in_progress",
        reported_on=dt.date(2022, 3, 31),
        links=["https://example.org/evidence"],
    )
    services_reports.submit_report(
        membership=Membership.objects.get(user=coordinator),
        fiscal_year=2565,
        kind="implementation",
        as_of=dt.date(2022, 3, 31),
    )
    services_cases.submit_feedback(
        agency=demo, kind=CaseKind.COMPLAINT, subject="ถนนชำรุด", body="รายละเอียด"
    )
    return demo


# What each role must at least have been offered, so the sweep is known to reach far.
EXPECTED = {
    "coordinator": [
        ("GET", "/a/ummao/2565/import/"),
        ("GET", "/a/ummao/history/"),
        ("GET", "/a/ummao/divisions/"),
        ("GET", "/a/ummao/profile/"),
    ],
    "reporter_chang": [("GET", "/a/ummao/2565/")],
    "reporter_palad": [("GET", "/a/ummao/2565/")],
    "executive": [("POST", "/a/ummao/2565/reports/implementation/decide/")],
    "viewer": [("GET", "/a/ummao/2565/?status=done")],
    "complaint_officer": [("GET", "/a/ummao/complaints/")],
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_every_action_shown_is_allowed(request, persona, busy_agency, as_user):
    checked, refused = sweep(as_user(request.getfixturevalue(persona)))
    assert refused == [], "\n".join(refused)
    for action in EXPECTED[persona]:
        assert action in checked, f"{persona} was not offered {action}"


def test_reporters_see_the_status_form_only_for_their_divisions(
    busy_agency, as_user, reporter_chang
):
    checked, _refused = sweep(as_user(reporter_chang))
    allowed = {
        f"/a/ummao/m/{m.pk}/status/"
        for m in Measure.objects.filter(agency=busy_agency, divisions__name="กองช่าง")
    }
    offered = {url for method, url in checked if url.endswith("/status/")}
    assert offered <= allowed and offered
