"""Result entry and import, analysis and suggestions, SVG charts, the panel; access per persona."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse
from openpyxl import load_workbook
from tests.pending_catalogue import in_english

from prongsai.assessments import charts, services
from prongsai.assessments import urls as assessment_urls
from prongsai.assessments.models import ItaResult
from prongsai.core.policy import policy_of
from prongsai.measures.models import Measure

pytestmark = pytest.mark.urls("tests.assessments.urls")
SVG = "{http://www.w3.org/2000/svg}"


def url(name, *args):
    return reverse(f"assessments:{name}", args=["ummao", *args])


def result_post(**extra):
    data = {"version": "0", "published_total": "", "published_band": "", "published_rating": ""}
    data.update(extra)
    return data


def all_at(score):
    return {f"ind_{n}": score for n in range(1, 11)}


def test_every_view_declares_a_policy():
    patterns = [p for p in assessment_urls.urlpatterns if isinstance(p, URLPattern)]
    assert len(patterns) == 8
    assert all(policy_of(p.callback) == "authenticated" for p in patterns)


# -- result form -------------------------------------------------------------------------------


def test_form_saves_and_shows_entered_and_computed_when_they_disagree(demo, coordinator, as_user):
    client = as_user(coordinator)
    page = client.get(url("result", 2565))
    assert (
        page.status_code == 200 and 'name="ind_10"' in page.text and 'name="item_O42"' in page.text
    )
    response = client.post(
        url("result", 2565),
        result_post(published_total="85", published_band="A", **all_at("82.48")),
    )
    assert response.status_code == 302
    saved = ItaResult.objects.get(agency=demo, fiscal_year=2565)
    assert saved.published_total == 85 and saved.computed["band"] == "B"
    page = client.get(url("result", 2565)).text
    assert "ตัวเลขที่กรอกไม่ตรงกับที่คำนวณตามเกณฑ์ของปี" in page
    assert "คะแนนรวมที่กรอก 85.00 ไม่ตรงกับคะแนนรวมที่คำนวณตามเกณฑ์ปี 2565 (82.48)" in page
    assert "ระดับที่กรอก A ไม่ตรงกับเกณฑ์ปี 2565" in page
    assert "<b>85.00</b>" in page and "<b>82.48</b>" in page
    assert "<b>A</b>" in page and "<b>B</b>" in page


def test_form_with_items_and_agreeing_published_figures(demo, coordinator, as_user):
    data = result_post(published_total="89.00", published_band="A", published_rating="ผ่าน")
    data |= {f"ind_{n}": "90" for n in range(1, 9)}
    data |= {f"item_O{n}": "0" if n == 42 else "1" for n in range(1, 44)}
    assert as_user(coordinator).post(url("result", 2565), data).status_code == 302
    saved = ItaResult.objects.get(agency=demo, fiscal_year=2565)
    assert saved.source == "items" and saved.computed["total"] == 89.0
    page = as_user(coordinator).get(url("result", 2565)).text
    assert "ตัวเลขที่กรอกไม่ตรงกับที่คำนวณ" not in page
    assert "O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in page
    assert 'value="0" selected' in page  # the form shows O42 as entered


def test_bad_input_is_400_with_a_message_and_changes_nothing(demo, coordinator, as_user):
    response = as_user(coordinator).post(url("result", 2565), result_post(ind_1="90"))
    assert response.status_code == 400
    assert "ขาดคะแนนตัวชี้วัด" in response.text and "missing scores" not in response.text
    client = as_user(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with in_english():
        english = client.post(url("result", 2565), result_post(ind_1="90"))
    assert "missing scores for indicators 2" in english.text and "ขาดคะแนน" not in english.text
    assert not ItaResult.objects.filter(agency=demo, fiscal_year=2565).exists()


def test_stale_form_is_409_and_keeps_the_newer_result(demo, coordinator, as_user, result_2564):
    response = as_user(coordinator).post(
        url("result", 2564), result_post(version="0", published_total="70")
    )
    assert response.status_code == 409
    assert "มีผู้อื่นแก้ไขรายการนี้" in response.text
    assert f'name="version" value="{result_2564.version}"' in response.text
    assert ItaResult.objects.get(pk=result_2564.pk).published_total is None


def test_year_without_framework_offers_published_figures_only(demo, coordinator, as_user):
    client = as_user(coordinator)
    page = client.get(url("result", 2563))
    assert "ind_1" not in page.text and "published_total" in page.text
    response = client.post(
        url("result", 2563), result_post(published_total="78.50", published_band="B")
    )
    assert response.status_code == 302
    assert ItaResult.objects.get(agency=demo, fiscal_year=2563).band == "B"
    assert client.get(url("result_import", 2563)).status_code == 404
    assert client.get(url("template_csv", 2563)).status_code == 404
    assert client.get("/a/ummao/1999/result/").status_code == 404  # not a fiscal year


# -- import and templates ----------------------------------------------------------------------


def filled_csv(template: bytes, values: dict[str, str]) -> bytes:
    rows = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    for row in rows[1:]:
        row[1] = values.get(row[0], "")
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


DEMO_LIKE = {str(n): "90" for n in range(1, 9)} | {
    f"O{n}": "0" if n == 42 else "1" for n in range(1, 44)
}


def test_csv_template_round_trip(demo, coordinator, as_user):
    client = as_user(coordinator)
    template = client.get(url("template_csv", 2565))
    assert template["Content-Disposition"] == 'attachment; filename="ita-2565-template.csv"'
    assert "O42,,มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in template.content.decode(
        "utf-8-sig"
    )
    data = filled_csv(template.content, DEMO_LIKE | {"total": "89", "band": "A"})
    upload = SimpleUploadedFile("ita.csv", data, content_type="text/csv")
    response = client.post(url("result_import", 2565), {"file": upload})
    assert response.status_code == 302, response.text
    saved = ItaResult.objects.get(agency=demo, fiscal_year=2565)
    assert saved.computed["total"] == 89.0 and saved.item_results["O42"] is False
    assert saved.published_total == 89 and saved.published_band == "A"


def test_xlsx_template_round_trip_keeps_published_figures(demo, coordinator, as_user):
    client = as_user(coordinator)
    client.post(url("result", 2565), result_post(published_total="89.00", published_band="A"))
    template = client.get(url("template_xlsx", 2565))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(template.content))
    sheet = workbook.active
    names = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    assert names["1"] == "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่" and names["O1"] == "โครงสร้าง"
    for row in sheet.iter_rows(min_row=2):
        value = DEMO_LIKE.get(row[0].value)
        if value is not None:
            row[1].value = int(value)
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("ita.xlsx", out.getvalue())
    assert client.post(url("result_import", 2565), {"file": upload}).status_code == 302
    saved = ItaResult.objects.get(agency=demo, fiscal_year=2565)
    assert saved.source == "items" and saved.computed["total"] == 89.0
    assert saved.published_total == 89 and saved.published_band == "A"  # kept
    assert saved.version == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "ไฟล์ว่างเปล่า"),
        (b"%PDF-1.4 not a table", "ไฟล์นี้ไม่ใช่ไฟล์ CSV (ต้องเป็นไฟล์ CSV หรือ XLSX"),
        (b"code,value\nO99,1\n", "แถวที่ 2: รหัส O99 ไม่มีในกรอบการประเมินปี 2565"),
        (b"code,value\n1,90\n", "ขาดคะแนนตัวชี้วัด 2"),
        (b"code,value\n" + b"\n" * 3000 + b"1,90\n", "(มีข้อมูลที่แถวที่ 3,002)"),
    ],
)
def test_import_refuses_a_bad_file(demo, coordinator, as_user, content, message):
    """What is wrong with the file is said next to the file field; what is wrong with the
    scores it holds (they concern no field of this form) at the top of the form."""
    upload = SimpleUploadedFile("ita.csv", content)
    response = as_user(coordinator).post(url("result_import", 2565), {"file": upload})
    assert response.status_code == 400
    assert message in response.text
    after_field = response.text[response.text.index('name="file"') :]
    after_field = after_field[: after_field.index("</form>")]
    assert (message in after_field) is (not message.startswith("ขาดคะแนน"))
    assert not ItaResult.objects.filter(agency=demo, fiscal_year=2565).exists()


def test_import_without_a_file(demo, coordinator, as_user):
    response = as_user(coordinator).post(url("result_import", 2565), {})
    assert response.status_code == 400 and "เลือกไฟล์ที่จะนำเข้า" in response.text


# -- analysis and suggestions ------------------------------------------------------------------


def test_analysis_lists_weak_indicators_and_failed_items_by_points(
    demo, coordinator, as_user, result_2564
):
    page = as_user(coordinator).get(url("analysis", 2565)).text
    assert "วิเคราะห์ผลการประเมิน ITA ปี 2564 เพื่อจัดทำมาตรการปี 2565" in page
    weak = page[page.index('id="weak-indicators"') : page.index('id="failed-items"')]
    for code, name in [
        ("2", "การใช้งบประมาณ"),
        ("5", "การแก้ไขปัญหาการทุจริต"),
        ("10", "การป้องกันการทุจริต"),
    ]:
        assert f"{code} {name}" in weak
    assert "1 การปฏิบัติหน้าที่" not in weak
    failed = page[page.index('id="failed-items"') :]
    failed = failed[: failed.index("</table>")]
    assert failed.index("O42") < failed.index("O31")
    assert "+5.00" in failed and "+0.80" in failed
    assert "ไม่มีผล ITA ปี 2563" in page
    assert page.count("สร้างเป็นมาตรการปี 2565") >= 3
    assert "csrfmiddlewaretoken" in page


def test_one_click_creates_a_linked_measure_for_2565(demo, coordinator, as_user, result_2564):
    client = as_user(coordinator)
    before = Measure.objects.filter(agency=demo, fiscal_year=2565).count()
    response = client.post(url("adopt_suggestion", 2565, "integrity-measures"))
    assert response.status_code == 302 and response["Location"] == url("analysis", 2565)
    measure = Measure.objects.filter(agency=demo, fiscal_year=2565).latest("number")
    assert Measure.objects.filter(agency=demo, fiscal_year=2565).count() == before + 1
    assert measure.indicator_codes == ["10", "O42"]
    assert measure.title == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    page = client.get(url("analysis", 2565)).text
    assert "สร้างแล้ว" in page and reverse("measure_detail", args=["ummao", measure.pk]) in page
    again = client.post(url("adopt_suggestion", 2565, "integrity-measures"), follow=True)
    assert "มีมาตรการ “มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน” ของปี 2565 แล้ว" in again.text
    assert Measure.objects.filter(agency=demo, fiscal_year=2565).count() == before + 1


def test_the_coordinator_may_choose_the_division(demo, coordinator, as_user, result_2564):
    chang = demo.divisions.get(name="กองช่าง")
    as_user(coordinator).post(
        url("adopt_suggestion", 2565, "complaint-handling"), {"division": chang.pk}
    )
    measure = Measure.objects.get(
        agency=demo, fiscal_year=2565, title__startswith="มาตรการจัดการเรื่องร้องเรียน"
    )
    assert list(measure.divisions.all()) == [chang]


def test_foreign_division_is_refused(demo, coordinator, as_user, result_2564, other_agency):
    foreign = other_agency.divisions.first()
    response = as_user(coordinator).post(
        url("adopt_suggestion", 2565, "integrity-measures"), {"division": foreign.pk}, follow=True
    )
    assert "ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้" in response.text
    assert not Measure.objects.filter(agency=demo, fiscal_year=2565, number=7).exists()


def test_analysis_without_a_result(demo, viewer, as_user):
    page = as_user(viewer).get(url("analysis", 2567)).text
    assert "ยังไม่ได้บันทึกผลการประเมิน ITA ปี 2566" in page


def test_csrf_is_required(demo, coordinator, result_2564):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(url("adopt_suggestion", 2565, "integrity-measures")).status_code == 403
    assert client.post(url("result", 2565), result_post(**all_at("90"))).status_code == 403


# -- access ------------------------------------------------------------------------------------


def read_urls():
    return [
        url("result", 2564),
        url("analysis", 2565),
        url("template_csv", 2565),
        url("template_xlsx", 2565),
        url("indicators_svg"),
        url("tools_svg", 2564),
    ]


@pytest.mark.parametrize("persona", ["executive", "viewer", "reporter_chang"])
def test_other_staff_read_but_may_not_write(request, demo, result_2564, as_user, persona):
    client = as_user(request.getfixturevalue(persona))
    for address in read_urls():
        assert client.get(address).status_code == 200, address
    page = client.get(url("analysis", 2565)).text
    assert "สร้างเป็นมาตรการปี" not in page
    assert '<form method="post" class="card">' not in client.get(url("result", 2564)).text
    assert client.post(url("result", 2564), result_post(**all_at("90"))).status_code == 403
    assert client.get(url("result_import", 2564)).status_code == 403
    assert client.post(url("result_import", 2564), {}).status_code == 403
    assert client.post(url("adopt_suggestion", 2565, "integrity-measures")).status_code == 403
    assert ItaResult.objects.get(pk=result_2564.pk).version == 1
    assert not Measure.objects.filter(agency=demo, fiscal_year=2565, number=7).exists()


def test_complaint_officer_is_not_staff(demo, complaint_officer, as_user, result_2564):
    assert as_user(complaint_officer).get(url("analysis", 2565)).status_code == 403


def test_outsider_gets_404_everywhere(demo, outsider, as_user, result_2564):
    client = as_user(outsider)
    for address in [*read_urls(), url("result_import", 2564)]:
        assert client.get(address).status_code == 404, address
    assert client.post(url("result", 2564), result_post(**all_at("90"))).status_code == 404
    assert client.post(url("adopt_suggestion", 2565, "integrity-measures")).status_code == 404


def test_anonymous_is_sent_to_login(demo, as_user):
    client = as_user(None)
    for address in [*read_urls(), url("result_import", 2564)]:
        response = client.get(address)
        assert response.status_code == 302 and "/login/" in response["Location"], address
    assert client.post(url("adopt_suggestion", 2565, "integrity-measures")).status_code == 302


def test_adopt_is_post_only(demo, coordinator, as_user):
    assert (
        as_user(coordinator).get(url("adopt_suggestion", 2565, "integrity-measures")).status_code
        == 405
    )


# -- SVG charts --------------------------------------------------------------------------------


def parse_svg(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 - our own output, in a test
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox", "").startswith(f"0 0 {charts.WIDTH} ")
    assert root.get("width") is None  # scales to its container
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}style"))
    assert all(e.get("style") is None for e in root.iter())
    return root


def texts(root):
    return " ".join(t.text or "" for t in root.iter(f"{SVG}text"))


def threshold_line(root):
    (line,) = [e for e in root.iter(f"{SVG}line") if e.get("id") == "threshold-line"]
    return line


def test_tools_svg_draws_the_85_line_and_thai_labels(demo, viewer, as_user, result_2564):
    root = parse_svg(as_user(viewer).get(url("tools_svg", 2564)))
    line = threshold_line(root)
    assert line.get("data-threshold") == "85" and line.get("x1") == line.get("x2")
    # x of 85 on the 0-100 scale drawn from 10 to 270.
    assert float(line.get("x1")) == pytest.approx(10 + 260 * 0.85, abs=0.1)
    words = texts(root)
    for label in ("คะแนนรายเครื่องมือ ITA 2564", "IIT", "EIT", "OIT", "คะแนนรวม", "85.43", "84.92"):
        assert label in words
    assert "เกณฑ์ผ่าน 85" in words


def test_indicators_svg_across_years(demo, coordinator, viewer, as_user, result_2564):
    for year, score in ((2565, "88"), (2566, "91")):
        services.record_result(
            actor=coordinator,
            agency=demo,
            fiscal_year=year,
            indicator_scores={str(n): score for n in range(1, 11)},
        )
    root = parse_svg(as_user(viewer).get(url("indicators_svg")))
    threshold_line(root)
    words = texts(root)
    assert "การปฏิบัติหน้าที่" in words and "การปรับปรุงระบบการทำงาน" in words
    assert "ITA 2564" in words and "ITA 2565" in words and "ITA 2566" in words
    assert "2564 80.12" in words and "2566 91.00" in words
    assert len([r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]) == 30


def test_empty_charts_are_valid_too(demo, viewer, as_user):
    ItaResult.objects.filter(agency=demo).delete()
    assert "ยังไม่มีผลการประเมิน" in texts(parse_svg(as_user(viewer).get(url("indicators_svg"))))
    assert "ยังไม่มีคะแนนรายเครื่องมือของปี 2570" in texts(
        parse_svg(as_user(viewer).get(url("tools_svg", 2570)))
    )


def test_every_text_is_escaped():
    nasty = "<script>alert(\"x\")</script> & ข้อ '1'"
    svg = charts.bar_chart(
        title=nasty,
        bars=[charts.Bar(nasty, [(nasty, 50.0, '"/><script>')])],
        legend=[(nasty, "#000")],
    )
    root = ET.fromstring(svg.encode("utf-8"))  # noqa: S314 - our own output
    assert not list(root.iter(f"{SVG}script"))
    assert nasty in texts(root)


# -- the agency-page panel ---------------------------------------------------------------------


def render_panel(demo, year):
    return render_to_string("assessments/_agency_panel.html", {"agency": demo, "year": year})


def test_panel_shows_both_charts_and_links(demo, result_2564):
    html = render_panel(demo, 2565)
    assert f'src="{url("tools_svg", 2564)}"' in html  # 2565 not recorded yet: the 2564 result
    assert f'src="{url("indicators_svg")}"' in html
    assert url("analysis", 2565) in html and url("result", 2564) in html
    assert "ITA 2564: 85.43" in html and "ระดับ A" in html
    assert "style=" not in html and "<script" not in html


def test_panel_queries_do_not_grow_with_years(demo, coordinator):
    counts = []
    for year in range(2564, 2570):
        services.record_result(
            actor=coordinator,
            agency=demo,
            fiscal_year=year,
            indicator_scores={str(n): "90" for n in range(1, 11)},
        )
        with CaptureQueriesContext(connection) as ctx:
            render_panel(demo, 2570)
        counts.append(len(ctx.captured_queries))
    assert counts == [1] * len(counts)


def test_indicators_chart_queries_do_not_grow_with_years(demo, coordinator, viewer, as_user):
    client = as_user(viewer)
    counts = []
    for year in (2565, 2566, 2567):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("indicators_svg")).status_code == 200
        counts.append(len(ctx.captured_queries))
        services.record_result(
            actor=coordinator,
            agency=demo,
            fiscal_year=year,
            indicator_scores={str(n): "90" for n in range(1, 11)},
        )
    assert len(set(counts)) == 1


def test_charts_fit_their_viewbox_in_sizes_readable_on_a_phone(
    demo, coordinator, viewer, as_user, result_2564
):
    for year, score in ((2565, "88"), (2566, "91")):
        services.record_result(
            actor=coordinator,
            agency=demo,
            fiscal_year=year,
            indicator_scores={str(n): score for n in range(1, 11)},
        )
    client = as_user(viewer)
    for name, args in (("tools_svg", (2564,)), ("indicators_svg", ())):
        root = parse_svg(client.get(url(name, *args)))
        width = float(root.get("viewBox").split()[2])
        # Shown about 1:1 in a 390 px phone's column (and the wide screen's side column).
        assert width <= 360
        for text in root.iter(f"{SVG}text"):
            size = float(text.get("font-size"))
            assert size >= 13, text.text
            drawn = charts.text_width(text.text, size)
            x = float(text.get("x"))
            left = {"end": x - drawn, "middle": x - drawn / 2}.get(text.get("text-anchor"), x)
            assert 0 <= left and left + drawn <= width, text.text


def test_long_labels_wrap_at_spaces():
    label = "ตัวชี้วัด " * 12
    svg = charts.bar_chart(title="ชื่อ", bars=[charts.Bar(label, [("", 50.0, "#000")])])
    root = ET.fromstring(svg.encode("utf-8"))  # noqa: S314 - our own output
    lines = [t.text for t in root.iter(f"{SVG}text") if t.text and "ตัวชี้วัด" in t.text]
    assert len(lines) > 1 and " ".join(lines) == label.strip()
    assert all(charts.text_width(line, 15) <= charts.WIDTH - 2 * charts.PAD for line in lines)
