"""A measure's short name: typed in the measure form, cleaned and audited by the services
(its place in the status table: tests/memos/test_short_name_memo.py)."""

import pytest
from django.urls import reverse

from prongsai.audit.models import AuditEvent
from prongsai.core.errors import ValidationFailed
from prongsai.demo.agency import YEAR
from prongsai.measures import services
from prongsai.measures.models import Measure

SHORT = "มีมาตรการลดขั้นตอนการให้บริการ"


def first(demo):
    return Measure.objects.get(agency=demo, fiscal_year=YEAR, number=1)


def test_create_cleans_the_short_name_and_refuses_one_too_long(demo, coordinator):
    division = demo.divisions.get(name="กองคลัง")
    made = services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=YEAR,
        title="ควรมีมาตรการลดขั้นตอนการให้บริการประชาชน",
        short_name=f"  {SHORT}\u200b ",
        steps=["ทบทวนขั้นตอน"],
        divisions=[division],
    )
    assert made.short_name == SHORT
    with pytest.raises(ValidationFailed, match="ชื่อย่อของมาตรการยาวเกิน 300") as info:
        services.create_measure(
            actor=coordinator,
            agency=demo,
            fiscal_year=YEAR,
            title="x",
            short_name="ก" * 301,
            steps=[],
            divisions=[division],
        )
    assert info.value.field == "short_name"


def test_update_records_the_short_name_in_the_audit_chain(demo, coordinator):
    measure = first(demo)
    services.update_measure(
        actor=coordinator, measure=measure, expected_version=measure.version, short_name=SHORT
    )
    assert first(demo).short_name == SHORT
    event = AuditEvent.objects.filter(action="measure.update").latest("pk")
    assert event.payload["fields"] == ["short_name"]


def test_the_measure_form_creates_and_edits_the_short_name(demo, coordinator, as_user):
    client = as_user(coordinator)
    klang = demo.divisions.get(name="กองคลัง")
    page = client.get(reverse("measure_create", args=["ummao", 2566])).content.decode()
    assert 'name="short_name"' in page and "เว้นว่างไว้เพื่อใช้ชื่อมาตรการ" in page
    response = client.post(
        reverse("measure_create", args=["ummao", 2566]),
        {
            "title": "ควรเปิดเผยข้อมูลจัดซื้อจัดจ้าง",
            "short_name": "เปิดเผยข้อมูลจัดซื้อจัดจ้าง",
            "steps": "ขั้นที่หนึ่ง",
            "divisions": [klang.pk],
        },
    )
    assert response.status_code == 302
    made = Measure.objects.get(agency=demo, fiscal_year=2566)
    assert made.short_name == "เปิดเผยข้อมูลจัดซื้อจัดจ้าง"
    edit = client.get(reverse("measure_edit", args=["ummao", made.pk]))
    form = edit.context["form"]
    assert form["short_name"].value() == "เปิดเผยข้อมูลจัดซื้อจัดจ้าง"
    data = {name: form[name].value() for name in form.fields}
    data["divisions"] = [getattr(d, "pk", d) for d in data["divisions"]]
    data["due_date"] = ""
    data["snapshot"] = edit.context["snapshot"]
    data["short_name"] = ""
    assert client.post(reverse("measure_edit", args=["ummao", made.pk]), data).status_code == 302
    assert Measure.objects.get(pk=made.pk).short_name == ""
