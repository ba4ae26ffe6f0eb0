"""The demo's report: the coordinator has submitted the FY2565 implementation report (status
as of 31 March 2565), so the executive can approve it and the coordinator publish it.

Called by `prongsai demo` after agencies.demo.load_demo(); idempotent.
"""

from prongsai.agencies.models import Agency, Membership, Role
from prongsai.memos.kinds import MemoKind
from prongsai.public import services_reports
from prongsai.public.models import Report

YEAR = 2565


def load_demo_report(agency: Agency) -> Report:
    from prongsai.demo.agency import AS_OF

    existing = Report.objects.filter(
        agency=agency, fiscal_year=YEAR, kind=MemoKind.IMPLEMENTATION
    ).first()
    if existing is not None:
        return existing
    coordinator = Membership.objects.select_related("agency", "user").get(
        agency=agency, role=Role.COORDINATOR, user__username=f"{agency.slug}-coordinator"
    )
    return services_reports.submit_report(
        membership=coordinator, fiscal_year=YEAR, kind=MemoKind.IMPLEMENTATION, as_of=AS_OF
    )
