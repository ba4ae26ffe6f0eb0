"""An agency's divisions and people: the units every local government has, and one
coordinator, reporter and executive account each (unusable passwords, named by e-mail)."""

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model

from prongsai.agencies.models import AgencyKind, Division, Membership, Role
from prongsai.registry.places import head_title_for
from prongsai.synth.places import PlannedAgency
from prongsai.synth.rows import Rows

BASE_DIVISIONS = ("สำนักปลัด", "กองคลัง", "กองช่าง")
MORE_DIVISIONS = (
    "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองยุทธศาสตร์และงบประมาณ",
    "กองสวัสดิการสังคม",
    "หน่วยตรวจสอบภายใน",
)
GIVEN = (
    "สมชาย", "สมศรี", "ประเสริฐ", "วิไลวรรณ", "สุรชัย", "กาญจนา", "ธนพล", "พรทิพย์",
    "อนุชา", "นิตยา", "วีระ", "สุภาพร", "ชัยวัฒน์", "อรุณี", "ปรีชา", "รัตนา",
)  # fmt: skip
FAMILY = (
    "ใจดี", "ศรีสุข", "มั่นคง", "บุญมา", "แก้วกาญจน์", "ทองดี", "พรหมมา", "สายสุวรรณ",
    "จันทร์เพ็ญ", "วงศ์ใหญ่", "ชัยมงคล", "สุวรรณศรี",
)  # fmt: skip


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)


def unusable_password(rng: random.Random) -> str:
    # Django reads a password starting with "!" as unusable; the rest only keeps it unique.
    return "!" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(40))


def agency_row(plan: PlannedAgency, rng: random.Random, pk: int) -> dict[str, Any]:
    head = "นาย{} {}".format(*person(rng))
    signer = "นาง{} {}".format(*person(rng))
    place = f"ตำบล{plan.subdistrict} อำเภอ{plan.district} " if plan.subdistrict else ""
    return {
        "id": pk,
        "name": plan.name,
        "kind": plan.kind,
        "province_code": plan.province_code,
        "district_code": plan.district_code,
        "subdistrict_code": plan.subdistrict_code,
        "province": plan.province,
        "district": plan.district,
        "subdistrict": plan.subdistrict,
        "address": f"เลขที่ {rng.randint(1, 299)} หมู่ {rng.randint(1, 15)} {place}"
        f"จังหวัด{plan.province}",
        "telephone": f"0 {rng.randint(2000, 7999)} {rng.randint(1000, 9999)}",
        "document_number": plan.document_number,
        "website": f"https://{plan.domain}",
        "head_title": head_title_for(plan.name, plan.kind),
        "head_name": head,
        "signer_name": signer,
        "signer_position": "หัวหน้าสำนักปลัด" if plan.kind != AgencyKind.BANGKOK else "",
        "reporting_unit": "สำนักปลัด",
        "slug": plan.slug,
        "version": 1,
    }


def add_people(
    rows: Rows, plan: PlannedAgency, agency_id: int, rng: random.Random, joined: dt.datetime
) -> dict[str, Any]:
    """Divisions, users and memberships of one agency; returns what measures need:
    {"divisions": {name: id}, "coordinator": id, "reporter": id, "executive": id}."""
    names = list(BASE_DIVISIONS)
    names += [d for d in MORE_DIVISIONS if rng.random() < 0.5]
    divisions: dict[str, int] = {}
    for order, name in enumerate(names):
        pk = rows.add(Division, agency_id=agency_id, name=name, order=order, retired_at=None)
        divisions[name] = pk
    host = plan.domain.removeprefix("www.")
    found: dict[str, Any] = {"divisions": divisions}
    for role in (Role.COORDINATOR, Role.REPORTER, Role.EXECUTIVE):
        first, last = person(rng)
        user_id = rows.add(
            get_user_model(),
            password=unusable_password(rng),
            last_login=None,
            is_superuser=False,
            username=f"{role.value}@{host}",
            first_name=first,
            last_name=last,
            email=f"{role.value}@{host}",
            is_staff=False,
            is_active=True,
            date_joined=joined,
        )
        membership_id = rows.add(
            Membership, user_id=user_id, agency_id=agency_id, role=role.value, active=True
        )
        if role == Role.REPORTER:
            for division_id in list(divisions.values())[:2]:
                rows.add(
                    Membership.divisions.through,
                    membership_id=membership_id,
                    division_id=division_id,
                )
        found[role.value] = user_id
    return found
