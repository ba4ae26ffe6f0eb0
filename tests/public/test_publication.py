"""Published snapshots: what the public sees is frozen until the next publication."""

import datetime as dt
import gzip

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from tests.public.helpers import YEAR, approve, publish, submit

from prongsai.core.errors import ValidationFailed
from prongsai.measures import services as measures
from prongsai.measures.models import Measure
from prongsai.memos.kinds import MemoKind
from prongsai.public.models import Publication, PublishedDocument

YEAR_URL = "/p/ummao/2565/"


def measure(demo, number):
    return Measure.objects.get(agency=demo, fiscal_year=YEAR, number=number)


def test_year_page_shows_the_six_measures_with_status_and_pdf_link(published, client):
    response = client.get(YEAR_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<li id="m') == 6
    assert page.count("ดำเนินการเสร็จเรียบร้อยแล้ว") >= 3
    assert page.count("อยู่ระหว่างดำเนินการ") >= 3
    assert 'href="/p/ummao/2565/implementation.pdf"' in page
    assert "เผยแพร่เมื่อ" in page and "โดยผู้ประสานงาน ITA" in page
    assert "ummao-coordinator" not in page  # the role, never the person's account
    assert "31 มีนาคม 2565" in page
    assert response["Content-Language"] == "th"


def test_editing_a_measure_changes_nothing_until_published_again(
    demo, published, coordinator, executive, client, django_capture_on_commit_callbacks
):
    before = client.get(YEAR_URL).content
    m = measure(demo, 1)
    measures.update_measure(
        actor=coordinator,
        measure=m,
        expected_version=m.version,
        title="ให้ความรู้เรื่อง ITA แก่บุคลากรทุกคน (ปรับปรุง)",
    )
    measures.report_status(
        actor=coordinator,
        measure=measure(demo, 2),
        status="done",
        reported_on=dt.date(2022, 3, 31),
        links=["https://example.org/evidence/2"],
    )
    assert client.get(YEAR_URL).content == before
    assert published.snapshot["measures"][0]["title"].startswith("ให้ความรู้เรื่องการประเมิน")

    report = published.report
    report.refresh_from_db()
    with pytest.raises(ValidationFailed, match="เปลี่ยนไปหลังผู้บริหารอนุมัติ"):
        publish(coordinator, report)  # only what the executive approved is published
    assert client.get(YEAR_URL).content == before
    report = approve(executive, submit(coordinator))  # submitted and approved again
    with django_capture_on_commit_callbacks(execute=True):  # as when the transaction commits
        publish(coordinator, report)  # publishing again takes the new data
    after = client.get(YEAR_URL).content.decode()
    assert "ให้ความรู้เรื่อง ITA แก่บุคลากรทุกคน (ปรับปรุง)" in after
    assert 'href="https://example.org/evidence/2"' in after
    assert Publication.objects.count() == 2


def test_status_is_as_of_the_report_date(demo, published, coordinator, executive, client):
    measures.report_status(
        actor=coordinator,
        measure=measure(demo, 1),
        status="done",
        reported_on=dt.date(2022, 9, 30),
    )
    report = published.report
    report.refresh_from_db()
    later = publish(coordinator, report)
    first = later.snapshot["measures"][0]
    assert first["status"] == "in_progress" and first["status_date"] == "2022-03-31"


def test_pdf_is_served_from_the_publication(published, client, fake_pdf):
    response = client.get("/p/ummao/2565/implementation.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    document = PublishedDocument.objects.get()
    assert body.startswith(b"%PDF-") and len(body) == document.size
    assert response["ETag"] == f'"{document.sha256}"'
    assert "inline" in response["Content-Disposition"]
    assert client.get("/p/ummao/2565/measures.pdf").status_code == 404
    assert client.get("/p/ummao/2565/other.pdf").status_code == 404
    again = client.get("/p/ummao/2565/implementation.pdf", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_publication_carries_the_other_document_forward(
    demo, published, coordinator, executive, client
):
    measures_report = approve(
        executive, submit(coordinator, kind=MemoKind.MEASURES, as_of=dt.date(2021, 11, 1))
    )
    second = publish(coordinator, measures_report)
    kinds = sorted(second.documents.values_list("kind", flat=True))
    assert kinds == ["implementation", "measures"]
    carried = second.documents.get(kind="implementation")
    assert carried.file.name == published.documents.get().file.name
    page = client.get(YEAR_URL).content.decode()
    assert "/p/ummao/2565/measures.pdf" in page and "/p/ummao/2565/implementation.pdf" in page
    # The measures memo as of 1 November 2564: nothing reported yet.
    assert {m["status"] for m in second.snapshot["measures"]} == {"not_started"}


def test_year_page_is_cacheable_and_cheap(published, client, django_assert_max_num_queries):
    first = client.get(YEAR_URL)
    assert first["Cache-Control"].startswith("public")
    assert first["ETag"] and first["Last-Modified"]
    assert "Cookie" not in first.get("Vary", "")
    assert not first.cookies  # no CSRF or session cookie on the public page
    with django_assert_max_num_queries(0):  # served from the cache
        assert client.get(YEAR_URL).status_code == 200
    assert client.get(YEAR_URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    zipped = client.get(YEAR_URL, HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == first.content
    assert len(first.content) < 40_000  # light for a slow phone link
    assert b"<script" not in first.content and b"style=" not in first.content


def test_year_page_query_count_does_not_grow(published, client):
    with CaptureQueriesContext(connection) as ctx:
        client.get(YEAR_URL)
    assert len(ctx.captured_queries) <= 5


def test_unpublished_year_and_unknown_agency(demo, client):
    response = client.get(YEAR_URL)
    assert response.status_code == 404
    assert "ยังไม่ได้เผยแพร่" in response.content.decode()
    assert client.get("/p/nowhere/2565/").status_code == 404
    assert client.get("/p/nowhere/").status_code == 404


def test_publications_are_append_only(published):
    published.snapshot = {}
    with pytest.raises(DatabaseError), transaction.atomic():
        published.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        PublishedDocument.objects.all().delete()


def test_agency_index_lists_published_years(published, client):
    response = client.get("/p/ummao/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="/p/ummao/2565/"' in page and "โดยผู้ประสานงาน ITA" in page
    assert 'href="/p/ummao/feedback/"' in page
    assert "ข้อมูลเชิงสถิติเรื่องร้องเรียน" in page


def test_publishing_is_refused_when_measures_change_while_rendering(
    demo, coordinator, executive, monkeypatch
):
    from prongsai.public import services_reports

    def render_and_edit(agency, fiscal_year, kind, as_of):
        m = measure(demo, 3)
        measures.update_measure(
            actor=coordinator, measure=m, expected_version=m.version, title="แก้ระหว่างสร้าง PDF"
        )
        return b"%PDF-1.4 racing"

    monkeypatch.setattr(services_reports, "render_report_pdf", render_and_edit)
    report = approve(executive, submit(coordinator))
    with pytest.raises(ValidationFailed, match="ระหว่างเผยแพร่"):
        publish(coordinator, report)
    assert Publication.objects.count() == 0


@pytest.mark.slow
def test_done_criterion_with_the_real_pdf(demo, coordinator, executive, client):
    """`prongsai demo` → executive approves → coordinator publishes → /p/ummao/2565/."""
    from prongsai.demo.report import load_demo_report

    report = load_demo_report(demo)
    assert load_demo_report(demo) == report  # idempotent
    publish(coordinator, approve(executive, report))
    page = client.get(YEAR_URL).content.decode()
    assert page.count('<li id="m') == 6
    pdf = b"".join(client.get("/p/ummao/2565/implementation.pdf").streaming_content)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
