"""Saving a versioned record on the shortest path: its data serialised once, the changes found by comparing
stored texts (stored.py), the record, its event and the log's new head written without reading anything back.

A save based on a version this process wrote or read last, while the log's head is still the one it last
wrote, needs no read at all: the write names the version it was based on and the head it follows, and writes
only if both still hold (`save_known`); otherwise nothing is written and the save takes the checked path, which
reads the record and the head in one query that locks the head (`load_locked`, then `save`). On PostgreSQL the
record, its event and the head are written in one statement, which for a remembered version is its own
transaction (one round trip: no BEGIN, no COMMIT); on SQLite, where a statement costs no round trip and BEGIN
IMMEDIATE already holds the write lock, in three.

The version check stays exact: the update names the version it was based on, and a write that finds another
version or another head writes nothing (PostgreSQL re-reads only the locked head after waiting for it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    TextClause,
    bindparam,
    exists,
    select,
    text,
    true,
    update,
)

from assessor.store import diff
from assessor.store.errors import NotFound, UnstorableValue
from assessor.store.events import dumps, event_hash, now
from assessor.store.records import Record, Tx
from assessor.store.schema import RECORDS, chain, events
from assessor.store.stored import Stored, column_value, stored_values

CACHED = 64  # record versions remembered per database
EVENT_COLUMNS = ("seq", "at", "actor", "action", "kind", "record", "version", "changes", "prev", "hash")


@dataclass
class _Memory:
    """What this process last wrote to (or read from) one database: the log's head, and recent record versions
    as stored, by (kind, id, version). A version's stored values never change."""

    head: tuple[int, str] | None = None
    rows: OrderedDict[tuple[str, str, int], Stored] = field(default_factory=OrderedDict)


_memory: WeakKeyDictionary[Engine, _Memory] = WeakKeyDictionary()
_lock = threading.Lock()


def _remembered(engine: Engine) -> _Memory:
    with _lock:
        return _memory.setdefault(engine, _Memory())


def _keep(engine: Engine, stored: Stored, head: tuple[int, str] | None = None) -> None:
    memory = _remembered(engine)
    with _lock:
        memory.rows[(stored.kind, str(stored.id), int(stored.version))] = stored
        while len(memory.rows) > CACHED:
            memory.rows.popitem(last=False)
        if head is not None:
            memory.head = head


def known(engine: Engine, kind: str, record_id: str, based_on: int) -> Stored | None:
    """The record at `based_on` as this process last saw it stored, if it did and knows the log's head; the
    save must then go through save_known, which checks both in the database."""
    memory = _remembered(engine)
    with _lock:
        stored, head = memory.rows.get((kind, str(record_id), based_on)), memory.head
    return stored if head is not None else None


def save_known(tx: Tx, current: Stored, values: dict[str, Any], action: str = "update") -> Record | None:
    """Save on top of a remembered version (from `known`) in one statement on PostgreSQL (three on SQLite),
    writing only while the log's head and the stored version are still the remembered ones; None, with nothing
    written, when either moved or the save changes nothing (the caller then takes the checked path)."""
    head = _remembered(tx.connection.engine).head
    columns, encoded = stored_values(values)
    changes = current.field_changes(values, encoded)
    if head is None or not changes:
        return None
    tx.head = head
    saved = write(tx, current, values, columns, changes, action, head_checked=True)
    if saved is None:
        tx.head = None
    return saved


def load_locked(tx: Tx, kind: str, record_id: str, scope: ColumnElement[bool]) -> Stored:
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
    stored = Stored.of_row(kind, row._mapping)
    _keep(tx.connection.engine, stored)
    return stored


def save(tx: Tx, current: Stored, based_on: int, values: dict[str, Any], action: str = "update") -> Record:
    """Save changed fields of `current` (from load_locked) as the next version; StaleRecord (nothing written)
    when the stored version is not `based_on`; a save that changes nothing writes nothing."""
    if current.version != based_on:
        raise tx.stale(current.record(), based_on)
    columns, encoded = stored_values(values)
    changes = current.field_changes(values, encoded)
    if not changes:
        return current.record()
    saved = write(tx, current, values, columns, changes, action)
    if saved is None:  # saved elsewhere while this transaction waited for the head
        raise tx.stale(tx.load(current.kind, current.id), based_on)
    return saved


def write(tx: Tx, current: Stored, values: dict[str, Any], columns: dict[str, Any], changes: list[diff.Change],
          action: str, *, head_checked: bool = False) -> Record | None:  # fmt: skip
    """Write the changed `columns` as the next version with its event and move the head; None (nothing written)
    when the stored version is no longer `current.version` (or, `head_checked`, the head not tx.head)."""
    table = RECORDS[current.kind]
    version, updated = current.version + 1, now()
    names = tuple(sorted({str(c["path"][0]) for c in changes}))
    params = {"r_id": current.id, "r_based_on": current.version, "r_version": version, "r_updated": updated,
              **{f"v_{name}": column_value(columns[name]) for name in names}}  # fmt: skip
    params |= {f"e_{name}": value for name, value in _event(tx, current, version, action, changes).items()}
    if tx.connection.dialect.name == "postgresql":
        done = tx.connection.execute(_one_statement(table, names, head_checked), params).first() is not None
    else:
        done = _three_statements(tx.connection, table, names, head_checked, params)
    if not done:
        return None
    tx.head = (params["e_seq"], params["e_hash"])
    saved = current.after(version, updated, {name: columns[name] for name in names})
    _keep(tx.connection.engine, saved, tx.head)
    return saved.record(values)


def _event(tx: Tx, current: Stored, version: int, action: str, changes: list[diff.Change]) -> dict[str, Any]:
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


def _three_statements(connection: Connection, table: Table, columns: tuple[str, ...], head_checked: bool,
                      params: dict[str, Any]) -> bool:  # fmt: skip
    """SQLite (the write lock held since BEGIN IMMEDIATE): update the record only at the version it was based on
    (and, `head_checked`, only while the head is the event's `prev`), then append the event and move the head."""
    key = (f"sqlite:{table.name}:{head_checked}", columns)
    if key not in _statements:
        sets: dict[str, Any] = {"version": bindparam("r_version"), "updated": bindparam("r_updated")}
        sets |= {name: bindparam(f"v_{name}") for name in columns}
        where = [table.c.id == bindparam("r_id"), table.c.version == bindparam("r_based_on")]
        if head_checked:
            head = (chain.c.id == 1, chain.c.seq == bindparam("e_seq") - 1, chain.c.hash == bindparam("e_prev"))
            where.append(exists().where(*head))
        _statements[key] = update(table).where(*where).values(sets)
    if connection.execute(_statements[key], params).rowcount != 1:
        return False
    connection.execute(_INSERT_EVENT, params)
    connection.execute(_MOVE_HEAD, params)
    return True


_INSERT_EVENT = events.insert().values({c: bindparam(f"e_{c}") for c in EVENT_COLUMNS})
_MOVE_HEAD = update(chain).where(chain.c.id == 1).values(seq=bindparam("e_seq"), hash=bindparam("e_hash"))
