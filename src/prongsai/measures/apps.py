from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from prongsai.audit.sentences import Event


class MeasuresConfig(AppConfig):
    name = "prongsai.measures"
    label = "measures"

    # Rows whose content each audit event binds; `audit verify` checks them all (lookup:
    # model → its agency).
    audited_models = {
        "Measure": "agency",
        "StatusUpdate": "measure__agency",
        "Evidence": "update__measure__agency",
        "StatusWithdrawal": "update__measure__agency",
    }

    # Rows pointing at a stored file (`file`, `sha256`): `audit verify --files` reads them back.
    stored_files = {"Evidence": "update__measure__agency"}

    # History tables (besides those audit.guard guards itself) whose append-only triggers
    # `audit verify` and restore check.
    append_only_tables = ("measures_statuswithdrawal",)

    def describe_audit_events(self, events: Sequence["Event"]) -> dict[int, str]:
        from prongsai.measures.audit_text import describe

        return describe(events)
