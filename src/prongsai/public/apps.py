from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from prongsai.agencies.models import Agency
    from prongsai.audit.sentences import Event
    from prongsai.memos.builders.common import Citation
    from prongsai.memos.head import MemoHead


class PublicConfig(AppConfig):
    name = "prongsai.public"
    label = "public"

    # History tables whose append-only triggers `audit verify` and restore check.
    append_only_tables = ("public_reportdecision", "public_publication", "public_publisheddocument")

    # Rows pointing at a stored file (`file`, `sha256`): `audit verify --files` reads them back.
    stored_files = {"PublishedDocument": "publication__agency", "CaseAttachment": "case__agency"}

    def describe_audit_events(self, events: Sequence["Event"]) -> dict[int, str]:
        from prongsai.public.audit_text import describe

        return describe(events)

    def memo_head(self, agency: "Agency", fiscal_year: int, kind: str) -> "MemoHead | None":
        """The head stored on the agency-year's report, for memos.service.stored_head."""
        from prongsai.public.heads import memo_head

        return memo_head(agency, fiscal_year, kind)

    def memo_citation(self, agency: "Agency", fiscal_year: int) -> "Citation | None":
        """The measures memo as the implementation report cites it (its date and subject),
        for memos.service.stored_citation."""
        from prongsai.public.services_reports import measures_citation

        return measures_citation(agency, fiscal_year)
