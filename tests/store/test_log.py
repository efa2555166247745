"""The event log: hash-chained, verified, and any edited, deleted or reordered event found and named."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, select, update

from assessor.store import BrokenChain, Store, open_store
from assessor.store.events import event_hash
from assessor.store.records import history
from assessor.store.schema import events
from tests.conftest import CliResult


def _busy(store: Store) -> int:
    """Six events: a draft created and saved five times."""
    draft = store.create_draft({"n": 0}, "busy")
    for n in range(1, 6):
        store.save_draft(draft.id, n, data={"n": n})
    return store.verify_log()


def _tamper(store: Store, statement: object) -> None:
    with store.engine.begin() as connection:
        connection.execute(statement)  # type: ignore[call-overload]


def test_intact_log_verifies(store: Store) -> None:
    """An untouched log verifies and counts its events."""
    assert _busy(store) == 6


def test_edited_event_is_named(store: Store) -> None:
    """Changing one stored value of event 3 breaks the chain at event 3."""
    _busy(store)
    _tamper(
        store,
        update(events)
        .where(events.c.seq == 3)
        .values(changes='[{"field":"$.data.n","path":["data","n"],"old":1,"new":99}]'),
    )
    with pytest.raises(BrokenChain) as broken:
        store.verify_log()
    assert broken.value.seq == 3 and "edited" in broken.value.reason


def test_edited_event_with_a_recomputed_hash_breaks_the_next_link(store: Store) -> None:
    """Recomputing event 3's own hash after editing it still breaks the link of event 4."""
    _busy(store)
    with store.engine.begin() as connection:
        row = connection.execute(select(events).where(events.c.seq == 3)).one()
        body = {"seq": 3, "at": row.at, "actor": "mallory", "action": row.action, "kind": row.kind,
                "record": row.record, "version": row.version, "changes": []}  # fmt: skip
        connection.execute(update(events).where(events.c.seq == 3).values(
            actor="mallory", changes="[]", hash=event_hash(body, row.prev)))  # fmt: skip
    with pytest.raises(BrokenChain) as broken:
        store.verify_log()
    assert broken.value.seq == 4


def test_deleted_event_is_named(store: Store) -> None:
    """Deleting event 4 is reported at event 4, as missing."""
    _busy(store)
    _tamper(store, delete(events).where(events.c.seq == 4))
    with pytest.raises(BrokenChain) as broken:
        store.verify_log()
    assert broken.value.seq == 4 and "missing" in broken.value.reason


def test_deleted_last_event_is_found(store: Store) -> None:
    """Deleting the newest event is found through the chain's head."""
    _busy(store)
    _tamper(store, delete(events).where(events.c.seq == 6))
    with pytest.raises(BrokenChain) as broken:
        store.verify_log()
    assert broken.value.seq == 6


def test_reordered_events_are_named(store: Store) -> None:
    """Swapping the sequence numbers of events 2 and 3 breaks the chain at event 2."""
    _busy(store)
    _tamper(store, update(events).where(events.c.seq == 2).values(seq=-2))
    _tamper(store, update(events).where(events.c.seq == 3).values(seq=2))
    _tamper(store, update(events).where(events.c.seq == -2).values(seq=3))
    with pytest.raises(BrokenChain) as broken:
        store.verify_log()
    assert broken.value.seq == 2


def test_dcr_log_verify_exit_codes(db_url: str, dcr: Callable[..., CliResult]) -> None:
    """`dcr log verify` exits 0 on an intact log and 13, naming the event, on an edited one; no traceback."""
    store = open_store(db_url, upgrade=True)
    _busy(store)
    assert dcr("log", "verify", "--database", db_url).code == 0
    _tamper(store, update(events).where(events.c.seq == 5).values(actor="mallory"))
    store.close()
    broken = dcr("log", "verify", "--database", db_url)
    assert broken.code == 13 and "event 5" in broken.err and "Traceback" not in broken.err


def test_events_record_who_when_and_each_field(store: Store) -> None:
    """Every event names the actor, a time, the record's version and field-level old and new values."""
    draft = store.create_draft({"a": {"b": 1}}, "t")
    store.save_draft(draft.id, 1, title="u")
    with store.reading() as connection:
        entries = history(connection, "draft", draft.id)
    assert [(e["action"], e["version"]) for e in entries] == [("create", 1), ("update", 2)]
    assert entries[1]["changes"] == [{"field": "$.title", "path": ["title"], "old": "t", "new": "u"}]
    assert all(e["at"] and e["actor"] == "local" for e in entries)
