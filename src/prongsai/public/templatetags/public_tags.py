import datetime as dt

from django import template
from django.utils import timezone

from prongsai.audit.sentences import verification_code as _verification_code
from prongsai.public.receipts import grouped
from prongsai.thai.dates import format_thai_date

register = template.Library()


def _as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def be_date(value: dt.date | dt.datetime | str | None) -> str:
    """A Buddhist-era date in local time: "31 มีนาคม 2565"."""
    date = _as_date(value)
    return format_thai_date(date, thai_digits=False) if date else ""


@register.filter
def be_datetime(value: dt.datetime | None) -> str:
    """ "27 พฤศจิกายน 2569 เวลา 14:05 น." in local time."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_thai_date(local.date(), thai_digits=False)} เวลา {local:%H:%M} น."


@register.filter
def receipt_groups(value: str) -> str:
    return grouped(value)


@register.filter
def kib(value: int) -> str:
    return f"{max(1, round(value / 1024))} KB"


@register.filter
def verification_code(value: str) -> str:
    """A chain hash as the short code people compare: "3F9A-0C12-7B44"."""
    return _verification_code(value)
