"""Carrying measures over into a later fiscal year (re-exported by measures.services, the
measures' one writer): the coordinator starts a new year from an earlier one's measures."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.access import require_role
from prongsai.agencies.models import Agency, Membership, Role
from prongsai.audit.services import record_event
from prongsai.core.errors import ValidationFailed
from prongsai.measures.models import Measure, Status, StatusUpdate
from prongsai.measures.rollups import refresh_figures
from prongsai.thai.dates import fiscal_year_of, is_fiscal_year


def latest_carry_year(today: dt.date) -> int:
    """The latest year measures may be carried into: the next fiscal year (a status is
    dated at most a year before its year starts)."""
    return fiscal_year_of(today) + 1


def _moved(date: dt.date | None, years: int) -> dt.date | None:
    if date is None:
        return None
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February into a common year
        return date.replace(year=date.year + years, day=28)


@transaction.atomic
def carry_over(
    actor: Any, agency: Agency, from_year: int, to_year: int, measure_ids: Iterable[int]
) -> list[Measure]:
    """Copy the chosen measures of `from_year` into the later `to_year`: each keeps a link
    to the measure it came from (`carried_from`), its active divisions and its follow-up
    date moved by the years between; numbers continue after the year's; each starts "not
    started" (an update dated today). Coordinators only, all or nothing, each measure once
    into a year."""
    _require_coordinator(actor, agency)
    Agency.objects.select_for_update().filter(pk=agency.pk).exists()  # one carry-over at a time
    today = timezone.localdate()
    if not (is_fiscal_year(from_year) and is_fiscal_year(to_year)) or to_year <= from_year:
        raise ValidationFailed(
            _("ยกมาตรการได้เฉพาะไปปีงบประมาณที่หลังปี %(year)s") % {"year": from_year},
            field="from_year",
        )
    if to_year > latest_carry_year(today):
        raise ValidationFailed(
            _("ยกมาตรการไปได้ถึงปีงบประมาณ %(year)s (ปีถัดไป) เท่านั้น")
            % {"year": latest_carry_year(today)}
        )
    wanted = {int(pk) for pk in measure_ids}
    if not wanted:
        raise ValidationFailed(_("เลือกมาตรการที่จะยกไปอย่างน้อยหนึ่งรายการ"), field="measures")
    sources = list(
        Measure.objects.filter(pk__in=wanted, agency=agency, fiscal_year=from_year)
        .prefetch_related("divisions")
        .order_by("number")
    )
    if len(sources) != len(wanted):
        raise ValidationFailed(
            _("มาตรการที่เลือกไม่ใช่มาตรการของปีงบประมาณ %(year)s ของหน่วยงานนี้") % {"year": from_year},
            field="measures",
        )
    taken = Measure.objects.filter(agency=agency, fiscal_year=to_year)
    twice = sorted(
        taken.filter(carried_from__in=wanted).values_list("carried_from__number", flat=True)
    )
    if twice:
        raise ValidationFailed(
            _("มาตรการลำดับที่ %(numbers)s ของปี %(from)s ยกไปปี %(to)s แล้ว ยกซ้ำไม่ได้")
            % {"numbers": ", ".join(map(str, twice)), "from": from_year, "to": to_year},
            field="measures",
        )
    number = taken.aggregate(n=Max("number"))["n"] or 0
    created = []
    for source in sources:
        divisions = [d for d in source.divisions.all() if d.retired_at is None]
        if not divisions:
            raise ValidationFailed(
                _("มาตรการลำดับที่ %(number)s ไม่มีผู้รับผิดชอบที่ยังไม่เลิกใช้ จึงยกไปไม่ได้")
                % {"number": source.number},
                field="measures",
            )
        number += 1
        measure = Measure.objects.create(
            agency=agency,
            fiscal_year=to_year,
            number=number,
            title=source.title,
            short_name=source.short_name,
            carried_from=source,
            steps=list(source.steps),
            monitoring=source.monitoring,
            due_date=_moved(source.due_date, to_year - from_year),
            indicator_codes=list(source.indicator_codes),
        )
        measure.divisions.set(divisions)
        update = StatusUpdate.objects.create(
            measure=measure, status=Status.NOT_STARTED, reported_on=today, created_by=actor
        )
        payload = {"number": number, "title": source.title, "from_year": from_year}
        payload.update(from_number=source.number, carried_from=source.pk)
        record_event(
            actor=actor,
            agency=agency,
            action="measure.carry_over",
            obj=measure,
            payload=payload,
            rows=[update],
        )
        created.append(measure)
    refresh_figures(agency.pk, to_year)  # the agency row is locked above
    return created


def _require_coordinator(actor: Any, agency: Agency) -> None:
    """PermissionDenied unless `actor` is an active coordinator of `agency` (another
    agency's member is refused the same way as a role without the right)."""
    user_pk = getattr(actor, "pk", None)
    membership = (
        Membership.objects.filter(user_id=user_pk, agency=agency, active=True).first()
        if user_pk
        else None
    )
    require_role(membership or Membership(agency=agency, role=""), Role.COORDINATOR, agency=agency)
