import datetime as dt

from django import template
from django.utils.translation import gettext

from prongsai.measures.models import Status
from prongsai.thai.dates import format_thai_date

register = template.Library()


@register.filter
def status_label(value: str | None) -> str:
    if not value:
        return gettext("ยังไม่มีการรายงาน")
    return str(Status(value).label)


@register.filter
def thai_date(value: dt.date | dt.datetime | None, digits: str = "arabic") -> str:
    """A Buddhist-era date for people: "31 มีนาคม 2565" (Thai digits with "thai")."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_thai_date(value, thai_digits=digits == "thai")
