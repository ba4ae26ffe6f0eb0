"""The writes of the OIT checklist."""

from prongsai.oit.models import ItemState, OitItem


def record_link_state(item: OitItem, ok: bool) -> None:
    """Mark an item's address as working or broken after a link check (an item without an
    address has nothing to mark). Unchanged states are not saved, so a check does not make
    a coordinator's open edit form stale for nothing."""
    if not item.url:
        return
    state = ItemState.LINK_OK if ok else ItemState.LINK_BROKEN
    if item.state == state:
        return
    item.state = state
    item.version += 1
    item.save(update_fields=["state", "version", "updated_at"])
