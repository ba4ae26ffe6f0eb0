from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from prongsai.audit.sentences import Event


class RegistryConfig(AppConfig):
    name = "prongsai.registry"
    label = "registry"

    def describe_audit_events(self, events: Sequence["Event"]) -> dict[int, str]:
        from prongsai.registry.audit_text import describe

        return describe(events)
