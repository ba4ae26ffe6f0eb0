from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from prongsai.audit.sentences import Event


class PublicConfig(AppConfig):
    name = "prongsai.public"
    label = "public"

    # History tables whose append-only triggers `audit verify` and restore check.
    append_only_tables = ("public_reportdecision", "public_publication", "public_publisheddocument")

    def describe_audit_events(self, events: Sequence["Event"]) -> dict[int, str]:
        from prongsai.public.audit_text import describe

        return describe(events)
