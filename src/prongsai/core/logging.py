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


_FORMATTER = logging.Formatter()


class DropPublicRequest(logging.Filter):
    """Removes the request object from log records of public paths and of one-time links,
    and the links' tokens from any record's message and traceback; keeps the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str) and path.startswith(PUBLIC_PREFIXES + SECRET_PREFIXES):
            record.request = None
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken record: logging reports it itself
            return True
        # The arguments may be any object whose text holds a path (a request, a template
        # context): the message is formatted here and kept only when it had to change.
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info:
            text = record.exc_text or _FORMATTER.formatException(record.exc_info)
            clean = redact(text)
            if clean != text:  # the exception itself would print the token again
                record.exc_text, record.exc_info = clean, None
        return True


# Loggers whose records may quote a request without attaching it: the template engine's
# debug records of missing variables print the whole context, the request's path with it.
QUOTING_LOGGERS = ("django.template",)

# Merged into settings.LOGGING: the filter, and the loggers it is wired on.
LOGGING_FRAGMENT: dict[str, dict[str, dict[str, Any]]] = {
    "filters": {"drop_public_request": {"()": "prongsai.core.logging.DropPublicRequest"}},
    "loggers": {
        name: {"filters": ["drop_public_request"]} for name in REQUEST_LOGGERS + QUOTING_LOGGERS
    },
}
