"""Helpers of the public tests: memberships and the approval steps as services calls."""

import datetime as dt

from prongsai.agencies.models import Membership
from prongsai.memos.kinds import MemoKind
from prongsai.public import services_reports
from prongsai.public.models import Report

AS_OF = dt.date(2022, 3, 31)
YEAR = 2565


def membership_of(user) -> Membership:
    return Membership.objects.select_related("agency", "user").get(user=user)


def submit(coordinator, kind=MemoKind.IMPLEMENTATION, as_of=AS_OF) -> Report:
    return services_reports.submit_report(
        membership=membership_of(coordinator), fiscal_year=YEAR, kind=kind, as_of=as_of
    )


def approve(executive, report) -> Report:
    return services_reports.decide_report(
        membership=membership_of(executive),
        report=report,
        approve=True,
        expected_version=report.version,
    )


def publish(coordinator, report):
    return services_reports.publish(membership=membership_of(coordinator), report=report)
