from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "prongsai.audit"
    label = "audit"

    def ready(self) -> None:
        from prongsai.audit.guard import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="prongsai_guard")
