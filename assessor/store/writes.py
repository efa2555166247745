"""Saving a versioned record on the shortest path: the record and the event log's head read (and the head locked)
in one query, the stored JSON parsed from a small cache, and the record, its event and the new head written in
one statement on PostgreSQL (three on SQLite, where a statement costs no round trip), with no re-select.

The version check stays exact: the update names the version it was based on, and a write that finds another
version (PostgreSQL re-reads only the locked head after waiting for it) writes nothing and is reported stale.
"""

from __future__ import annotations

import json
import marshal
import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, TextClause, bindparam, select, text, true, update

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
    mapping = row._mapping
    fields = {n: _field(n, mapping[n]) for n in field_names(kind)}
    return Record(kind, mapping["id"], mapping["version"], mapping["created"], mapping["updated"], fields)


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


def write(tx: Tx, current: Record, merged: dict[str, Any], changes: list[diff.Change], action: str) -> Record | None:
    """Write the record's changed fields as the next version with its event and move the head; None (nothing
    written) when the stored version is no longer `current.version`."""
    table = RECORDS[current.kind]
    version, updated = current.version + 1, now()
    columns = tuple(sorted({str(c["path"][0]) for c in changes}))
    params = {"r_id": current.id, "r_based_on": current.version, "r_version": version, "r_updated": updated,
              **{f"v_{name}": _stored(name, merged[name]) for name in columns}}  # fmt: skip
    params |= {f"e_{name}": value for name, value in _event(tx, current, version, action, changes).items()}
    if tx.connection.dialect.name == "postgresql":
        done = tx.connection.execute(_one_statement(table, columns), params).first() is not None
    else:
        done = _three_statements(tx.connection, table, columns, params)
    if not done:
        return None
    tx.head = (params["e_seq"], params["e_hash"])
    for name in columns:
        if name in JSON_FIELDS:
            remember(params[f"v_{name}"], merged[name])
    return Record(current.kind, current.id, version, current.created, updated, merged)


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


def _one_statement(table: Table, columns: tuple[str, ...]) -> TextClause:
    """PostgreSQL: update the record, insert its event and move the head in one statement (data-modifying CTEs);
    each step runs only when the one before it wrote, so a stale version writes nothing and returns no row."""
    key = ("pg:" + table.name, columns)
    if key not in _statements:
        sets = ", ".join(f"{name} = :v_{name}" for name in columns)
        casts = ", ".join(f"CAST(:e_{c} AS {'INTEGER' if c in {'seq', 'version'} else 'TEXT'})" for c in EVENT_COLUMNS)
        _statements[key] = text(
            f"WITH saved AS (UPDATE {table.name} SET version = :r_version, updated = :r_updated, {sets} "
            f"WHERE id = :r_id AND version = :r_based_on RETURNING id), "
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
