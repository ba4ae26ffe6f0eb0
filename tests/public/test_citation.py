"""The published implementation report cites the measures memo by the date its report
carries (public passes it down to the memo builder)."""

import datetime as dt

import pypdfium2 as pdfium

from prongsai.demo.agency import AS_OF, YEAR
from prongsai.memos.builders.common import Citation
from prongsai.memos.kinds import MemoKind
from prongsai.public.models import Report
from prongsai.public.services_reports import measures_citation, render_report_pdf


def pdf_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "".join("".join(p.get_textpage().get_text_range().split()) for p in doc)
    finally:
        doc.close()


def test_no_dated_measures_report_no_citation(demo):
    assert measures_citation(demo, YEAR) is None
    Report.objects.create(agency=demo, fiscal_year=YEAR, kind=MemoKind.MEASURES, as_of=AS_OF)
    assert measures_citation(demo, YEAR) is None


def test_the_implementation_report_cites_the_dated_measures_memo(demo):
    Report.objects.create(
        agency=demo,
        fiscal_year=YEAR,
        kind=MemoKind.MEASURES,
        as_of=AS_OF,
        dated=dt.date(2021, 11, 15),
    )
    # Another year's measures report is never cited.
    Report.objects.create(
        agency=demo, fiscal_year=YEAR + 1, kind=MemoKind.MEASURES, as_of=AS_OF, dated=AS_OF
    )
    assert measures_citation(demo, YEAR) == Citation(dated=dt.date(2021, 11, 15))
    text = pdf_text(render_report_pdf(demo, YEAR, MemoKind.IMPLEMENTATION, AS_OF))
    assert "ลงวันที่๑๕พฤศจิกายน๒๕๖๔มีรายละเอียดดังนี้" in text
    measures = pdf_text(render_report_pdf(demo, YEAR, MemoKind.MEASURES, AS_OF))
    assert "ลงวันที่๑๕" not in measures
