"""A small typed, bounded, thread-safe cache (least recently used goes first)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["BoundedCache"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """At most ``max_items`` values by key; ``get_or_build`` builds a missing one outside the
    lock (two threads may build the same value once each; the first stored wins)."""

    def __init__(self, max_items: int) -> None:
        if max_items < 1:
            raise ValueError("max_items must be at least 1")
        self.max_items = max_items
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: K) -> V | None:
        """The value for ``key`` (marked as recently used), or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def get_or_build(self, key: K, build: Callable[[], V]) -> V:
        """The value for ``key``, built with ``build()`` and stored when missing."""
        value = self.get(key)
        if value is not None:
            return value
        value = build()
        with self._lock:
            stored = self._items.setdefault(key, value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
            return stored
