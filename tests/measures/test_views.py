import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prongsai.measures import services
from prongsai.measures.models import Measure, StatusUpdate


def m(demo, number):
    return Measure.objects.get(agency=demo, fiscal_year=2565, number=number)


def status_post(client, demo, number, **extra):
    data = {"status": "done", "note": "เสร็จแล้ว", "reported_on": "31/03/2565"}
    data.update(extra)
    return client.post(reverse("status_create", args=["ummao", m(demo, number).pk]), data)


def test_chang_reporter_posts_on_measure_1_not_on_4(demo, reporter_chang, as_user):
    client = as_user(reporter_chang)
    response = status_post(client, demo, 1, links="https://example.org/photo")
    assert response.status_code == 302
    update = StatusUpdate.objects.filter(measure=m(demo, 1)).first()
    assert update.created_by == reporter_chang and update.status == "done"
    before = StatusUpdate.objects.count()
    assert status_post(client, demo, 4).status_code == 403
    assert client.get(reverse("status_create", args=["ummao", m(demo, 4).pk])).status_code == 403
    assert StatusUpdate.objects.count() == before


def test_palad_reporter_may_report_on_4(demo, reporter_palad, as_user):
    assert status_post(as_user(reporter_palad), demo, 4).status_code == 302


@pytest.mark.parametrize("persona", ["executive", "viewer"])
def test_look_but_not_touch_roles_get_403(request, demo, as_user, persona):
    client = as_user(request.getfixturevalue(persona))
    pk = m(demo, 1).pk
    assert client.get(reverse("measure_detail", args=["ummao", pk])).status_code == 200
    assert status_post(client, demo, 1).status_code == 403
    assert client.get(reverse("measure_edit", args=["ummao", pk])).status_code == 403
    assert client.get(reverse("measure_create", args=["ummao", 2565])).status_code == 403


def object_urls(demo):
    measure = m(demo, 1)
    evidence = services.report_status(
        actor=StatusUpdate.objects.first().created_by,
        measure=measure,
        status="done",
        links=["https://example.org/x"],
    ).evidence.get()
    return [
        reverse("agency_year", args=["ummao", 2565]),
        reverse("measure_create", args=["ummao", 2565]),
        reverse("export_json", args=["ummao", 2565]),
        reverse("export_csv", args=["ummao", 2565]),
        reverse("measure_detail", args=["ummao", measure.pk]),
        reverse("measure_edit", args=["ummao", measure.pk]),
        reverse("status_create", args=["ummao", measure.pk]),
        reverse("evidence_download", args=["ummao", evidence.pk]),
    ]


def test_other_agency_coordinator_gets_404_everywhere(demo, outsider, as_user):
    client = as_user(outsider)
    for url in object_urls(demo):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"status": "done"}).status_code in (404, 405), url


def test_other_agency_cannot_reach_measure_through_own_slug(demo, outsider, as_user):
    client = as_user(outsider)
    pk = m(demo, 1).pk
    assert client.get(reverse("measure_detail", args=["samruean", pk])).status_code == 404


def test_anonymous_is_sent_to_login(demo, as_user):
    client = as_user(None)
    for url in object_urls(demo):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


def test_agency_page_counts_and_progress(demo, coordinator, as_user):
    response = as_user(coordinator).get(reverse("agency_year", args=["ummao", 2565]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "เทศบาลตำบลอุ่มเม่า" in html
    counts = {c.value: c.count for c in response.context["counts"]}
    assert counts == {"not_started": 0, "in_progress": 3, "done": 3}
    progress = {row.division.name: row for row in response.context["progress"]}
    assert progress["กองคลัง"].total == 4 and progress["กองคลัง"].done == 1
    assert progress["สำนักปลัด"].total == 5 and progress["สำนักปลัด"].done == 2
    assert progress["สำนักปลัด"].percent == 40 and progress["สำนักปลัด"].done_class == "w-40"
    assert 'aria-label="40%"' in html


def test_measure_list_filters_and_htmx_partial(demo, coordinator, as_user):
    client = as_user(coordinator)
    url = reverse("agency_year", args=["ummao", 2565])
    chang = demo.divisions.get(name="กองช่าง")
    response = client.get(
        url, {"division": chang.pk, "status": "in_progress"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="measure-table"' in html
    assert [x.number for x in response.context["measures"]] == [1, 2, 5]


def make_measures(demo, actor, count):
    divisions = list(demo.divisions.all())
    for i in range(count):
        measure = services.create_measure(
            actor=actor,
            agency=demo,
            fiscal_year=2570,
            title=f"มาตรการ {i}",
            steps=["ขั้นตอน"],
            divisions=divisions[i % 4 : i % 4 + 2],
        )
        services.report_status(actor=actor, measure=measure, status="in_progress")


def page_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("agency_year", args=["ummao", 2570]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_agency_page_query_count_does_not_grow_with_measures(demo, coordinator, as_user):
    client = as_user(coordinator)
    make_measures(demo, coordinator, 6)
    with_6 = page_queries(client)
    make_measures(demo, coordinator, 594)
    assert Measure.objects.filter(fiscal_year=2570).count() == 600
    with_600 = page_queries(client)
    assert with_6 == with_600


def detail_queries(client, measure):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("measure_detail", args=["ummao", measure.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_measure_page_query_count_does_not_grow_with_reports(demo, coordinator, as_user):
    client = as_user(coordinator)
    measure = m(demo, 1)
    report = {"actor": coordinator, "measure": measure, "status": "in_progress"}
    services.report_status(**report, links=["https://example.org/a"])
    with_one, _ = detail_queries(client, measure)
    for i in range(20):
        services.report_status(**report, note=f"ครั้งที่ {i}", links=[f"https://example.org/{i}"])
    with_many, html = detail_queries(client, measure)
    assert with_one == with_many
    assert "ครั้งที่ 19" in html and 'href="https://example.org/19"' in html


def test_coordinator_creates_and_edits_measure(demo, coordinator, as_user):
    client = as_user(coordinator)
    klang = demo.divisions.get(name="กองคลัง")
    response = client.post(
        reverse("measure_create", args=["ummao", 2566]),
        {
            "title": "เปิดเผยข้อมูลจัดซื้อจัดจ้าง",
            "steps": "- ขั้นที่หนึ่ง\n- ขั้นที่สอง\n",
            "divisions": [klang.pk],
            "monitoring": "รายงานทุกไตรมาส",
            "due_date": "31/03/2566",
            "indicator_codes": "O21, O22",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(agency=demo, fiscal_year=2566)
    assert measure.steps == ["ขั้นที่หนึ่ง", "ขั้นที่สอง"] and measure.indicator_codes == ["O21", "O22"]
    assert measure.due_date == dt.date(2023, 3, 31)


def test_measure_form_shows_thai_errors_and_writes_nothing(demo, coordinator, as_user):
    response = as_user(coordinator).post(
        reverse("measure_create", args=["ummao", 2566]), {"title": "", "steps": ""}
    )
    assert response.status_code == 200
    assert "เลือกผู้รับผิดชอบอย่างน้อยหนึ่งส่วนราชการ" in response.content.decode()
    assert not Measure.objects.filter(fiscal_year=2566).exists()


def edit_form(client, pk):
    response = client.get(reverse("measure_edit", args=["ummao", pk]))
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["divisions"] = [getattr(d, "pk", d) for d in data["divisions"]]
    # What the edit page's date box holds: the stored due date in the Buddhist era.
    data["due_date"] = form.fields["due_date"].widget.format_value(data["due_date"]) or ""
    data["snapshot"] = response.context["snapshot"]
    return data


def test_two_clients_editing_the_same_measure(demo, coordinator, as_user):
    pk = m(demo, 1).pk
    alice, bob = as_user(coordinator), as_user(coordinator)
    form_a, form_b = edit_form(alice, pk), edit_form(bob, pk)
    form_a["monitoring"] = "รายงานทุกเดือน"
    assert alice.post(reverse("measure_edit", args=["ummao", pk]), form_a).status_code == 302
    form_b["title"] = "ชื่อของบ๊อบ"
    response = bob.post(reverse("measure_edit", args=["ummao", pk]), form_b)
    assert response.status_code == 409
    html = response.content.decode()
    assert "รายงานทุกเดือน" in html and "มีผู้อื่นแก้ไข" in html
    # Which field changed, named as the model labels it.
    assert "<b>การกำกับติดตาม</b>: รายงานทุกเดือน" in html
    measure = Measure.objects.get(pk=pk)
    assert measure.title != "ชื่อของบ๊อบ" and measure.monitoring == "รายงานทุกเดือน"
    # Having seen the change, Bob saves again on top of the current version.
    form_b2 = {
        **form_b,
        "version": response.context["form"]["version"].value(),
        "snapshot": response.context["snapshot"],
    }
    assert bob.post(reverse("measure_edit", args=["ummao", pk]), form_b2).status_code == 302
    assert Measure.objects.get(pk=pk).title == "ชื่อของบ๊อบ"


def test_export_downloads(demo, viewer, as_user):
    client = as_user(viewer)
    data = json.loads(client.get(reverse("export_json", args=["ummao", 2565])).content)
    assert [x["status"] for x in data["measures"]] == [
        "in_progress",
        "in_progress",
        "done",
        "done",
        "in_progress",
        "done",
    ]
    csv_text = client.get(reverse("export_csv", args=["ummao", 2565])).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("ลำดับ,มาตรการ")
    assert "ดำเนินการเสร็จเรียบร้อยแล้ว" in csv_text


def test_upload_evidence_file_and_download_it(demo, coordinator, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = as_user(coordinator)
    pdf = SimpleUploadedFile("รายงาน.pdf", b"%PDF-1.4\n%test\n", content_type="text/html")
    response = status_post(client, demo, 3, files=pdf)
    assert response.status_code == 302
    evidence = StatusUpdate.objects.filter(measure=m(demo, 3)).first().evidence.get()
    assert evidence.content_type == "application/pdf"
    download = client.get(reverse("evidence_download", args=["ummao", evidence.pk]))
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]


def test_upload_with_wrong_content_is_refused(demo, coordinator, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = StatusUpdate.objects.count()
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = status_post(as_user(coordinator), demo, 3, files=fake)
    assert response.status_code == 400
    after_files = between(response.content.decode(), 'name="files"', "</form>")
    assert "ชนิดไฟล์ไม่อนุญาต" in after_files  # next to the files field
    assert StatusUpdate.objects.count() == before


def between(page: str, start: str, end: str) -> str:
    """The part of the page from `start` to the next `end`."""
    part = page[page.index(start) :]
    return part[: part.index(end)]


def test_a_bad_link_is_said_next_to_the_links_field(demo, coordinator, as_user):
    before = StatusUpdate.objects.count()
    response = status_post(as_user(coordinator), demo, 3, links="javascript:alert(1)")
    assert response.status_code == 400
    page = response.content.decode()
    message = "ลิงก์ไม่ถูกต้อง: javascript:alert(1)"
    assert message in between(page, 'name="links"', 'name="files"')
    assert message not in between(page, "<form", 'name="status"')  # not at the top
    assert StatusUpdate.objects.count() == before


def test_user_text_is_escaped(demo, coordinator, as_user):
    client = as_user(coordinator)
    status_post(client, demo, 1, note="<script>alert('x')</script>")
    html = client.get(reverse("measure_detail", args=["ummao", m(demo, 1).pk])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
