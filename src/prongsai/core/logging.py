"""Keep the public pages' visitors out of the logs.

Django logs failed requests ("Bad Request: /p/…", "Forbidden (CSRF token missing.): /p/…")
through the loggers django.request and django.security.* with the request object attached
as `record.request`. The message holds only the path, but handlers that look at the request
(AdminEmailHandler's error mail, error trackers) print its META: REMOTE_ADDR and
HTTP_USER_AGENT. This filter takes the request off records of public paths.

Wire it on the loggers that attach requests (a logger's filters run only for records
created on that very logger) and on the handlers; see LOGGING_FRAGMENT.
"""

import logging
from typing import Any

PUBLIC_PREFIXES = ("/p/",)

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


class DropPublicRequest(logging.Filter):
    """Removes the request object from log records of public paths; keeps the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str) and path.startswith(PUBLIC_PREFIXES):
            record.request = None
        return True


# Merged into settings.LOGGING: the filter, and the loggers it is wired on.
LOGGING_FRAGMENT: dict[str, dict[str, dict[str, Any]]] = {
    "filters": {"drop_public_request": {"()": "prongsai.core.logging.DropPublicRequest"}},
    "loggers": {name: {"filters": ["drop_public_request"]} for name in REQUEST_LOGGERS},
}
