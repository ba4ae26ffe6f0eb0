"""documents.memos: kinds, formats, and the agency's own previous ITA result."""

import pytest
from tests.pending_catalogue import refusal

from prongsai.assessments.models import ItaResult
from prongsai.assessments.services import record_result
from prongsai.demo.agency import AS_OF, YEAR
from prongsai.memos.service import (
    UnknownMemoError,
    build_memo,
    previous_result_of,
    render_memo,
)
from prongsai.thai.digits import to_thai_digits


def test_previous_result_is_the_agencys_own(demo):
    own = ItaResult.objects.get(agency=demo, fiscal_year=YEAR - 1)
    assert previous_result_of(demo, YEAR) == (own.total, own.band)
    assert previous_result_of(demo, YEAR + 5) is None


def test_the_memo_cites_it_and_never_another_agency(demo, other_agency, coordinator):
    record_result(
        actor="test",
        agency=other_agency,
        fiscal_year=YEAR - 1,
        published_total="82.48",
        published_band="B",
        published_rating="ผ่าน",
    )
    own = ItaResult.objects.get(agency=demo, fiscal_year=YEAR - 1)
    memo = build_memo(demo, YEAR, "implementation", as_of=AS_OF)
    text = "\n".join(t for _, t in memo.iter_text())
    score = to_thai_digits(f"{own.total:.2f}")
    assert f"พ.ศ. ๒๕๖๔ ของ{demo.full_name} มีค่าคะแนนเท่ากับ {score} คะแนน" in text
    assert "๘๒.๔๘" not in text
    assert other_agency.name not in text and "สุโขทัย" not in text


def test_no_result_recorded_no_sentence(demo):
    memo = build_memo(demo, YEAR + 1, "measures", as_of=AS_OF)
    assert "มีค่าคะแนนเท่ากับ" not in "\n".join(p.text for p in memo.paragraphs())


def test_unknown_kind_and_format(demo):
    with pytest.raises(UnknownMemoError, match="^ไม่รู้จักชนิดเอกสาร “budget” "):
        build_memo(demo, YEAR, "budget")
    found = refusal(UnknownMemoError, lambda: render_memo(demo, YEAR, "implementation", "odt"))
    assert found == (
        "ไม่รู้จักรูปแบบไฟล์ “odt” (มี: pdf, docx)",
        "unknown format “odt” (known: pdf, docx)",
    )


def test_file_names(demo):
    file = render_memo(demo, YEAR, "measures", "docx", as_of=AS_OF)
    assert file.filename == "ummao-2565-measures-2022-03-31.docx"
    assert file.content.startswith(b"PK")


def test_a_measures_memo_reads_last_years_result_once(demo, monkeypatch):
    from prongsai.memos import service

    calls = []

    def counted(agency, fiscal_year):
        calls.append((agency.pk, fiscal_year))
        return analysis

    analysis = service.memo_analysis(demo, YEAR)
    assert analysis is not None and analysis.weak_indicators  # the demo has weaknesses to cite
    monkeypatch.setattr(service, "memo_analysis", counted)
    memo = build_memo(demo, YEAR, "measures", as_of=AS_OF)
    assert calls == [(demo.pk, YEAR)]
    text = "\n".join(t for _, t in memo.iter_text())
    assert "ประเด็นที่ต้องปรับปรุง" in text and "มีค่าคะแนนเท่ากับ" in text
