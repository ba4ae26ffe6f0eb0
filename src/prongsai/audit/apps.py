from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.db.backends.signals import connection_created

if TYPE_CHECKING:
    from prongsai.audit.sentences import Event


class AuditConfig(AppConfig):
    name = "prongsai.audit"
    label = "audit"

    def ready(self) -> None:
        from prongsai.audit.guard import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="prongsai_guard")

    def describe_audit_events(self, events: Sequence["Event"]) -> dict[int, str]:
        from prongsai.audit.sentences import describe_own

        return describe_own(events)
