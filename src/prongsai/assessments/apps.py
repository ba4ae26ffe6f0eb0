from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from prongsai.audit.sentences import Event


class AssessmentsConfig(AppConfig):
    name = "prongsai.assessments"
    label = "assessments"

    def describe_audit_events(self, events: Sequence["Event"]) -> dict[int, str]:
        from prongsai.assessments.audit_text import describe

        return describe(events)
