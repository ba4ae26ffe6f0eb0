"""The demo's OIT checklist of FY2565: opened, some items answered by their divisions, one
address found broken by a link check, most still missing, so the page shows what a
coordinator follows. Called by load_demo(); idempotent (an item already changed is left)."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from prongsai.agencies.models import Agency, Division
from prongsai.oit.models import ItemState, LinkCheck, OitItem
from prongsai.oit.services import open_checklist, record_link_state, update_item

YEAR = 2565
SITE = "https://www.ummao.go.th/ita/2565"
# code, division, person (demo user name or ""), due date, address, state, notes
ITEMS: list[tuple[str, str, str, dt.date | None, str, str, str]] = [
    ("O1", "สำนักปลัด", "ummao-reporter-palad", None, f"{SITE}/o1", ItemState.PUBLISHED, ""),
    ("O2", "สำนักปลัด", "ummao-reporter-palad", None, f"{SITE}/o2", ItemState.PUBLISHED, ""),
    ("O3", "สำนักปลัด", "", dt.date(2022, 4, 30), "", ItemState.DRAFTED, ""),
    ("O10", "กองคลัง", "", dt.date(2022, 3, 31), "", ItemState.NOT_STARTED, ""),
    (
        "O21",
        "กองคลัง",
        "",
        dt.date(2022, 4, 30),
        f"{SITE}/o21-procurement-plan",
        ItemState.PUBLISHED,
        "แผนจัดซื้อจัดจ้างประจำปี",
    ),
    ("O26", "สำนักปลัด", "", dt.date(2022, 5, 31), "", ItemState.NOT_STARTED, ""),
    (
        "O31",
        "สำนักปลัด",
        "ummao-reporter-palad",
        dt.date(2022, 4, 30),
        "",
        ItemState.DRAFTED,
        "สถิติเรื่องร้องเรียนรอบ 6 เดือน รอผู้บริหารลงนาม",
    ),
    ("O42", "สำนักปลัด", "", None, "", ItemState.NOT_STARTED, "เผยแพร่ผ่านระบบ"),
    ("O43", "สำนักปลัด", "", None, "", ItemState.NOT_STARTED, "เผยแพร่ผ่านระบบ"),
]
BROKEN = "O21"  # its address answered 404 when checked


def load_demo_oit(agency: Agency, actor: Any) -> None:
    open_checklist(agency, YEAR, actor=actor)
    users = get_user_model().objects
    divisions = {d.name: d for d in Division.objects.filter(agency=agency)}
    for code, division, person, due, url, state, notes in ITEMS:
        item = OitItem.objects.get(agency=agency, fiscal_year=YEAR, code=code)
        if item.version != 1:
            continue
        update_item(
            actor,
            item,
            item.version,
            division=divisions[division],
            person=users.get(username=person) if person else None,
            due_date=due,
            url=url,
            state=state,
            notes=notes,
        )
    broken = OitItem.objects.get(agency=agency, fiscal_year=YEAR, code=BROKEN)
    if broken.url and not LinkCheck.objects.filter(agency=agency, url=broken.url).exists():
        LinkCheck.objects.create(
            agency=agency,
            url=broken.url,
            checked_at=timezone.now(),
            ok=False,
            status_code=404,
            on_agency_domain=True,
            error="ไม่พบหน้านี้ (404)",
        )
        record_link_state(broken, False)
