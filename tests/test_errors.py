"""The one domain error: one message in the active language, and the field it concerns."""

import ast
from pathlib import Path

import pytest
from django import forms
from django.utils import translation

from prongsai.core.errors import StaleEdit, ValidationFailed, show_on_form
from prongsai.core.i18n import in_active_language
from tests.pending_catalogue import in_english

SRC = Path(__file__).resolve().parent.parent / "src" / "prongsai"
ERRORS = {"ProngsaiError", "ValidationFailed", "UploadRejected", "ParseError", "TableError"}
ERRORS |= {"BackupError"}


class TitleForm(forms.Form):
    title = forms.CharField()


def test_one_message_and_no_second_language():
    error = ValidationFailed("ต้องระบุชื่อมาตรการ", field="title")
    assert str(error) == "ต้องระบุชื่อมาตรการ" and error.field == "title"
    with pytest.raises(TypeError):
        ValidationFailed("ต้องระบุชื่อมาตรการ", "a measure needs a title")  # type: ignore[misc]
    assert not hasattr(error, "en") and not hasattr(error, "th")


def test_the_error_goes_next_to_its_field_or_to_the_top():
    form = TitleForm({"title": "x"})
    assert form.is_valid()
    show_on_form(form, ValidationFailed("ต้องระบุชื่อมาตรการ", field="title"))
    show_on_form(form, ValidationFailed("ไม่มีช่องนี้", field="no_such_field"))
    show_on_form(form, ValidationFailed("ทั้งแบบฟอร์ม"))
    assert form.errors["title"] == ["ต้องระบุชื่อมาตรการ"]
    assert form.non_field_errors() == ["ไม่มีช่องนี้", "ทั้งแบบฟอร์ม"]


def test_stale_edit_says_it_in_the_language_of_the_request_that_raised_it():
    with translation.override("th"):
        error = StaleEdit({"title": ("เดิม", "ใหม่")})
    with in_english():
        # Translated when raised: a later change of language does not change it.
        assert str(error).startswith("มีผู้อื่นแก้ไขรายการนี้ระหว่างที่ท่านแก้ไข")
        english = StaleEdit({"title": ("เดิม", "ใหม่")})
    assert str(english).startswith("someone else changed this while you were editing")
    assert error.changes == {"title": ("เดิม", "ใหม่")}


def test_pure_layer_texts_are_picked_by_the_active_language():
    with translation.override("th"):
        assert in_active_language("ไม่มีข้อมูลคะแนน", "no scores were given") == "ไม่มีข้อมูลคะแนน"
    with translation.override("en"):
        assert in_active_language("ไม่มีข้อมูลคะแนน", "no scores were given") == (
            "no scores were given"
        )


def _raised_errors() -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ERRORS
            ):
                found.append((str(path.relative_to(SRC)), node.lineno, node))
    return found


def test_every_domain_error_is_built_with_one_translated_message():
    """One positional argument, marked for translation (or passed on from another error):
    no second language, no untranslated literal."""
    calls = _raised_errors()
    assert len(calls) > 80  # the scan sees the services, parsers and uploads
    wrong = []
    for where, line, call in calls:
        if len(call.args) != 1:
            wrong.append((where, line, "arguments"))
            continue
        message = call.args[0]
        if isinstance(message, ast.BinOp):  # _("… %(name)s …") % {...}
            message = message.left
        if isinstance(message, ast.Constant | ast.JoinedStr):
            wrong.append((where, line, "not marked for translation"))
    assert not wrong, wrong
