"""Saving a versioned record on the shortest path: the record and the event log's head read (and the head locked)
in one query, the stored JSON parsed from a small cache, and the record, its event and the new head written in
one statement on PostgreSQL (three on SQLite, where a statement costs no round trip), with no re-select.

On PostgreSQL a save based on a version this process wrote or read last, while the log's head is still the
one it last wrote, needs no read at all: one statement checks the head (locking it) and the version, and writes
only if both hold (`save_known`); otherwise nothing is written and the save takes the path above.

The version check stays exact: the update names the version it was based on, and a write that finds another
version (PostgreSQL re-reads only the locked head after waiting for it) writes nothing and is reported stale.
"""

from __future__ import annotations

import json
import marshal
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, Connection, Engine, Table, TextClause, bindparam, select, text, true, update

from assessor.store import diff
from assessor.store.errors import NotFound, UnstorableValue
from assessor.store.events import dumps, event_hash, now
from assessor.store.records import Record, Tx, field_names
from assessor.store.schema import JSON_FIELDS, RECORDS, chain, events

CACHED = 64  # parsed documents kept, by their stored text
EVENT_COLUMNS = ("seq", "at", "actor", "action", "kind", "record", "version", "changes", "prev", "hash")

_parsed: OrderedDict[str, bytes] = OrderedDict()
_parsed_lock = threading.Lock()


def parse(stored: str) -> Any:
    """The JSON value of a stored text: a fresh copy from the cache when this text was written or read lately
    (marshal restores it several times faster than JSON is parsed), else parsed and remembered."""
    with _parsed_lock:
        found = _parsed.get(stored)
        if found is not None:
            _parsed.move_to_end(stored)
    if found is not None:
        return marshal.loads(found)
    value = json.loads(stored)
    remember(stored, value)
    return value


def remember(stored: str, value: Any) -> None:
    """Keep `value` as the parse of `stored` (the text the one serializer wrote for it)."""
    try:
        frozen = marshal.dumps(value, 2)
    except ValueError:  # a subclass marshal cannot write: parse the text when it is next needed
        return
    with _parsed_lock:
        _parsed[stored] = frozen
        _parsed.move_to_end(stored)
        while len(_parsed) > CACHED:
            _parsed.popitem(last=False)


@dataclass
class _Memory:
    """What this process last wrote to (or read from) one database: the log's head, and recent record versions
    as stored (JSON fields as their text), by (kind, id, version). A version's stored values never change."""

    head: tuple[int, str] | None = None
    rows: OrderedDict[tuple[str, str, int], dict[str, Any]] = field(default_factory=OrderedDict)


_memory: WeakKeyDictionary[Engine, _Memory] = WeakKeyDictionary()


def _remembered(engine: Engine) -> _Memory:
    with _parsed_lock:
        return _memory.setdefault(engine, _Memory())


def _keep_row(engine: Engine, kind: str, stored: dict[str, Any]) -> None:
    memory = _remembered(engine)
    with _parsed_lock:
        memory.rows[(kind, str(stored["id"]), int(stored["version"]))] = stored
        while len(memory.rows) > CACHED:
            memory.rows.popitem(last=False)


def known(tx: Tx, kind: str, record_id: str, based_on: int) -> Record | None:
    """On PostgreSQL, the record at `based_on` as this process last saw it stored, if it did and knows the
    log's head; the save must then go through save_known, which checks both in the database."""
    if tx.connection.dialect.name != "postgresql":
        return None
    memory = _remembered(tx.connection.engine)
    with _parsed_lock:
        stored, head = memory.rows.get((kind, str(record_id), based_on)), memory.head
    if stored is None or head is None:
        return None
    return _record(kind, stored)


def save_known(tx: Tx, current: Record, values: dict[str, Any], action: str = "update") -> Record | None:
    """Save on top of a remembered version (from `known`) in one statement that writes only when the log's head
    and the stored version are still the remembered ones; None, with nothing written, when either moved or the
    save changes nothing (the caller then takes the checked path)."""
    head = _remembered(tx.connection.engine).head
    merged = {**current.fields, **values}
    changes = diff.changes(current.fields, merged)
    if head is None or not changes:
        return None
    tx.head = head
    saved = write(tx, current, merged, changes, action, head_checked=True)
    if saved is None:
        tx.head = None
    return saved


def _record(kind: str, stored: dict[str, Any]) -> Record:
    fields = {n: _field(n, stored[n]) for n in field_names(kind)}
    return Record(kind, stored["id"], stored["version"], stored["created"], stored["updated"], fields)


def load_locked(tx: Tx, kind: str, record_id: str, scope: ColumnElement[bool]) -> Record:
    """The record in scope, read with the event log's head in one query that locks the head; NotFound for an
    unknown or out-of-scope id."""
    table = RECORDS[kind]
    query = (
        select(chain.c.seq.label("head_seq"), chain.c.hash.label("head_hash"), table)
        .select_from(chain.join(table, true()))  # one row: the head beside the record
        .where(chain.c.id == 1, table.c.id == str(record_id), scope)
        .with_for_update(of=chain)
    )
    row = tx.connection.execute(query).first()
    if row is None:
        raise NotFound(kind, str(record_id))
    tx.head = (int(row.head_seq), str(row.head_hash))
    stored = {name: row._mapping[name] for name in ("id", "version", "created", "updated", *field_names(kind))}
    _keep_row(tx.connection.engine, kind, stored)
    return _record(kind, stored)


def _field(name: str, value: Any) -> Any:
    return parse(value) if name in JSON_FIELDS and value is not None else value


def save(tx: Tx, current: Record, based_on: int, values: dict[str, Any], action: str = "update") -> Record:
    """Save changed fields of `current` (from load_locked) as the next version; StaleRecord (nothing written)
    when the stored version is not `based_on`; a save that changes nothing writes nothing."""
    if current.version != based_on:
        raise tx.stale(current, based_on)
    merged = {**current.fields, **values}
    changes = diff.changes(current.fields, merged)
    if not changes:
        return current
    saved = write(tx, current, merged, changes, action)
    if saved is None:  # saved elsewhere while this transaction waited for the head
        raise tx.stale(tx.load(current.kind, current.id), based_on)
    return saved


def write(tx: Tx, current: Record, merged: dict[str, Any], changes: list[diff.Change], action: str, *,
          head_checked: bool = False) -> Record | None:  # fmt: skip
    """Write the record's changed fields as the next version with its event and move the head; None (nothing
    written) when the stored version is no longer `current.version` (or, `head_checked`, the head not tx.head)."""
    table = RECORDS[current.kind]
    version, updated = current.version + 1, now()
    columns = tuple(sorted({str(c["path"][0]) for c in changes}))
    params = {"r_id": current.id, "r_based_on": current.version, "r_version": version, "r_updated": updated,
              **{f"v_{name}": _stored(name, merged[name]) for name in columns}}  # fmt: skip
    params |= {f"e_{name}": value for name, value in _event(tx, current, version, action, changes).items()}
    if tx.connection.dialect.name == "postgresql":
        statement = _one_statement(table, columns, head_checked)
        done = tx.connection.execute(statement, params).first() is not None
    else:
        done = _three_statements(tx.connection, table, columns, params)
    if not done:
        return None
    tx.head = (params["e_seq"], params["e_hash"])
    for name in columns:
        if name in JSON_FIELDS:
            remember(params[f"v_{name}"], merged[name])
    _after_write(tx, current, params, columns)
    return Record(current.kind, current.id, version, current.created, updated, merged)


def _after_write(tx: Tx, current: Record, params: dict[str, Any], columns: tuple[str, ...]) -> None:
    """Remember the new head and the record's new version as stored, for the next save's `known`."""
    engine = tx.connection.engine
    memory = _remembered(engine)
    with _parsed_lock:
        before = memory.rows.get((current.kind, current.id, current.version))
        memory.head = tx.head
    if before is not None:
        stored = {**before, "version": params["r_version"], "updated": params["r_updated"],
                  **{name: params[f"v_{name}"] for name in columns}}  # fmt: skip
        _keep_row(engine, current.kind, stored)


def _stored(name: str, value: Any) -> Any:
    if name not in JSON_FIELDS:
        return value
    try:
        return dumps(value)
    except (TypeError, ValueError) as err:
        raise UnstorableValue(f"a value is not JSON ({err}); nothing was written") from err


def _event(tx: Tx, current: Record, version: int, action: str, changes: list[diff.Change]) -> dict[str, Any]:
    assert tx.head is not None, "load_locked() reads the head first"
    seq, prev = tx.head[0] + 1, tx.head[1]
    body = {"at": now(), "actor": tx.actor, "action": action, "kind": current.kind, "record": current.id,
            "version": version, "changes": changes, "seq": seq}  # fmt: skip
    try:
        digest = event_hash(body, prev)
        stored = dumps(changes)
    except (TypeError, ValueError) as err:
        raise UnstorableValue(f"{current.kind} {current.id}: a value cannot be stored exactly ({err}); integers "
                              "beyond ±2**53, non-finite numbers and non-JSON values are refused") from err  # fmt: skip
    return {"seq": seq, "at": body["at"], "actor": tx.actor, "action": action, "kind": current.kind,
            "record": current.id, "version": version, "changes": stored, "prev": prev, "hash": digest}  # fmt: skip


_statements: dict[tuple[str, tuple[str, ...]], Any] = {}


def _one_statement(table: Table, columns: tuple[str, ...], head_checked: bool) -> TextClause:
    """PostgreSQL: update the record, insert its event and move the head in one statement (data-modifying CTEs);
    each step runs only when the one before it wrote, so a stale version writes nothing and returns no row.
    `head_checked` first locks the head only if it is still the event's `prev` (else nothing is written)."""
    key = (f"pg:{table.name}:{head_checked}", columns)
    if key not in _statements:
        sets = ", ".join(f"{name} = :v_{name}" for name in columns)
        casts = ", ".join(f"CAST(:e_{c} AS {'INTEGER' if c in {'seq', 'version'} else 'TEXT'})" for c in EVENT_COLUMNS)
        head = (f"head AS (SELECT seq FROM {chain.name} WHERE id = 1 AND seq = CAST(:e_seq AS INTEGER) - 1 "
                "AND hash = CAST(:e_prev AS TEXT) FOR UPDATE), ")  # fmt: skip
        _statements[key] = text(
            f"WITH {head if head_checked else ''}"
            f"saved AS (UPDATE {table.name} SET version = :r_version, updated = :r_updated, {sets} "
            f"WHERE id = :r_id AND version = :r_based_on"
            f"{' AND EXISTS (SELECT 1 FROM head)' if head_checked else ''} RETURNING id), "
            f"logged AS (INSERT INTO {events.name} ({', '.join(EVENT_COLUMNS)}) SELECT {casts} FROM saved "
            f"RETURNING seq) "
            f"UPDATE {chain.name} SET seq = :e_seq, hash = :e_hash WHERE id = 1 AND EXISTS (SELECT 1 FROM logged) "
            "RETURNING seq"
        )
    statement: TextClause = _statements[key]
    return statement


def _three_statements(connection: Connection, table: Table, columns: tuple[str, ...], params: dict[str, Any]) -> bool:
    key = ("sqlite:" + table.name, columns)
    if key not in _statements:
        sets: dict[str, Any] = {"version": bindparam("r_version"), "updated": bindparam("r_updated")}
        sets |= {name: bindparam(f"v_{name}") for name in columns}
        where = (table.c.id == bindparam("r_id"), table.c.version == bindparam("r_based_on"))
        _statements[key] = update(table).where(*where).values(sets)
    if connection.execute(_statements[key], params).rowcount != 1:
        return False
    connection.execute(_INSERT_EVENT, params)
    connection.execute(_MOVE_HEAD, params)
    return True


_INSERT_EVENT = events.insert().values({c: bindparam(f"e_{c}") for c in EVENT_COLUMNS})
_MOVE_HEAD = update(chain).where(chain.c.id == 1).values(seq=bindparam("e_seq"), hash=bindparam("e_hash"))
