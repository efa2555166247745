"""Values derived once per immutable object (a loaded standard, a validated submission), kept for a few objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class PerObject(Generic[K, V]):
    """`make(obj)` computed once per object, keyed by identity; each entry holds its object, so an id is never
    reused while its entry lives. At most `size` objects are kept (the oldest go first)."""

    def __init__(self, make: Callable[[K], V], size: int = 16) -> None:
        self._make = make
        self._size = size
        self._entries: dict[int, tuple[K, V]] = {}

    def __call__(self, obj: K) -> V:
        """The value for `obj`, made on first use."""
        hit = self._entries.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = self._make(obj)
        if len(self._entries) >= self._size:
            del self._entries[next(iter(self._entries))]
        self._entries[id(obj)] = (obj, value)
        return value
