import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig

if TYPE_CHECKING:
    from prongsai.audit.sentences import Event

log = logging.getLogger(__name__)


def _fill_after_publishing(sender: Any, *, agency: Any, fiscal_year: int, **kwargs: Any) -> None:
    """A publication was committed: give the checklist the addresses it published. A
    failure here must not look like a failed publication (it was committed), so it is
    logged; the next publication, or the coordinator, fills the items."""
    from prongsai.oit.services import fill_published

    try:
        fill_published(agency, fiscal_year)
    except Exception:
        log.exception("OIT auto-fill failed for %s/%s", agency.slug, fiscal_year)


class OitConfig(AppConfig):
    name = "prongsai.oit"
    label = "oit"
    verbose_name = "OIT"

    # Rows whose content each audit event binds (lookup: model → its agency).
    audited_models = {"OitItem": "agency"}

    def ready(self) -> None:
        # public sits below oit and must not import it: it sends a signal once a
        # publication is committed, and oit listens.
        from prongsai.public.signals import published

        published.connect(_fill_after_publishing, dispatch_uid="oit.fill_published")

    def describe_audit_events(self, events: Sequence["Event"]) -> dict[int, str]:
        from prongsai.oit.audit_text import describe

        return describe(events)
