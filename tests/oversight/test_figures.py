"""The oversight figures, read back from the CSV and XLSX exports, against the same facts
counted one agency at a time; filters and sorting."""

import csv
import io
from decimal import Decimal

import openpyxl
from django.http import FileResponse, StreamingHttpResponse

from prongsai.agencies.models import Agency, AgencyKind
from prongsai.assessments.models import ItaResult
from prongsai.measures.models import Measure
from prongsai.public.models import Publication
from tests.conftest import client_for
from tests.oversight.factory import make_agencies


def read_csv(response) -> list[dict[str, str]]:
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def read_xlsx(response) -> list[dict[str, object]]:
    assert isinstance(response, FileResponse) and response.streaming
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    lines = list(book.worksheets[0].iter_rows(values_only=True))
    return [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]


def expected(agencies):
    measures = list(
        Measure.objects.filter(agency__in=agencies, fiscal_year=2565).with_current_status()
    )
    done = sum(m.current_status == "done" for m in measures)
    return {"measures": len(measures), "done": done, "overdue": len(measures) - done}


def test_the_national_table_counts_what_the_agencies_hold(national):
    agencies = make_agencies(10, 10)
    Agency.objects.create(
        name="องค์การบริหารส่วนตำบลว่าง", kind=AgencyKind.SAO, province_code="46",
        district_code="4607", province="กาฬสินธุ์", head_title="นายก", slug="empty-one",
    )  # fmt: skip
    rows = read_csv(client_for(national).get("/o/2565/?format=csv"))
    assert [r["code"] for r in rows] == ["46"]
    row = rows[0]
    facts = expected(agencies)
    assert row["ชื่อ"] == "กาฬสินธุ์"
    assert row["หน่วยงาน"] == "11" and row["หน่วยงานที่มีมาตรการ"] == "10"
    assert row["มาตรการ"] == str(facts["measures"]) and row["เสร็จแล้ว"] == str(facts["done"])
    assert row["เลยกำหนด"] == str(facts["overdue"])
    assert row["รายงานที่อนุมัติ"] == "5"
    published = Publication.objects.filter(agency__in=agencies).count()
    assert row["รายงานที่เผยแพร่"] == str(published)
    # totals 81-84 and 86-89: the mean is 85.00 and half of them pass (at 85, from the file)
    assert row["บันทึกผล ITA"] == "8"
    assert Decimal(row["คะแนน ITA เฉลี่ย"]) == Decimal("85")
    assert Decimal(row["ร้อยละที่ผ่าน"]) == Decimal("50")


def test_every_agency_of_a_scope_exports_as_xlsx(kalasin):
    make_agencies(0, 6)
    response = client_for(kalasin).get("/o/2565/46/?rows=agencies&format=xlsx&sort=name")
    rows = read_xlsx(response)
    assert len(rows) == 6
    assert [r["ชื่อ"] for r in rows] == sorted(r["ชื่อ"] for r in rows)
    assert {r["อำเภอ"] for r in rows} == {"ยางตลาด", "เมืองกาฬสินธุ์"}
    district = read_xlsx(client_for(kalasin).get("/o/2565/46/4607/?format=xlsx"))
    assert len(district) == 3 and all(r["code"].startswith("bulk-46-") for r in district)


def test_a_computed_result_counts_before_the_published_figures(national):
    agencies = make_agencies(10, 10)
    ItaResult.objects.filter(agency=agencies[1]).update(computed={"total": 95.5, "band": "AA"})
    client = client_for(national)
    rows = read_csv(client.get("/o/2565/46/4607/?format=csv&ita=AA"))
    assert [r["code"] for r in rows] == [agencies[1].slug]
    assert rows[0]["คะแนน ITA"] == "95.50" and rows[0]["AA"] == "1"


def test_filters_narrow_the_agencies(national):
    agencies = make_agencies(10, 10)
    Agency.objects.create(
        name="องค์การบริหารส่วนตำบลว่าง", kind=AgencyKind.SAO, province_code="46",
        district_code="4607", province="กาฬสินธุ์", head_title="นายก", slug="empty-one",
    )  # fmt: skip
    client = client_for(national)

    def slugs(query):
        return {
            r["code"] for r in read_csv(client.get(f"/o/2565/46/?rows=agencies&format=csv&{query}"))
        }

    everything = {a.slug for a in agencies} | {"empty-one"}
    assert slugs("") == everything
    assert slugs("kind=sao") == {a.slug for a in Agency.objects.filter(kind="sao")}
    assert slugs("measures=no") == {"empty-one"}
    assert slugs("measures=yes") == everything - {"empty-one"}
    published = {p.agency.slug for p in Publication.objects.all()}
    assert slugs("published=yes") == published
    assert slugs("published=no") == everything - published
    totals = {r.agency.slug: r.published_total for r in ItaResult.objects.all()}
    assert slugs("ita=pass") == {s for s, t in totals.items() if t >= 85}
    assert slugs("ita=fail") == {s for s, t in totals.items() if t < 85}
    assert slugs("ita=none") == everything - set(totals)
    assert slugs("kind=nonsense&ita=zzz") == everything  # unknown values are dropped
    # the national table of one kind counts only those agencies
    rows = read_csv(client.get("/o/2565/?format=csv&kind=sao"))
    assert rows[0]["หน่วยงาน"] == str(Agency.objects.filter(kind="sao").count())


def test_sorting_on_a_column_and_a_bad_key_ignored(national):
    make_agencies(10, 10)
    client = client_for(national)
    rows = read_csv(client.get("/o/2565/46/4607/?format=csv&sort=-ita_mean"))
    means = [Decimal(r["คะแนน ITA"]) for r in rows if r["คะแนน ITA"]]
    assert means == sorted(means, reverse=True)
    assert rows[-1]["คะแนน ITA"] == ""  # without a result: last, whichever direction
    by_name = read_csv(client.get("/o/2565/46/4607/?format=csv&sort=password"))
    assert [r["ชื่อ"] for r in by_name] == sorted(r["ชื่อ"] for r in by_name)
    page = client.get("/o/2565/46/?sort=__class__")
    assert page.status_code == 200 and b"aria-sort" not in page.content
    page = client.get("/o/2565/46/?sort=-done")
    assert b'aria-sort="descending"' in page.content


def test_pages_show_the_tables_and_charts(national):
    make_agencies(10, 10)
    body = client_for(national).get("/o/2565/").content.decode()
    assert 'href="/o/2565/46/"' in body and "<svg" in body
    body = client_for(national).get("/o/2565/46/").content.decode()
    assert 'href="/o/2565/46/4607/"' in body and 'href="/o/2565/a/bulk-46-00011/"' in body


def test_band_columns_only_for_years_whose_framework_has_bands(national):
    make_agencies(10, 2)
    client = client_for(national)
    with_bands = read_csv(client.get("/o/2565/?format=csv"))[0]
    without = read_csv(client.get("/o/2566/?format=csv"))[0]
    assert "AA" in with_bands and "F" in with_bands and "ร้อยละที่ผ่าน" in with_bands
    assert "AA" not in without and "ร้อยละที่ผ่าน" in without
    # the agencies exist in every year; 2566 holds none of their work
    assert without["หน่วยงาน"] == "2" and without["มาตรการ"] == "0"
