"""The project's one domain error: a message translated once, and the field it concerns.

Messages are Thai source strings marked for translation (the English catalogue is the
second language):

    raise ValidationFailed(_("ชื่อมาตรการต้องไม่ว่าง"), field="title")
    raise ValidationFailed(_("มีมาตรการของปีงบประมาณ %(year)s แล้ว") % {"year": year})

Services raise it; views put `str(error)` next to `error.field` (or at the top of the form
when it names none); the CLI prints `str(error)`. Nothing glues two languages together.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation


class ProngsaiError(Exception):
    """Base of every error prongsai raises on purpose; nothing was written."""

    def __init__(self, message: Any, en: str = "", *, field: str | None = None) -> None:
        # `en` is transitional: older call sites pass a Thai and an English text; new code
        # passes one gettext-marked message.
        self.message = message
        self._en = en
        self.field = field
        super().__init__(message)

    def __str__(self) -> str:
        if self._en:  # transitional: the old "th / en" form
            return f"{self.message} / {self._en}"
        return str(self.message)

    @property
    def th(self) -> str:
        with translation.override("th"):
            return str(self.message)

    @property
    def en(self) -> str:
        if self._en:
            return self._en
        with translation.override("en"):
            return str(self.message)


class ValidationFailed(ProngsaiError):
    """Input that cannot be accepted; nothing was written."""


class StaleEdit(ProngsaiError):
    """The object changed since the form was opened; `changes` says what changed."""

    def __init__(self, changes: dict[str, tuple[object, object]]) -> None:
        self.changes = changes
        super().__init__(
            "มีผู้อื่นแก้ไขรายการนี้ระหว่างที่ท่านแก้ไข จึงยังไม่บันทึก กรุณาตรวจสอบการเปลี่ยนแปลง",
            "someone else changed this while you were editing; nothing was saved",
        )


class UploadRejected(ProngsaiError):
    """An uploaded file that is refused (type, size, structure)."""
