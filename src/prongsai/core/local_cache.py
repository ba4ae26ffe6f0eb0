"""A small in-process cache in front of the shared one, for values whose key names their
content (a page body keyed by its data's version token): such a value can never be stale, so
each server process may keep the ones it served last without asking the database again.

Bounded by entries and by bytes (least recently used first out), and safe across the
threads of one server process.
"""

import threading
from collections import OrderedDict

from django.core.cache import cache


class LocalCache:
    def __init__(self, max_entries: int = 64, max_bytes: int = 16 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, str] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def set(self, key: str, value: str) -> None:
        size = len(value)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._items[key] = value
            self._bytes += size
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                _key, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


def get_text(local: LocalCache, key: str) -> str | None:
    """The text kept under `key`: from this process first, else from the shared cache."""
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if isinstance(value, str):
            local.set(key, value)
    return value


def set_text(local: LocalCache, key: str, value: str, timeout: int) -> None:
    local.set(key, value)
    cache.set(key, value, timeout)
