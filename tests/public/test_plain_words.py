"""Plain words: the history page says each event in one sentence (technical detail folded
away), and the public pages show a short verification code instead of a bare hash."""

import re
from pathlib import Path

from django.apps import apps
from tests.pending_catalogue import in_english
from tests.public.helpers import approve, publish, submit

from prongsai.audit.selectors import EventRow, chain_head
from prongsai.audit.sentences import sentences, verification_code
from prongsai.measures import services
from prongsai.measures.models import Measure
from prongsai.public.models import Publication

SRC = Path(__file__).resolve().parents[2] / "src" / "prongsai"
O43 = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (O43)"


def recorded_actions() -> set[str]:
    """Every action code the services (and the audit migrations) record."""
    files = [*SRC.rglob("services*.py"), *SRC.glob("audit/migrations/*.py")]
    found = set()
    for path in files:
        found |= set(re.findall(r"[\"']([a-z_]+\.[a-z_]+)[\"']", path.read_text(encoding="utf-8")))
    return {code for code in found if not _is_model_label(code)}


def _is_model_label(text: str) -> bool:
    try:
        apps.get_model(text)
    except LookupError:
        return False
    return True


def visible(html: str) -> str:
    """The page without its folded technical details."""
    return re.sub(r"<details.*?</details>", "", html, flags=re.S)


def test_every_recorded_action_has_a_sentence(demo):
    actions = recorded_actions()
    assert {"report.publish", "status.report", "status.withdraw", "case.purge"} <= actions
    rows = [
        EventRow(
            seq=i,
            created_at=None,
            actor_label="x",
            action=action,
            object_type="x",
            object_id="1",
            payload={},
            hash="0" * 64,
        )
        for i, action in enumerate(sorted(actions), start=1)
    ]
    said = sentences(rows)
    generic = [r.action for r in rows if r.action in said[r.seq]]
    assert generic == [], f"actions said only by their code: {generic}"
    unknown = EventRow(1, None, "x", "unknown.thing", "", "", {}, "0" * 64)
    assert sentences([unknown]) == {1: "รายการ unknown.thing"}


def test_the_history_says_what_happened_in_thai(demo, coordinator, executive, fake_pdf, as_user):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=3)
    update = services.report_status(actor=coordinator, measure=measure, status="done")
    services.withdraw_update(coordinator, update, "รายงานซ้ำ")
    publish(coordinator, approve(executive, submit(coordinator)))
    publish(coordinator, approve(executive, submit(coordinator)))

    html = as_user(coordinator).get("/a/ummao/history/").content.decode()
    shown = visible(html)
    assert f"เผยแพร่{O43} ประจำปี 2565 ครั้งที่ 1" in shown
    assert f"เผยแพร่{O43} ประจำปี 2565 ครั้งที่ 2" in shown
    assert "รายงานสถานะมาตรการที่ 3: ดำเนินการเสร็จเรียบร้อยแล้ว" in shown
    assert "ถอนรายงานสถานะมาตรการที่ 3 (ดำเนินการเสร็จเรียบร้อยแล้ว" in shown
    assert "เหตุผล: รายงานซ้ำ" in shown
    assert f"ผู้บริหารอนุมัติ{O43} ประจำปี 2565" in shown
    assert "เพิ่มมาตรการที่ 1:" in shown and "กำหนดให้ ummao-coordinator เป็นผู้ประสานงาน ITA" in shown
    # the codes, payloads and hashes are still there, folded away
    for technical in ("report.publish", "snapshot_sha256", "status.withdraw"):
        assert technical not in shown and technical in html
    publication = Publication.objects.order_by("-pk").first()
    assert publication.snapshot_sha256 in html
    head = chain_head(demo)
    assert verification_code(head) in shown and head not in shown and head in html


def test_the_history_in_english(demo, coordinator, as_user):
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=3)
    update = services.report_status(actor=coordinator, measure=measure, status="done")
    services.withdraw_update(coordinator, update, "ซ้ำ")
    with in_english():
        rows = {}
        for row in _history(demo):  # newest first: keep each action's newest event
            rows.setdefault(row.action, row.sentence)
    assert rows["status.report"] == "Status of measure 3 reported: Done"
    assert rows["status.withdraw"].startswith("Status report of measure 3 withdrawn (Done")


def _history(demo):
    from prongsai.audit.selectors import agency_history

    return agency_history(demo, 1)[1]


def test_verification_code():
    assert verification_code("3f9a0c127b44" + "e" * 52) == "3F9A-0C12-7B44"
    assert verification_code("") == ""


def test_the_public_pages_show_a_short_code(demo, published, client):
    head = chain_head(demo)
    html = client.get("/p/ummao/").content.decode()
    shown = visible(html)
    assert f'id="verification-code">{verification_code(head)}<' in shown
    assert head not in shown and head in html  # the whole hash folded away
    assert "audit chain head" not in html and "จดไว้เทียบภายหลังได้" in shown

    year = client.get("/p/ummao/2565/").content.decode()
    code = re.search(r'id="verification-code">([0-9A-F-]+)<', year).group(1)
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", code)
    full = re.search(r'<code class="hash">([0-9a-f]{64})</code>', year).group(1)
    assert verification_code(full) == code and full not in visible(year)
