"""The project's own errors: each carries a Thai and an English message."""


class ProngsaiError(Exception):
    """Base of every error prongsai raises on purpose."""

    def __init__(self, th: str, en: str = "") -> None:
        self.th = th
        self.en = en or th
        super().__init__(f"{th} / {en}" if en else th)


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
