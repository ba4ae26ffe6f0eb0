"""The project's one domain error: a message translated once, and the field it concerns.

Messages are Thai source strings marked for translation (the English catalogue is the
second language):

    raise ValidationFailed(_("ชื่อมาตรการต้องไม่ว่าง"), field="title")
    raise ValidationFailed(_("มีมาตรการของปีงบประมาณ %(year)s แล้ว") % {"year": year})

Services raise it; views put `str(error)` next to `error.field` (or at the top of the form
when it names none, see `show_on_form`); the CLI prints `str(error)`. Nothing glues two
languages together.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _


class ProngsaiError(Exception):
    """Base of every error prongsai raises on purpose; nothing was written."""

    def __init__(self, message: Any, *, field: str | None = None) -> None:
        # Translated now, in the language of the request or command that raised it (a lazy
        # message would otherwise follow whatever language is active when it is printed).
        self.message = str(message)
        self.field = field
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.message)


class ValidationFailed(ProngsaiError):
    """Input that cannot be accepted; nothing was written."""


class StaleEdit(ProngsaiError):
    """The object changed since the form was opened; `changes` says what changed."""

    def __init__(self, changes: dict[str, tuple[object, object]]) -> None:
        self.changes = changes
        super().__init__(_("มีผู้อื่นแก้ไขรายการนี้ระหว่างที่ท่านแก้ไข จึงยังไม่บันทึก กรุณาตรวจสอบการเปลี่ยนแปลง"))


class UploadRejected(ProngsaiError):
    """An uploaded file that is refused (type, size, structure)."""


class _Form(Protocol):
    fields: dict[str, Any]

    def add_error(self, field: str | None, error: Any) -> None: ...


def show_on_form(form: _Form, error: ProngsaiError) -> None:
    """Put the error next to the field it concerns, or at the top when the form lacks it."""
    form.add_error(error.field if error.field in form.fields else None, str(error))
