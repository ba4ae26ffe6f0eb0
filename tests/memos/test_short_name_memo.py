"""The implementation report's status table words each measure by its short name, in
the memo and so in both the DOCX and the PDF; the measures table keeps the full title."""

import io

import docx

from prongsai.demo.agency import YEAR
from prongsai.measures import services
from prongsai.measures.models import Measure
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.render_docx import render_docx
from prongsai.memos.render_pdf import render_pdf

SHORT = "มีมาตรการลดขั้นตอนการให้บริการ"


def first(demo):
    return Measure.objects.get(agency=demo, fiscal_year=YEAR, number=1)


def test_status_table_words_the_measure_by_its_short_name(demo, coordinator, as_of, pdf_reader):
    measure = first(demo)
    services.update_measure(
        actor=coordinator, measure=measure, expected_version=measure.version, short_name=SHORT
    )
    memo = build_implementation.build(demo, YEAR, as_of=as_of)
    (measures,) = memo.tables("measures")
    (status,) = memo.tables("status")
    assert measures.body_rows()[0].cells[0].text == f"(๑) {measure.title}"
    assert status.body_rows()[0].cells[0].text == f"(๑) {SHORT}"
    # Measures without a short name keep their title in both tables.
    assert status.body_rows()[1].cells[0].text == measures.body_rows()[1].cells[0].text

    document = docx.Document(io.BytesIO(render_docx(memo)))
    status_rows = document.tables[1].rows
    assert status_rows[2].cells[0].text == f"(๑) {SHORT}"
    assert document.tables[0].rows[1].cells[0].text == f"(๑) {measure.title}"

    pages = pdf_reader.pages(render_pdf(memo))
    text = pdf_reader.squeeze("".join(line for page in pages for line, _box in page))
    assert pdf_reader.squeeze(f"(๑) {SHORT}") in text
    assert pdf_reader.squeeze(measure.title) in text
