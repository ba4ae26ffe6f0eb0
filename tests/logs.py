"""Every log record of a test, for checking what must never be logged (passwords, the
tokens of one-time links)."""

import logging

import pytest


@pytest.fixture
def every_logger_at_debug(caplog):
    for name in [""] + list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name or None)
    return caplog


def log_text(caplog) -> str:
    """What any handler could print of the records (but the request object, which the
    log filter takes off the records of secret paths)."""
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.extend(f"{k}={v!r}" for k, v in record.__dict__.items() if k != "request")
    return "\n".join(parts)
