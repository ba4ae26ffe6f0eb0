import datetime as dt
from urllib.parse import urlsplit

from django import template
from django.utils import timezone
from django.utils.translation import gettext

from prongsai.audit.sentences import verification_code as _verification_code
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
        # The date as seen in Bangkok: a UTC timestamp before 07:00 is already the next
        # day there, and the time printed beside it is Bangkok time too.
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_thai_date(value, thai_digits=digits == "thai")


@register.filter
def verification_code(value: str) -> str:
    """A chain hash as the short code people compare: "3F9A-0C12-7B44"."""
    return _verification_code(value)


@register.filter
def short_url(value: str, limit: int = 60) -> str:
    """A long link cut in the middle for display, so that it fits a phone's line.

    The scheme and host stay whole (where a link leads must stay visible) and so do the
    link's last characters (usually the file's name); the page puts the whole link in the
    anchor's href and title.
    """
    value = str(value)
    if len(value) <= limit:
        return value
    parts = urlsplit(value)
    head = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    rest = value[len(head) :]
    keep = max(limit - len(head) - 1, 20)
    if len(rest) <= keep + 1:
        return value
    return f"{head}{rest[: keep // 2]}…{rest[len(rest) - (keep - keep // 2) :]}"
