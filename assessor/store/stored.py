"""Records as this process last wrote or read them, with each JSON column as its stored text and the texts of
its members, so the next save finds what changed by comparing texts it has already written.

The stored text of a mapping (or array) is its members' texts joined, byte for byte what the one serializer
writes for the whole value, so a save serialises its data once and equal member texts are the same JSON
(1 is not 1.0, True is not 1): only the members whose text differs are parsed and walked for field changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from assessor.store import diff
from assessor.store.errors import UnstorableValue
from assessor.store.events import dumps
from assessor.store.records import Record, field_names
from assessor.store.schema import JSON_FIELDS


@dataclass(frozen=True, slots=True)
class Json:
    """A JSON value as stored: its text and, for a mapping with text keys or an array, each member's text (by
    key or index, in order)."""

    text: str
    members: dict[str | int, str] | None = None
    array: bool = False


def encode(value: Any) -> Json:
    """The value's stored text (exactly events.dumps(value)) with its members' texts; UnstorableValue for a
    value that is not JSON."""
    try:
        if type(value) is dict and all(type(k) is str for k in value):
            members: dict[str | int, str] = {k: dumps(v) for k, v in value.items()}
            return Json("{" + ",".join(f"{dumps(k)}:{text}" for k, text in members.items()) + "}", members)
        if type(value) is list or type(value) is tuple:
            items = [dumps(v) for v in value]
            return Json("[" + ",".join(items) + "]", dict(enumerate(items)), array=True)
        return Json(dumps(value))
    except (TypeError, ValueError, RecursionError) as err:
        raise UnstorableValue(f"a value is not JSON ({err}); nothing was written") from err


def changes(old: Json, new_value: Any, new: Json, path: tuple[str | int, ...]) -> list[diff.Change]:
    """diff.changes(the stored value, new_value, path), found member by member: members with equal texts are
    skipped unparsed, and only the others are parsed and walked."""
    if old.text == new.text:
        return []
    if old.members is None or new.members is None or old.array != new.array:
        return diff.changes(json.loads(old.text), new_value, path)
    if old.array and len(old.members) != len(new.members):
        return diff.changes(json.loads(old.text), new_value, path)
    keys = [*old.members, *(k for k in new.members if k not in old.members)]
    found: list[diff.Change] = []
    for key in keys:
        before, after = old.members.get(key), new.members.get(key)
        if before != after:
            old_member = diff.ABSENT if before is None else json.loads(before)
            new_member = diff.ABSENT if after is None else new_value[key]
            found += diff.changes(old_member, new_member, (*path, key))
    return found


@dataclass(frozen=True)
class Stored:
    """One record's row as stored: version, times and columns, each JSON column as Json."""

    kind: str
    id: str
    version: int
    created: str
    updated: str
    columns: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        """A column that is not JSON, as stored."""
        return self.columns[name]

    @classmethod
    def of_row(cls, kind: str, mapping: Any) -> Stored:
        """A database row (a mapping of its columns) as Stored: JSON columns as their text, not yet split."""
        columns = {name: _json(name, mapping[name]) for name in field_names(kind)}
        return cls(kind, mapping["id"], mapping["version"], mapping["created"], mapping["updated"], columns)

    def record(self, given: dict[str, Any] | None = None) -> Record:
        """The record with these columns, `given` values in place of stored ones (JSON parsed only if not given)."""
        given = given or {}
        fields = {name: given[name] if name in given else _value(stored) for name, stored in self.columns.items()}
        return Record(self.kind, self.id, self.version, self.created, self.updated, fields)

    def field_changes(self, values: dict[str, Any], encoded: dict[str, Json]) -> list[diff.Change]:
        """The changes `values` make to this row (the JSON among them already `encoded`), in field order."""
        found: list[diff.Change] = []
        for name in self.columns:
            if name not in values:
                continue
            old = self.columns[name]
            if isinstance(old, Json):
                found += changes(old, values[name], encoded[name], (name,))
            else:
                found += diff.changes(_value(old), values[name], (name,))
        return found

    def after(self, version: int, updated: str, written: dict[str, Any]) -> Stored:
        """This row as the next version with `written` columns (JSON as Json) in place."""
        return Stored(self.kind, self.id, version, self.created, updated, {**self.columns, **written})


def stored_values(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Json]]:
    """The columns to write for `values` (JSON fields as Json) and the JSON ones alone."""
    encoded = {name: encode(value) for name, value in values.items() if name in JSON_FIELDS}
    return {**values, **encoded}, encoded


def column_value(value: Any) -> Any:
    """A column's value as the database is given it (a Json as its text)."""
    return value.text if isinstance(value, Json) else value


def _json(name: str, value: Any) -> Any:
    return Json(value) if name in JSON_FIELDS and value is not None else value


def _value(stored: Any) -> Any:
    return json.loads(stored.text) if isinstance(stored, Json) else stored
