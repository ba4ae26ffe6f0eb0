"""Many agencies at once (bulk_create), each with measures, status updates, an approved
report, a publication and an ITA result, for the tests that count queries and figures."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from prongsai.agencies.models import Agency, AgencyKind
from prongsai.assessments.models import ItaResult, ResultSource
from prongsai.measures.models import Measure, Status, StatusUpdate
from prongsai.measures.rollups import rebuild
from prongsai.public.models import Publication, Report, ReportState

DISTRICTS = ("4601", "4607")
YEAR = 2565
STATUSES = (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, None)


def make_agencies(start: int, count: int, *, province: str = "46") -> list[Agency]:
    """`count` agencies numbered from `start`; agency i has i % 4 measures' worth of variety:
    two measures (statuses by i), an approved report (even i), published (i % 4 == 0), an
    ITA total of 70 + i % 30 (all but every fifth)."""
    user = get_user_model().objects.get_or_create(username="bulk@example.org")[0]
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"เทศบาลตำบลทดสอบ{i:05d}",
            kind=AgencyKind.SUBDISTRICT_MUNICIPALITY if i % 2 else AgencyKind.SAO,
            province_code=province,
            district_code=f"{province}{DISTRICTS[i % 2][2:]}",
            province="กาฬสินธุ์",
            district="ยางตลาด" if i % 2 else "เมืองกาฬสินธุ์",
            head_title="นายกเทศมนตรีตำบล",
            slug=f"bulk-{province}-{i:05d}",
        )
        for i in range(start, start + count)
    )
    if agencies and agencies[0].pk is None:  # backends that do not return keys
        agencies = list(Agency.objects.filter(slug__startswith=f"bulk-{province}-").order_by("pk"))
        agencies = agencies[-count:]
    measures = Measure.objects.bulk_create(
        Measure(
            agency=a,
            fiscal_year=YEAR,
            number=n,
            title=f"มาตรการ {n}",
            due_date=dt.date(2022, 1, 1),
        )
        for i, a in enumerate(agencies, start)
        for n in (1, 2)
    )
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            measure=m,
            status=STATUSES[(m.agency.pk + m.number) % 4],
            reported_on=dt.date(2022, 3, 1),
            created_by=user,
        )
        for m in measures
        if STATUSES[(m.agency.pk + m.number) % 4] is not None
    )
    now = timezone.now()
    reports = Report.objects.bulk_create(
        Report(
            agency=a,
            fiscal_year=YEAR,
            kind="implementation",
            as_of=dt.date(2022, 3, 31),
            state=ReportState.APPROVED,
        )
        for i, a in enumerate(agencies, start)
        if i % 2 == 0
    )
    Publication.objects.bulk_create(
        Publication(
            agency=r.agency,
            fiscal_year=YEAR,
            report=r,
            kind=r.kind,
            as_of=r.as_of,
            published_at=now,
            published_by=user,
            published_by_role="ผู้ประสานงาน",
            approved_at=now,
            approved_by_role="ผู้บริหาร",
            snapshot={},
            snapshot_sha256="0" * 64,
            matches_approval=True,
        )
        for r in reports
        if r.agency.pk % 4 == 0
    )
    ItaResult.objects.bulk_create(
        ItaResult(
            agency=a,
            fiscal_year=YEAR,
            source=ResultSource.PUBLISHED,
            published_total=Decimal(70 + i % 30),
            published_band="",
            recorded_at=now,
        )
        for i, a in enumerate(agencies, start)
        if i % 5
    )
    # bulk_create bypasses the services, so the roll-ups are counted as after any bulk load
    rebuild(Agency.objects.filter(pk__in=[a.pk for a in agencies]))
    if connection.vendor == "postgresql":
        # a bulk load leaves PostgreSQL without statistics until autovacuum comes by; the
        # planner then nests loops over the new rows (minutes for the ITA aggregate)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return agencies
