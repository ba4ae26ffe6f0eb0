"""Every log record of a test, for checking what must never be logged (passwords, the
tokens of one-time links)."""

import logging

import pytest

# The tests' own SMTP server (tests/smtp.py) logs every line it receives: it stands for the
# mail server outside, where the mail is meant to go, not for prongsai's logs.
SMTP_SERVER_LOGGER = "mail.log"


@pytest.fixture
def every_logger_at_debug(caplog):
    for name in [""] + list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name or None)
    return caplog


def log_text(caplog) -> str:
    """What any handler could print of the records (but the request object, which the
    log filter takes off the records of secret paths)."""
    records = [r for r in caplog.records if not r.name.startswith(SMTP_SERVER_LOGGER)]
    parts = [logging.Formatter().format(r) for r in records]
    for record in records:
        parts.append(record.getMessage())
        parts.extend(f"{k}={v!r}" for k, v in record.__dict__.items() if k != "request")
    return "\n".join(parts)
