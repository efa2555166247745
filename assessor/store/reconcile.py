"""Records against their events: every record is what its own events replay to.

The hash chain proves the events were not edited; it says nothing of the records beside them. A change made
past the store's API (an UPDATE in the database, an edited export imported) leaves the chain whole, so each
record is replayed from its events and compared with the stored row: its version and every field. Events may
carry more than the record's fields (an approval pins the review it approved, a signature names its report);
only the record's own fields are compared.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from assessor.core.text import json_clip
from assessor.store import diff
from assessor.store.errors import RecordsDiffer
from assessor.store.events import rows
from assessor.store.records import field_names, to_record
from assessor.store.schema import RECORDS

BATCH = 500  # records read per query
SHOWN = 20  # mismatches named in the error; the count says how many more


@dataclass
class _Replayed:
    state: Any
    version: int
    deleted: bool


def check(connection: Connection) -> int:
    """The number of records checked, or RecordsDiffer naming every record that differs from its events."""
    replayed = _replay(connection)
    found: list[str] = []
    count = 0
    for kind, table in RECORDS.items():
        names = field_names(kind)
        for row in _records(connection, table):
            count += 1
            record = to_record(kind, row)
            events = replayed.pop((kind, record.id), None)
            found += _differences(kind, record.id, record.version, record.fields, names, events)
    found += [f"{kind} {record} is gone, but its events end at version {r.version} without a delete"
              for (kind, record), r in replayed.items() if not r.deleted]  # fmt: skip
    if found:
        raise RecordsDiffer(found[:SHOWN], len(found))
    return count


def _replay(connection: Connection) -> dict[tuple[str, str], _Replayed]:
    """Every record's state, version and whether it was deleted, from the log in sequence order."""
    replayed: dict[tuple[str, str], _Replayed] = {}
    for row in rows(connection):
        if row.kind not in RECORDS:
            continue
        key = (row.kind, row.record)
        last = replayed.get(key) or _Replayed({}, 0, False)
        state = diff.apply(last.state, json.loads(row.changes))
        replayed[key] = _Replayed(state, row.version, row.action == "delete")
    return replayed


def _differences(kind: str, record_id: str, version: int, fields: dict[str, Any], names: list[str],
                 events: _Replayed | None) -> list[str]:  # fmt: skip
    where = f"{kind} {record_id}"
    if events is None:
        return [f"{where} has no events: it was written past the store"]
    if events.deleted:
        return [f"{where} is stored, but its events deleted it at version {events.version}"]
    found = []
    if events.version != version:
        found.append(f"{where} is at version {version}, its events at {events.version}")
    state = events.state if isinstance(events.state, dict) else {}
    for name in names:
        stored, given = fields.get(name), state.get(name)
        if not _same(stored, given):
            found.append(f"{where}: {name} is {json_clip(stored)}, its events give {json_clip(given)}")
    return found


def _same(a: Any, b: Any) -> bool:
    """The same JSON value (True is not 1, 1 is not 1.0), whatever the order of keys."""
    return not diff.changes(a, b)


def _records(connection: Connection, table: Any) -> Iterator[Any]:
    key = table.c.id
    last = ""
    while batch := connection.execute(select(table).where(key > last).order_by(key).limit(BATCH)).all():
        yield from batch
        last = batch[-1].id
