"""Yearly statistics: counts by kind and state, public, without content."""

from django.utils import timezone
from tests.public.helpers import membership_of
from tests.public.test_feedback import send

from prongsai.public import services_cases
from prongsai.public.models import Case
from prongsai.public.stats import case_statistics
from prongsai.thai.dates import fiscal_year_of


def test_counts_by_kind_and_state(demo, client, complaint_officer):
    send(client)
    send(client, kind="complaint", subject="เรื่องที่สอง")
    send(client, kind="praise", subject="ชมเชย")
    case = Case.objects.get(subject="เรื่องที่สอง")
    services_cases.change_case_state(
        membership=membership_of(complaint_officer),
        case=case,
        state="closed",
        expected_state="received",
    )
    year = fiscal_year_of(timezone.localdate())
    stats = case_statistics(demo, year)
    assert stats.count("complaint") == 2
    assert stats.count("complaint", "closed") == 1
    assert stats.count("complaint", "received") == 1
    assert stats.count("praise") == 1 and stats.count("comment") == 0
    assert stats.total == 3
    assert case_statistics(demo, year - 1).total == 0


def test_statistics_page_is_public_and_shows_no_content(demo, client):
    send(client, subject="ลับมาก เรื่องผู้บริหาร")
    year = fiscal_year_of(timezone.localdate())
    response = client.get(f"/p/ummao/stats/{year}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f"ประจำปีงบประมาณ พ.ศ. {year}" in page
    assert "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in page
    assert "ลับมาก" not in page and "เจ้าหน้าที่เรียกเงิน" not in page
    assert "<td>1</td>" in page
    index = client.get("/p/ummao/").content.decode()
    assert "ลับมาก" not in index and f"/p/ummao/stats/{year}/" in index
