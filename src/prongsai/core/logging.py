"""Keep the public pages' visitors, and the tokens of one-time links, out of the logs.

Django logs failed requests ("Bad Request: /p/…", "Forbidden (CSRF token missing.): /p/…")
through the loggers django.request and django.security.* with the request object attached
as `record.request`. The message holds only the path, but handlers that look at the request
(AdminEmailHandler's error mail, error trackers) print its META: REMOTE_ADDR and
HTTP_USER_AGENT. This filter takes the request off records of public paths.

The paths of one-time links (an invitation /invite/<token>/, a password reset
/account/reset/<uid>/<token>/) are themselves secrets: on their records the filter takes
the request off too, and blots the token out of the message and its arguments.

Wire it on the loggers that attach requests (a logger's filters run only for records
created on that very logger) and on the handlers; see LOGGING_FRAGMENT.
"""

import logging
import re
from typing import Any

PUBLIC_PREFIXES = ("/p/",)
SECRET_PREFIXES = ("/invite/", "/account/reset/")
# The token part of those paths (a reset link's "done"/"sent" pages have one part only).
_SECRET_PARTS = re.compile(r"(/invite/)[^/\s?#\"']+|(/account/reset/)[^/\s?#\"']+/[^/\s?#\"']+")
REDACTED = "…"

# The loggers that attach a request to their records (Django 5.2).
REQUEST_LOGGERS = (
    "django.request",
    "django.security.csrf",
    "django.security.DisallowedHost",
    "django.security.SuspiciousOperation",
    "django.security.RequestDataTooBig",
    "django.security.TooManyFieldsSent",
    "django.security.TooManyFilesSent",
)


def redact(text: str) -> str:
    """`text` with the tokens of one-time links blotted out."""

    def blot(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + REDACTED
        return f"{match.group(2)}{REDACTED}/{REDACTED}"

    return _SECRET_PARTS.sub(blot, text)


def _redacted(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class DropPublicRequest(logging.Filter):
    """Removes the request object from log records of public paths and of one-time links,
    and the links' tokens from any record's message; keeps the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str) and path.startswith(PUBLIC_PREFIXES + SECRET_PREFIXES):
            record.request = None
        record.msg = _redacted(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _redacted(v) for k, v in record.args.items()}
        return True


# Merged into settings.LOGGING: the filter, and the loggers it is wired on.
LOGGING_FRAGMENT: dict[str, dict[str, dict[str, Any]]] = {
    "filters": {"drop_public_request": {"()": "prongsai.core.logging.DropPublicRequest"}},
    "loggers": {name: {"filters": ["drop_public_request"]} for name in REQUEST_LOGGERS},
}
