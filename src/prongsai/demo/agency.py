"""The demo agency: เทศบาลตำบลอุ่มเม่า, its divisions and its six measures of FY2565.

Taken from a real implementation report (tests/data/seed-ummao-2565.txt holds its text), with
the spelling corrected: เว็บไซต์, ปฏิบัติ.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from prongsai.agencies.models import Agency, AgencyKind, Role
from prongsai.demo.oit import load_demo_oit
from prongsai.demo.results import load_demo_results
from prongsai.measures.models import Measure
from prongsai.measures.services import create_measure, report_status
from prongsai.registry.services import add_division, create_agency, set_membership

SLUG = "ummao"
YEAR = 2565
DIVISIONS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา"]
ALL = DIVISIONS
MONITORING = "รายงานความก้าวหน้าและสรุปผล ณ ๓๑ มีนาคม ๒๕๖๕"
AS_OF = dt.date(2022, 3, 31)
WEBSITE_NOTE = "ตรวจสอบในเว็บไซต์ของหน่วยงาน"

MEASURES = [
    (
        "ให้ความรู้เรื่องการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
        [
            "รณรงค์ให้ความรู้เรื่องการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            "ผ่านสื่อสังคมออนไลน์ หรือสื่อสารสนเทศของหน่วยงาน"
        ],
        ALL,
        ["O42"],
        "in_progress",
        "",
    ),
    (
        "ควรมีมาตรการลดขั้นตอนในการให้บริการ",
        [
            "ควรปรับปรุงกระบวนงาน เพื่อลดขั้นตอนในการให้บริการและการให้บริการ ณ จุดเดียว "
            "และเพิ่มการให้บริการโดยใช้ระบบ IT",
            "เปิดช่องทางแสดงความคิดเห็นในการเสนอแนะการปฏิบัติงานของเจ้าหน้าที่",
        ],
        ALL,
        ["8"],
        "in_progress",
        "",
    ),
    (
        "ควรมีนโยบายด้านความโปร่งใสในการดำเนินการจัดซื้อจัดจ้าง",
        [
            "ด้านความโปร่งใสในการดำเนินการจัดซื้อจัดจ้างควรใช้เว็บไซต์ของหน่วยงานในการดำเนินการเป็นหลัก "
            "ซึ่งจะเป็นแนวทางที่ดีที่สุด เพื่อป้องกันการดำเนินงานในด้านการทุจริต"
        ],
        ["กองคลัง"],
        ["2", "O21", "O22"],
        "done",
        WEBSITE_NOTE,
    ),
    (
        "ผู้บริหารหน่วยงานควรแสดงนโยบายเจตจำนงว่าควรมีการกำหนดนโยบาย มาตรการ แผนงาน "
        "หรือโครงการ/กิจกรรม เพื่อพัฒนาหน่วยงานให้มีคุณธรรมและความโปร่งใสครอบคลุมตามแนวทาง"
        "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐในแต่ละด้าน",
        [
            "ผู้บริหารหน่วยงานควรแสดงนโยบายเจตจำนงว่าจะบริหารงานด้วยความซื่อสัตย์สุจริต มีการกำหนดนโยบาย "
            "มาตรการ แผนงาน หรือโครงการ/กิจกรรม เพื่อพัฒนาหน่วยงานให้มีคุณธรรมและความโปร่งใสให้ครอบคลุม"
            "ตามแนวทางการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐในแต่ละด้าน "
            "ทั้งต่อเจ้าหน้าที่หน่วยงานโดยชี้แจงให้รับทราบจากการประชุม หนังสือเวียนหรือติดประกาศภายใน"
            "และต่อสาธารณชนผ่านทางเว็บไซต์ของหน่วยงานหรือสื่ออื่น ๆ"
        ],
        ["สำนักปลัด"],
        ["O34"],
        "done",
        WEBSITE_NOTE,
    ),
    (
        "การดำเนินงาน",
        [
            "จัดทำขั้นตอนและระยะเวลาการปฏิบัติงาน/การให้บริการอย่างชัดเจน",
            "สร้างจิตสำนึกให้แก่พนักงานในหน่วยงาน",
            "ให้บริการต่อผู้รับบริการ หรือผู้มาติดต่ออย่างเท่าเทียมกัน ไม่เลือกปฏิบัติ",
            "ให้ข้อมูลผู้มารับบริการหรือผู้มาติดต่ออย่างถูกต้อง ตรงไปตรงมา ไม่ปิดบังข้อมูล",
        ],
        ALL,
        ["6"],
        "in_progress",
        "",
    ),
    (
        "การเผยแพร่ข้อมูลข่าวสาร",
        [
            "เผยแพร่ผลงานหรือข้อมูลที่สาธารณชนควรรับทราบอย่างชัดเจน การเผยแพร่ข้อมูลเข้าถึงได้ง่าย"
            "ไม่ซับซ้อน และมีช่องทางหลากหลาย สร้างการรับรู้ให้ผู้มาติดต่อหรือผู้รับบริการสามารถแสดง"
            "ความคิดเห็น ติชม ร้องเรียนต่อการทุจริตของเจ้าหน้าที่ในหน่วยงานได้"
        ],
        ["สำนักปลัด"],
        ["7", "O32"],
        "done",
        WEBSITE_NOTE,
    ),
]

# username, role, divisions
USERS = [
    ("coordinator", Role.COORDINATOR, []),
    ("reporter-chang", Role.REPORTER, ["กองช่าง"]),
    ("reporter-palad", Role.REPORTER, ["สำนักปลัด"]),
    ("executive", Role.EXECUTIVE, []),
    ("viewer", Role.VIEWER, []),
    ("complaints", Role.COMPLAINT_OFFICER, []),
]
PASSWORD = "ummao-demo-2565"  # noqa: S105 - printed demo log-in, never for production


@transaction.atomic
def load_demo() -> tuple[Agency, list[tuple[str, str, str]]]:
    """Create the demo agency, users and measures if missing; return the log-ins."""
    User = get_user_model()
    agency = Agency.objects.filter(slug=SLUG).first()
    if agency is None:
        agency = create_agency(
            actor="demo",
            name="เทศบาลตำบลอุ่มเม่า",
            kind=AgencyKind.SUBDISTRICT_MUNICIPALITY,
            province_code="46",
            district_code="4607",
            subdistrict_code="460703",
            province="กาฬสินธุ์",
            district="ยางตลาด",
            subdistrict="อุ่มเม่า",
            telephone="๐-๔๓๖๐-๑๕๒๕",
            document_number="๗๓๖๐๑",
            head_title="นายกเทศมนตรีตำบลอุ่มเม่า",
            signer_position="หัวหน้าสำนักปลัดเทศบาล",
            reporting_unit="สำนักปลัด",
            slug=SLUG,
        )
    divisions = {
        name: add_division(actor="demo", agency=agency, name=name, order=i)
        for i, name in enumerate(DIVISIONS)
    }
    logins = []
    users = {}
    for username, role, division_names in USERS:
        full = f"ummao-{username}"
        user = User.objects.filter(username=full).first()
        if user is None:
            user = User.objects.create_user(full, password=PASSWORD)
            set_membership(
                actor="demo",
                agency=agency,
                user=user,
                role=role,
                divisions=[divisions[n] for n in division_names],
            )
        users[role] = user
        logins.append((full, PASSWORD, str(role.label)))
    if not Measure.objects.filter(agency=agency, fiscal_year=YEAR).exists():
        actor = users[Role.COORDINATOR]
        for number, (title, steps, division_names, codes, status, note) in enumerate(MEASURES, 1):
            measure = create_measure(
                actor=actor,
                agency=agency,
                fiscal_year=YEAR,
                number=number,
                title=title,
                steps=steps,
                divisions=[divisions[n] for n in division_names],
                monitoring=MONITORING,
                due_date=AS_OF,
                indicator_codes=codes,
            )
            report_status(actor=actor, measure=measure, status=status, note=note, reported_on=AS_OF)
    load_demo_results(agency, users[Role.COORDINATOR])
    load_demo_oit(agency, users[Role.COORDINATOR])
    return agency, logins
