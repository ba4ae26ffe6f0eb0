"""Nothing that identifies a sender is stored or logged: no IP address, no user agent.

A complaint goes through every public feedback path (form, receipt, follow-up, reply,
wrong receipt, CSRF failure, 404, rate limit) from a client with a marker address and user
agent; then the whole database (dumpdata and every table raw), the stored files and every
log record of every logger at DEBUG are searched for the markers.
"""

import copy
import io
import logging

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.utils.log import log_response
from django.views.debug import ExceptionReporter
from tests.public.helpers import membership_of
from tests.public.test_feedback import receipt_of

from prongsai.core.logging import (
    LOGGING_FRAGMENT,
    QUOTING_LOGGERS,
    REQUEST_LOGGERS,
    DropPublicRequest,
)
from prongsai.public import services_cases
from prongsai.public.models import Case

MARKER_IP = "203.0.113.77"
MARKER_UA = "MarkerAgent/9.9-zq"
MARKERS = (MARKER_IP, MARKER_UA, "MarkerAgent")


def marker_client(**kwargs) -> Client:
    return Client(REMOTE_ADDR=MARKER_IP, HTTP_USER_AGENT=MARKER_UA, **kwargs)


@pytest.fixture
def every_logger_at_debug(caplog):
    names = [""] + list(logging.root.manager.loggerDict)
    for name in names:
        caplog.set_level(logging.DEBUG, logger=name or None)
    return caplog


def database_dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    parts = [out.getvalue()]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            parts.append(f"== {table}\n" + "\n".join(repr(row) for row in cursor.fetchall()))
    return "\n".join(parts)


def stored_files(root) -> bytes:
    if not root.exists():
        return b""
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def log_text(caplog) -> str:
    """What any handler could print of the records, except the request object itself
    (which is checked by the filter tests below)."""
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(record.getMessage())
        for key, value in record.__dict__.items():
            if key != "request":
                parts.append(f"{key}={value!r}")
    return "\n".join(parts)


@override_settings(FEEDBACK_RATE_LIMIT_PER_HOUR=3)
def test_no_trace_of_the_sender_anywhere(demo, complaint_officer, every_logger_at_debug):
    caplog = every_logger_at_debug
    client = marker_client()
    assert client.get("/p/ummao/feedback/").status_code == 200
    photo = SimpleUploadedFile("IMG_1.pdf", b"%PDF-1.4 photo of the receipt")
    response = client.post(
        "/p/ummao/feedback/",
        {
            "kind": "complaint",
            "subject": "เรียกรับเงินใต้โต๊ะ",
            "body": "รายละเอียดการเรียกรับเงิน",
            "files": [photo],
        },
        follow=True,
    )
    assert response.status_code == 200
    receipt = receipt_of(response)
    case = Case.objects.get()
    services_cases.reply(membership=membership_of(complaint_officer), case=case, body="รับเรื่องแล้ว")
    assert client.post("/p/ummao/feedback/case/", {"receipt": receipt}).status_code == 200
    assert (
        client.post(
            "/p/ummao/feedback/case/",
            {"receipt": receipt, "action": "reply", "body": "ขอบคุณครับ"},
        ).status_code
        == 302
    )
    assert client.post("/p/ummao/feedback/case/", {"receipt": "0" * 16}).status_code == 400
    assert client.get("/p/nowhere/feedback/").status_code == 404
    strict = marker_client(enforce_csrf_checks=True)
    assert strict.post("/p/ummao/feedback/", {"kind": "comment"}).status_code == 403
    for _ in range(3):
        client.post("/p/ummao/feedback/", {"kind": "comment", "subject": "x", "body": "y"})
    assert (
        client.post(
            "/p/ummao/feedback/", {"kind": "comment", "subject": "x", "body": "y"}
        ).status_code
        == 429
    )

    assert caplog.records, "the scenario should have logged something (CSRF, 404)"
    dump = database_dump()
    assert "เรียกรับเงินใต้โต๊ะ" in dump  # the dump does hold the case…
    logs = log_text(caplog)
    files = stored_files(settings.MEDIA_ROOT)
    assert files  # …and the files were stored
    for marker in MARKERS:
        assert marker not in dump, f"{marker} found in the database"
        assert marker not in logs, f"{marker} found in the logs"
        assert marker.encode() not in files, f"{marker} found in stored files"


def _error_record(path: str) -> logging.LogRecord:
    request = RequestFactory().post(path, REMOTE_ADDR=MARKER_IP, HTTP_USER_AGENT=MARKER_UA)
    captured: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            # a copy: handlers further up (the console's filter) change the record itself
            captured.append(copy.copy(record))

    logger = logging.getLogger("django.request")
    handler = Keep()
    logger.addHandler(handler)
    # The raw record, before the project's own filter (wired in settings) touches it.
    wired_filters = list(logger.filters)
    for f in wired_filters:
        logger.removeFilter(f)
    try:
        from django.http import HttpResponseServerError

        # A server error: logged at ERROR, which the project's LOGGING lets through.
        log_response(
            "Internal Server Error: %s", path, response=HttpResponseServerError(), request=request
        )
    finally:
        logger.removeHandler(handler)
        for f in wired_filters:
            logger.addFilter(f)
    assert captured
    return captured[0]


def _what_an_error_mail_would_print(record: logging.LogRecord) -> str:
    """As django.utils.log.AdminEmailHandler: the subject and the reporter's text."""
    request = getattr(record, "request", None)
    try:
        subject = (
            f"{record.levelname} ({request.META.get('REMOTE_ADDR')} IP): {record.getMessage()}"
        )
    except AttributeError:
        subject = f"{record.levelname}: {record.getMessage()}"
        request = None
    reporter = ExceptionReporter(request, is_email=True, exc_type=None, exc_value=None, tb=None)
    return subject + "\n" + reporter.get_traceback_text()


def test_without_the_filter_an_error_mail_would_leak(demo):
    """The test of the filter can fail: Django's own error mail prints the address."""
    text = _what_an_error_mail_would_print(_error_record("/p/ummao/feedback/"))
    assert MARKER_IP in text and MARKER_UA in text


def test_the_filter_drops_the_request_of_public_paths(demo):
    record = _error_record("/p/ummao/feedback/")
    assert DropPublicRequest().filter(record) is True  # the record itself is kept
    text = _what_an_error_mail_would_print(record)
    assert MARKER_IP not in text and MARKER_UA not in text
    assert "Internal Server Error: /p/ummao/feedback/" in text
    staff = _error_record("/a/ummao/2565/")
    DropPublicRequest().filter(staff)
    assert staff.request is not None  # staff pages keep it for the administrators


def test_the_logging_fragment_names_the_request_loggers():
    assert set(LOGGING_FRAGMENT["loggers"]) == set(REQUEST_LOGGERS + QUOTING_LOGGERS)
    assert "django.request" in REQUEST_LOGGERS and "django.security.csrf" in REQUEST_LOGGERS


def test_settings_wire_the_filter():
    """settings.LOGGING merges prongsai.core.logging.LOGGING_FRAGMENT, and Django applied it."""
    filters = settings.LOGGING.get("filters", {})
    wired = any(f.get("()") == "prongsai.core.logging.DropPublicRequest" for f in filters.values())
    assert wired, "settings.LOGGING does not declare the DropPublicRequest filter"
    for name in REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        assert any(isinstance(f, DropPublicRequest) for f in logger.filters), name
