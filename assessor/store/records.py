"""Versioned records inside one write transaction: every insert and update is checked against the version it
was based on and appends its event, so the log holds every change (who, when, field, old → new)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, select, update

from assessor.store import diff
from assessor.store.errors import NotFound, StaleRecord, UnstorableValue
from assessor.store.events import append, dumps, lock_head, now
from assessor.store.schema import JSON_FIELDS, RECORDS, events

META = ("id", "version", "created", "updated")


@dataclass(frozen=True)
class Record:
    """One stored record: its kind, id, version, times and fields (JSON fields as values)."""

    kind: str
    id: str
    version: int
    created: str
    updated: str
    fields: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def as_dict(self) -> dict[str, Any]:
        """The record as one JSON-ready mapping."""
        return {"kind": self.kind, "id": self.id, "version": self.version, "created": self.created,
                "updated": self.updated, **self.fields}  # fmt: skip


def field_names(kind: str) -> list[str]:
    """The fields of a kind of record (every column but id, version and times)."""
    return [c.name for c in RECORDS[kind].columns if c.name not in META]


def to_record(kind: str, row: Any) -> Record:
    """A database row as a Record, JSON text parsed."""
    mapping = row._mapping
    values = {n: _load(n, mapping[n]) for n in field_names(kind)}
    return Record(kind, mapping["id"], mapping["version"], mapping["created"], mapping["updated"], values)


def _load(name: str, value: Any) -> Any:
    return json.loads(value) if name in JSON_FIELDS and value is not None else value


def _store(values: dict[str, Any]) -> dict[str, Any]:
    try:
        return {k: dumps(v) if k in JSON_FIELDS else v for k, v in values.items()}
    except (TypeError, ValueError) as err:
        raise UnstorableValue(f"a value is not JSON ({err}); nothing was written") from err


def within(what: str, text: str, limit: int) -> str:
    """`text` when it has at most `limit` characters, else UnstorableValue naming the limit: checked before
    writing, so SQLite (which would keep it) and PostgreSQL (which would fail mid-insert) refuse it alike."""
    if len(text) > limit:
        raise UnstorableValue(f"the {what} has {len(text):,} characters; at most {limit:,} are kept")
    return text


def new_id() -> str:
    """A fresh record id (uuid4, hex)."""
    return uuid.uuid4().hex


class Tx:
    """One write transaction: holds the event log's head, so the transaction's events are appended in order."""

    def __init__(self, connection: Connection, actor: str, *, lock: bool = True) -> None:
        """`lock=False` leaves the head to the first read that locks it (see writes.load_locked) or to the first
        event."""
        self.connection, self.actor = connection, actor
        self.head: tuple[int, str] | None = lock_head(connection) if lock else None

    def event(self, kind: str, record_id: str, version: int, action: str, changes: list[diff.Change]) -> None:
        """Append one event to the log; UnstorableValue (the transaction rolls back) for a value that is not JSON
        or that RFC 8785 cannot hash."""
        body = {"at": now(), "actor": self.actor, "action": action, "kind": kind, "record": record_id,
                "version": version, "changes": changes}  # fmt: skip
        try:
            self.head = append(self.connection, self.head or lock_head(self.connection), body)
        except (TypeError, ValueError) as err:
            raise UnstorableValue(f"{kind} {record_id}: a value cannot be stored exactly ({err}); integers beyond "
                                  "±2**53, non-finite numbers and non-JSON values are refused") from err  # fmt: skip

    def insert(self, kind: str, values: dict[str, Any], *, action: str = "create", record_id: str | None = None,
               version: int = 1, times: tuple[str, str] | None = None) -> Record:  # fmt: skip
        """Create a record at `version` (1, or an imported draft's own) and log it with every field."""
        record_id = record_id or new_id()
        created, updated = times or (now(),) * 2
        self.event(kind, record_id, version, action, diff.created(values))
        row = {"id": record_id, "version": version, "created": created, "updated": updated, **_store(values)}
        self.connection.execute(RECORDS[kind].insert().values(**row))
        return Record(kind, record_id, version, created, updated, dict(values))

    def load(self, kind: str, record_id: str) -> Record:
        """The record as stored now (NotFound when there is none); callers check scope before."""
        table = RECORDS[kind]
        row = self.connection.execute(select(table).where(table.c.id == record_id)).first()
        if row is None:
            raise NotFound(kind, record_id)
        return to_record(kind, row)

    def update(self, kind: str, record_id: str, based_on: int, values: dict[str, Any], *,
               action: str = "update", current: Record | None = None,
               also: tuple[diff.Change, ...] = ()) -> Record:  # fmt: skip
        """Save changed fields as the next version; StaleRecord (nothing written) when the stored version is not
        the one the change was based on. A save that changes nothing writes nothing. `current` is the record as
        loaded in this transaction, if the caller has it; `also` are facts the event records beside the changed
        fields (an approval's pinned review), not fields of the record."""
        current = current or self.load(kind, record_id)
        if current.version != based_on:
            raise self.stale(current, based_on)
        merged = {**current.fields, **values}
        changes = diff.changes(current.fields, merged)
        if not changes:
            return current
        return self._write(RECORDS[kind], current, merged, [*changes, *also], action)

    def _write(self, table: Table, current: Record, merged: dict[str, Any], changes: list[diff.Change],
               action: str) -> Record:  # fmt: skip
        version, updated = current.version + 1, now()
        done = self.connection.execute(
            update(table).where(table.c.id == current.id, table.c.version == current.version)
            .values(version=version, updated=updated, **_store(merged))
        )  # fmt: skip
        assert done.rowcount == 1  # the write lock is held, so the version cannot have moved since load()
        self.event(current.kind, current.id, version, action, changes)
        return Record(current.kind, current.id, version, current.created, updated, merged)

    def stale(self, current: Record, based_on: int) -> StaleRecord:
        """The refusal of a save based on `based_on` when `current` is stored, carrying the changes since."""
        return StaleRecord(current.kind, current.id, based_on, current.as_dict(),
                           self.since(current.kind, current.id, based_on))  # fmt: skip

    def since(self, kind: str, record_id: str, version: int) -> list[dict[str, Any]]:
        """The events of a record after `version`: the other changes a stale save is shown."""
        return history(self.connection, kind, record_id, after=version)


def history(connection: Connection, kind: str, record_id: str, *, after: int = 0) -> list[dict[str, Any]]:
    """A record's events in order (seq, at, actor, action, version, changes)."""
    found = connection.execute(
        select(events).where(events.c.kind == kind, events.c.record == record_id, events.c.version > after)
        .order_by(events.c.seq)
    ).all()  # fmt: skip
    return [{"seq": r.seq, "at": r.at, "actor": r.actor, "action": r.action, "version": r.version,
             "changes": json.loads(r.changes)} for r in found]  # fmt: skip


def state_at(entries: list[dict[str, Any]], version: int) -> dict[str, Any]:
    """A record's fields as they were at `version`, replayed from its events."""
    state: Any = {}
    for entry in entries:
        if entry["version"] <= version:
            state = diff.apply(state, entry["changes"])
    if not isinstance(state, dict) or not any(e["version"] == version for e in entries):
        raise NotFound("version", str(version))
    return state
