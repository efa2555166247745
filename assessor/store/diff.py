"""Field-level changes between two states of a record, and replaying them: what events record and restore uses.

A change is `{"field": "$.data.profile.name", "path": [...], "old": …, "new": …}`; a missing `old` means the
value was absent before (a new key), a missing `new` that it was removed, so replaying is exact. Mappings are
compared key by key and arrays (lists or tuples) of equal length item by item; anything else that differs is one
change. Equal subtrees are recognised without a walk by their marshal bytes, which keep types apart (1 is not
1.0, True is not 1), so a save that changes one field costs little more than serialising the document once.
"""

from __future__ import annotations

import json
import marshal
from typing import Any

from assessor.core.problems import json_path

Change = dict[str, Any]
ABSENT = object()
"""An absent value (a key missing on one side), for `changes`."""


def changes(old: Any, new: Any, path: tuple[str | int, ...] = ()) -> list[Change]:
    """Every leaf that differs between `old` and `new` (either may be ABSENT)."""
    if isinstance(old, dict | list | tuple) and type(old) is type(new) and old == new and same(old, new):
        return []  # equal subtrees (and no 1 → 1.0 inside, which == misses) are skipped without a walk
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old) + [k for k in new if k not in old]
        return [c for k in keys for c in changes(old.get(k, ABSENT), new.get(k, ABSENT), (*path, k))]
    if isinstance(old, list | tuple) and isinstance(new, list | tuple) and len(old) == len(new):
        return [c for i, (a, b) in enumerate(zip(old, new, strict=True)) for c in changes(a, b, (*path, i))]
    if old is not ABSENT and new is not ABSENT and type(old) is type(new) and old == new:
        return []
    change: Change = {"field": json_path(path), "path": list(path)}
    if old is not ABSENT:
        change["old"] = old
    if new is not ABSENT:
        change["new"] = new
    return [change]


def same(old: Any, new: Any) -> bool:
    """Whether two values Python finds equal are also the same JSON (no 1 against 1.0 or True inside), judged by
    their marshal bytes (format 2: no back-references, so equal values write equal bytes) at C speed. Unequal
    bytes (keys in another order, -0.0) say only "walk them"; values marshal cannot write are compared as text."""
    try:
        return marshal.dumps(old, 2) == marshal.dumps(new, 2)
    except ValueError:
        return _text(old) == _text(new)


def _text(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), allow_nan=False, default=repr)


def created(new: dict[str, Any]) -> list[Change]:
    """The changes that create a record: every field, from absent."""
    return changes(ABSENT, new)


def apply(state: Any, record_changes: list[Change]) -> Any:
    """`state` with the changes replayed in order (the inverse of `changes`)."""
    for change in record_changes:
        state = _put(state, change["path"], change)
    return state


def _put(state: Any, path: list[str | int], change: Change) -> Any:
    if not path:
        return change.get("new")
    head, rest = path[0], path[1:]
    if isinstance(state, list):
        copy = list(state)
        copy[int(head)] = _put(copy[int(head)], rest, change)
        return copy
    copy_map = dict(state) if isinstance(state, dict) else {}
    if rest or "new" in change:
        copy_map[str(head)] = _put(copy_map.get(str(head)), rest, change)
    else:
        copy_map.pop(str(head), None)
    return copy_map


def reverse(record_changes: list[Change]) -> list[Change]:
    """The changes that undo these (in reverse order, old and new swapped)."""
    undone = []
    for change in reversed(record_changes):
        back: Change = {"field": change["field"], "path": change["path"]}
        if "new" in change:
            back["old"] = change["new"]
        if "old" in change:
            back["new"] = change["old"]
        undone.append(back)
    return undone
