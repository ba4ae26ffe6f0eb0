"""Password validators in Thai (at least 10 characters) and the log filter that keeps the
tokens of one-time links out of the logs."""

import logging
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.test import Client
from tests.logs import log_text

from prongsai.agencies.models import Role
from prongsai.core.logging import DropPublicRequest, redact
from prongsai.registry import invitations


def refusals(password, user=None) -> list[str]:
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    return error.value.messages


def test_the_validators_speak_thai_and_ask_for_ten_characters():
    assert refusals("กขคงจฉชซฌ") == ["รหัสผ่านสั้นเกินไป ต้องยาวอย่างน้อย 10 ตัวอักษร"]
    assert "รหัสผ่านเป็นตัวเลขล้วน" in refusals("12345678901234")
    assert "รหัสผ่านนี้มีคนใช้กันมาก เดาได้ง่าย" in refusals("password1234")
    user = get_user_model()(username="kittipong@example.org", email="kittipong@example.org")
    assert any("คล้ายกับ" in m for m in refusals("kittipong@example.org", user))
    validate_password("ต้นมะขาม-หน้าบ้าน-2569", user)  # a good one passes
    validate_password("abcdefghij-k")  # ten characters are enough
    assert "รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร" in password_validators_help_texts()
    for text in password_validators_help_texts():
        assert "password" not in text.lower(), text


def test_redact_blots_out_the_tokens_of_one_time_links():
    assert redact("Gone: /invite/AbC-12_x/") == "Gone: /invite/…/"
    assert redact("GET /account/reset/MQ/cb1-8f2a/ HTTP/1.1") == "GET /account/reset/…/…/ HTTP/1.1"
    assert redact("GET /account/reset/MQ/set-password/") == "GET /account/reset/…/…/"
    assert redact("/account/reset/sent/ and /account/reset/done/") == (
        "/account/reset/sent/ and /account/reset/done/"
    )
    assert redact("/a/ummao/2565/") == "/a/ummao/2565/"


def test_the_filter_rewrites_messages_arguments_and_tracebacks():
    class Holder:
        def __repr__(self) -> str:
            return "<WSGIRequest: GET '/invite/SeCrEt-Token/'>"

    record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "context %r", (Holder(),), None)
    assert DropPublicRequest().filter(record)
    assert "SeCrEt" not in record.getMessage() and "/invite/…" in record.getMessage()
    try:
        raise ValueError("lookup failed in /invite/SeCrEt-Token/")
    except ValueError:
        failed = logging.LogRecord("x", logging.DEBUG, __file__, 1, "oops", (), sys.exc_info())
    DropPublicRequest().filter(failed)
    assert failed.exc_info is None and "SeCrEt" not in failed.exc_text
    plain = logging.LogRecord("x", logging.INFO, __file__, 1, "nothing %s", ("here",), None)
    DropPublicRequest().filter(plain)
    assert plain.args == ("here",)  # untouched when there is nothing to blot out


def test_failed_requests_on_an_invitation_leave_no_token_in_the_logs(
    demo, coordinator, every_logger_at_debug
):
    _membership, token = invitations.invite_member(
        actor=coordinator, agency=demo, email="quiet@example.org", role=Role.VIEWER
    )
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/invite/{token}/", {"new_password1": "x"}).status_code == 403
    assert Client().get(f"/invite/{token}x/").status_code == 410
    text = log_text(every_logger_at_debug)
    assert "/invite/…" in text  # the failures were logged, without the token
    assert token not in text
