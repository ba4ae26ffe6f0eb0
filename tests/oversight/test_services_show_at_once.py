"""A change made through the measures services shows on the oversight pages at once: the
roll-ups they read are written in the service's own transaction."""

import datetime as dt

from prongsai.measures import services
from prongsai.measures.models import Measure
from tests.conftest import client_for
from tests.oversight.test_figures import read_csv


def ummao_row(user):
    rows = read_csv(client_for(user).get("/o/2565/?rows=agencies&format=csv"))
    [row] = [r for r in rows if r["code"] == "ummao"]
    return row


def facts(demo):
    measures = list(Measure.objects.filter(agency=demo, fiscal_year=2565).with_current_status())
    done = sum(m.current_status == "done" for m in measures)
    late = sum(
        m.current_status != "done" and m.due_date is not None and m.due_date < dt.date.today()
        for m in measures
    )
    return {"มาตรการ": str(len(measures)), "เสร็จแล้ว": str(done), "เลยกำหนด": str(late)}


def shown(row):
    return {k: row[k] for k in ("มาตรการ", "เสร็จแล้ว", "เลยกำหนด")}


def test_every_service_call_shows_on_the_next_page(demo, coordinator, national):
    assert shown(ummao_row(national)) == facts(demo)
    measure = Measure.objects.filter(agency=demo, fiscal_year=2565).order_by("number").first()
    update = services.report_status(
        actor=coordinator, measure=measure, status="done", reported_on=dt.date(2022, 9, 1)
    )
    after_report = shown(ummao_row(national))
    assert after_report == facts(demo)
    services.withdraw_update(coordinator, update, "รายงานผิด")
    assert shown(ummao_row(national)) == facts(demo) != after_report
    measure.refresh_from_db()
    services.update_measure(
        actor=coordinator,
        measure=measure,
        expected_version=measure.version,
        due_date=dt.date(2021, 12, 1),
    )
    services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        title="มาตรการเพิ่มภายหลัง",
        steps=["ขั้นตอน"],
        divisions=list(measure.divisions.all()),
        due_date=dt.date(2022, 1, 31),
    )
    assert shown(ummao_row(national)) == facts(demo)
