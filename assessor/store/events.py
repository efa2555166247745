"""The append-only, hash-chained event log: appending inside a save's transaction, and verifying the chain.

Each event's hash is SHA-256 over the RFC 8785 canonical JSON of the event (sequence number, time, actor,
action, record kind and id, the record's version after it, the field changes) together with the previous
event's hash, so editing, deleting or reordering any event breaks the chain from that event on. The `chain`
row holds the head (last sequence number and hash) and is locked by every write, so appends are serial and
a deleted tail is seen too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from assessor.core.canonical import canonical_bytes, sha256_hex
from assessor.store.errors import BrokenChain
from assessor.store.schema import chain, events

GENESIS = "0" * 64
BATCH = 1_000  # events read per query while verifying


def now() -> str:
    """The time of a change: UTC, ISO 8601 with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def dumps(value: Any) -> str:
    """The one serializer of stored JSON text (so every database returns the same bytes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def event_hash(body: dict[str, Any], prev: str) -> str:
    """SHA-256 over the RFC 8785 form of the event with the previous event's hash."""
    return sha256_hex(canonical_bytes({**body, "prev": prev}))


def lock_head(connection: Connection) -> tuple[int, str]:
    """Lock the chain's head for this transaction (PostgreSQL: row lock; SQLite: BEGIN IMMEDIATE already holds
    the write lock) and return its sequence number and hash."""
    row = connection.execute(select(chain.c.seq, chain.c.hash).where(chain.c.id == 1).with_for_update()).one()
    return int(row.seq), str(row.hash)


def append(connection: Connection, head: tuple[int, str], body: dict[str, Any]) -> tuple[int, str]:
    """Append one event after `head` (from lock_head, or the previous append) and move the head."""
    seq, prev = head[0] + 1, head[1]
    full = {**body, "seq": seq}
    digest = event_hash(full, prev)
    connection.execute(
        events.insert().values(**{**full, "changes": dumps(full["changes"]), "prev": prev, "hash": digest})
    )
    connection.execute(update(chain).where(chain.c.id == 1).values(seq=seq, hash=digest))
    return seq, digest


def body_of(row: Any) -> dict[str, Any]:
    """An event row as the dict its hash covers (without prev and hash)."""
    return {
        "seq": row.seq, "at": row.at, "actor": row.actor, "action": row.action, "kind": row.kind,
        "record": row.record, "version": row.version, "changes": json.loads(row.changes),
    }  # fmt: skip


def rows(connection: Connection) -> Iterator[Any]:
    """Every event in sequence order, read in batches."""
    last = 0
    while batch := connection.execute(
        select(events).where(events.c.seq > last).order_by(events.c.seq).limit(BATCH)
    ).all():
        yield from batch
        last = batch[-1].seq


def verify(connection: Connection) -> int:
    """Check the whole chain; the number of events, or BrokenChain naming the first event that breaks it."""
    expected_seq, prev = 1, GENESIS
    for row in rows(connection):
        _check_link(row, expected_seq, prev)
        expected_seq, prev = row.seq + 1, row.hash
    head_seq, head_hash = connection.execute(select(chain.c.seq, chain.c.hash).where(chain.c.id == 1)).one()
    if head_seq != expected_seq - 1 or head_hash != prev:
        raise BrokenChain(expected_seq, f"the log ends at event {expected_seq - 1} but its head records event "
                          f"{head_seq}: events at the end were deleted, or the head was edited")  # fmt: skip
    return expected_seq - 1


def _check_link(row: Any, expected_seq: int, prev: str) -> None:
    if row.seq != expected_seq:
        raise BrokenChain(expected_seq, f"event {expected_seq} is missing (the next stored is {row.seq}): deleted")
    if row.prev != prev:
        raise BrokenChain(row.seq, "its link does not match the previous event's hash: an event was deleted, "
                          "reordered or edited before it")  # fmt: skip
    try:
        digest = event_hash(body_of(row), row.prev)
    except ValueError as err:
        raise BrokenChain(row.seq, f"its stored changes are not JSON ({err})") from err
    if digest != row.hash:
        raise BrokenChain(row.seq, "its content does not match its hash: the event was edited")
