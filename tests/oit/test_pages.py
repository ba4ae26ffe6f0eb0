"""The checklist pages: who sees what, editing one item, the filters, the XLSX."""

import io

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from prongsai.agencies.models import Division
from prongsai.oit.models import LinkCheck, OitItem
from prongsai.oit.selectors import checklist

PAGE = "/a/ummao/2565/oit/"


def _codes(response) -> list[str]:
    return [row.code for row in response.context["data"].rows]


def test_the_coordinator_sees_every_item_with_progress(demo, coordinator, as_user):
    response = as_user(coordinator).get(PAGE)
    assert response.status_code == 200
    assert len(_codes(response)) == 43
    progress = response.context["data"].progress
    assert (progress.total, progress.has, progress.broken) == (43, 2, 1)  # O1, O2; O21 broken
    html = response.content.decode()
    assert "ลิงก์เสีย" in html and "/a/ummao/2565/oit/O21/" in html
    missing = as_user(coordinator).get(PAGE + "?show=missing")
    assert len(_codes(missing)) == 41
    assert _codes(as_user(coordinator).get(PAGE + "?show=broken")) == ["O21"]
    assert as_user(coordinator).get(PAGE + "?show=<script>").status_code == 200


def test_the_agency_year_page_links_the_checklist(demo, coordinator, as_user):
    assert PAGE.encode() in as_user(coordinator).get("/a/ummao/2565/").content


def test_a_reporter_sees_and_edits_only_their_divisions_items(demo, reporter_chang, as_user):
    client = as_user(reporter_chang)
    assert _codes(client.get(PAGE)) == []  # กองช่าง answers no item yet
    palad = Division.objects.get(agency=demo, name="สำนักปลัด")
    palad_codes = set(
        OitItem.objects.filter(agency=demo, fiscal_year=2565, division=palad).values_list(
            "code", flat=True
        )
    )
    assert client.get(PAGE + "O31/").status_code == 403
    item = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O31")
    response = client.post(
        PAGE + "O31/", {"url": "https://x.example/", "state": "published", "version": item.version}
    )
    assert response.status_code == 403
    assert OitItem.objects.get(pk=item.pk).url == ""
    assert palad_codes >= {"O1", "O31"}


def test_a_reporter_updates_an_item_of_their_division(demo, reporter_palad, as_user):
    client = as_user(reporter_palad)
    codes = _codes(client.get(PAGE))
    assert "O31" in codes and "O21" not in codes  # O21 is กองคลัง's
    form = client.get(PAGE + "O31/")
    assert set(form.context["form"].fields) == {"url", "state", "notes", "version"}
    item = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O31")
    response = client.post(
        PAGE + "O31/",
        {
            "url": "www.ummao.go.th/ita/o31",
            "state": "published",
            "notes": "ลงเว็บแล้ว",
            "version": item.version,
            "division": "",  # not the reporter's to change: ignored
        },
    )
    assert response.status_code == 302 and response["Location"] == PAGE
    saved = OitItem.objects.get(pk=item.pk)
    assert saved.url == "https://www.ummao.go.th/ita/o31" and saved.division_id
    page = client.get(PAGE + "O31/")
    assert "O31" in page.content.decode() and page.context["history"]


def test_the_coordinator_edits_every_field_and_sees_a_stale_edit(demo, coordinator, as_user):
    client = as_user(coordinator)
    item = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O9")
    division = Division.objects.get(agency=demo, name="กองช่าง")
    data = {
        "division": division.pk,
        "person": coordinator.pk,
        "due_date": "30/04/2565",
        "url": "https://www.ummao.go.th/social",
        "state": "published",
        "notes": "",
        "version": item.version,
    }
    assert client.post(PAGE + "O9/", data).status_code == 302
    saved = OitItem.objects.get(pk=item.pk)
    assert saved.due_date.isoformat() == "2022-04-30" and saved.division == division
    stale = client.post(PAGE + "O9/", {**data, "notes": "อีกครั้ง"})
    assert stale.status_code == 409 and stale.context["stale"]
    bad = client.post(PAGE + "O9/", {**data, "url": "ftp://x", "version": saved.version})
    assert bad.status_code == 400 and "url" in bad.context["form"].errors
    assert OitItem.objects.get(pk=item.pk).version == saved.version


def test_outsiders_and_anonymous_visitors(demo, outsider, viewer, as_user):
    assert as_user(outsider).get(PAGE).status_code == 404
    assert as_user(outsider).get(PAGE + "O1/").status_code == 404
    anonymous = as_user(None).get(PAGE)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    assert as_user(viewer).get(PAGE).status_code == 200
    assert as_user(viewer).get(PAGE + "O1/").status_code == 403
    assert as_user(viewer).get(PAGE + "O99/").status_code == 404


def test_posts_need_the_csrf_token(demo, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    item = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O9")
    response = client.post(PAGE + "O9/", {"state": "drafted", "version": item.version})
    assert response.status_code == 403
    assert OitItem.objects.get(pk=item.pk).version == item.version
    assert client.post("/a/ummao/2566/oit/open/").status_code == 403
    assert not OitItem.objects.filter(agency=demo, fiscal_year=2566).exists()


def test_opening_a_year_from_the_page(demo, coordinator, executive, as_user):
    assert as_user(executive).post("/a/ummao/2566/oit/open/").status_code == 403
    page = as_user(coordinator).get("/a/ummao/2566/oit/")
    assert not page.context["data"].opened and "/a/ummao/2566/oit/open/" in page.content.decode()
    response = as_user(coordinator).post("/a/ummao/2566/oit/open/")
    assert response.status_code == 302
    assert OitItem.objects.filter(agency=demo, fiscal_year=2566).count() == 43
    assert as_user(coordinator).get("/a/ummao/2600/oit/").status_code == 200  # no framework


def test_the_selector_reads_a_fixed_number_of_queries(demo, coordinator):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            checklist(demo, 2565)
        return len(ctx.captured_queries)

    before = count()
    for n, item in enumerate(OitItem.objects.filter(agency=demo, fiscal_year=2565)[:20]):
        OitItem.objects.filter(pk=item.pk).update(url=f"https://www.ummao.go.th/{n}")
        LinkCheck.objects.create(
            agency=demo, url=f"https://www.ummao.go.th/{n}", checked_at="2022-04-01T00:00Z", ok=True
        )
    assert count() == before <= 3


def test_the_xlsx_has_one_row_per_item(demo, coordinator, as_user):
    OitItem.objects.filter(agency=demo, fiscal_year=2565, code="O8").update(
        notes='=HYPERLINK("http://evil")'
    )
    response = as_user(coordinator).get("/a/ummao/2565/oit.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("ข้อ", "รายการ", "มี/ไม่มี", "ลิงก์")
    assert len(rows) == 44
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["O1"][2] == "มี" and by_code["O1"][3].endswith("/o1")
    assert by_code["O21"][2] == "ไม่มี" and by_code["O21"][8] == "ใช่"
    assert by_code["O8"][9] == '=HYPERLINK("http://evil")'
    assert sheet["J9"].data_type == "s"  # text, never a formula


def test_mine_is_my_divisions_items_or_mine_by_name(demo, reporter_palad, coordinator, as_user):
    palad = as_user(reporter_palad).get(PAGE + "?show=mine")
    assert {"O1", "O31"} <= set(_codes(palad)) and "O21" not in _codes(palad)
    assert _codes(as_user(coordinator).get(PAGE + "?show=mine")) == []
    item = OitItem.objects.get(agency=demo, fiscal_year=2565, code="O21")
    OitItem.objects.filter(pk=item.pk).update(person=coordinator)
    assert _codes(as_user(coordinator).get(PAGE + "?show=mine")) == ["O21"]
