"""Control characters (from pasted or imported text) never reach a memo's DOCX or XML."""

import io
import re

import docx

from prongsai.measures import services
from prongsai.memos.model import Header, Memo, Paragraph

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def test_measures_are_saved_without_control_characters(demo, coordinator):
    measure = services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        title="มาตรการ\x0bทดสอบ\x01",
        steps=["ขั้น\x0cตอน"],
        divisions=list(demo.divisions.all()[:1]),
        monitoring="ติดตาม\x00",
    )
    measure.refresh_from_db()
    assert measure.title == "มาตรการทดสอบ" and measure.steps == ["ขั้นตอน"]
    assert measure.monitoring == "ติดตาม"


def test_the_docx_of_such_a_measure_opens_and_holds_its_text(demo, coordinator, as_user):
    services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        title="มาตรการ\x0bทดสอบ\x01",
        steps=["ขั้น\x0cตอน"],
        divisions=list(demo.divisions.all()[:1]),
    )
    response = as_user(coordinator).get("/a/ummao/2565/memo/implementation.docx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    texts = [p.text for p in document.paragraphs] + cells
    assert any("มาตรการทดสอบ" in t for t in texts)
    assert not any(CONTROL.search(t) for t in texts)


def test_memo_strips_control_characters_from_any_source():
    memo = Memo(Header(subject="เรื่อง\x0b"), body=[Paragraph("ข้อความ\x01ทดสอบ")]).localized()
    assert memo.header.subject == "เรื่อง" and memo.paragraphs()[0].text == "ข้อความทดสอบ"
