"""Drafts in the store: versions, stale saves refused with the other change, history, restore, file import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor.store import NotFound, StaleRecord, Store, open_store
from assessor.store.errors import UnstorableValue
from assessor.store.file_drafts import import_file_drafts
from tests.store.conftest import lab_data


def test_save_is_the_next_version_and_an_event(store: Store) -> None:
    """Each save bumps the version by one and logs who changed which field from what to what."""
    draft = store.create_draft({"a": 1}, "first")
    saved = store.save_draft(draft.id, draft.version, data={"a": 2, "b": [1]})
    assert (draft.version, saved.version) == (1, 2)
    last = store.history("draft", draft.id)[-1]
    assert (last["actor"], last["version"]) == ("local", 2)
    assert [(c["field"], c.get("old"), c["new"]) for c in last["changes"]] == [
        ("$.data.a", 1, 2),
        ("$.data.b", None, [1]),
    ]
    assert "old" not in last["changes"][1]


def test_stale_save_from_another_session_is_refused_with_the_other_change(db_url: str) -> None:
    """Two sessions save one draft from version 1: the second is refused, carries the first's change, writes
    nothing, and both versions stay in the history."""
    first, second = open_store(db_url, upgrade=True), open_store(db_url)
    draft = first.create_draft({"title": "a"}, "shared")
    first.save_draft(draft.id, 1, data={"title": "from first"})
    with pytest.raises(StaleRecord) as refused:
        second.save_draft(draft.id, 1, data={"title": "from second"})
    assert refused.value.exit_code == 12 and refused.value.current["data"] == {"title": "from first"}
    assert refused.value.other[0]["changes"][0]["new"] == "from first"
    assert "based on version 1" in str(refused.value)
    assert second.draft(draft.id)["data"] == {"title": "from first"}
    retried = second.save_draft(draft.id, 2, data={"title": "from second"})
    values = [e["changes"][-1].get("new") for e in second.history("draft", draft.id)]
    assert retried.version == 3 and values[1:] == ["from first", "from second"]
    first.close(), second.close()


def test_a_save_that_changes_nothing_writes_nothing(store: Store) -> None:
    """Saving the same data again keeps the version and logs no event."""
    draft = store.create_draft({"a": 1}, "same")
    assert store.save_draft(draft.id, 1, data={"a": 1}).version == 1
    assert len(store.history("draft", draft.id)) == 1


def test_restore_brings_back_an_earlier_state_as_a_new_version(store: Store) -> None:
    """Restoring version 1 writes version 3 equal to version 1, logged as a restore."""
    original = {"profile": {"name": "x", "tags": ["a", "b"]}, "n": None}
    draft = store.create_draft(original, "t")
    store.save_draft(draft.id, 1, data={"profile": {"name": "y", "tags": ["a"]}, "extra": 1.5})
    restored = store.restore("draft", draft.id, 1, based_on=2)
    assert restored.version == 3 and store.draft(draft.id)["data"] == original
    assert store.history("draft", draft.id)[-1]["action"] == "restore:1"


def test_restore_of_an_unknown_version_is_not_found(store: Store) -> None:
    """A version the record never had cannot be restored."""
    draft = store.create_draft({}, "t")
    with pytest.raises(NotFound):
        store.restore("draft", draft.id, 7, based_on=1)


def test_deleted_draft_is_gone_but_its_history_stays_in_the_log(store: Store) -> None:
    """Deleting removes the draft; the log keeps its creation and deletion and still verifies."""
    draft = store.create_draft({"a": 1}, "gone")
    store.delete_draft(draft.id, 1)
    with pytest.raises(NotFound):
        store.draft(draft.id)
    assert store.verify_log() == 2


def _draft_file(folder: Path, draft_id: str, **extra: object) -> dict[str, object]:
    payload = {"id": draft_id, "title": "Lab ✓", "kind": "submission", "source": "examples/mature-lab.yaml",
               "updated": "2026-01-02T03:04:05+00:00", "version": 4, "data": lab_data(), **extra}  # fmt: skip
    (folder / f"{draft_id}.json").write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return payload


def test_file_drafts_import_losslessly_once(store: Store, tmp_path: Path) -> None:
    """Workspace draft files come in with id, title, kind, source, time, version and data intact; a second run
    imports nothing; unreadable files are listed, not dropped silently."""
    kept = _draft_file(tmp_path, "a" * 32)
    _draft_file(tmp_path, "b" * 32, kind="review", data={"verdicts": []}, version=0)
    (tmp_path / ("c" * 32 + ".json")).write_text("{broken", encoding="utf-8")
    report = import_file_drafts(store, tmp_path)
    assert sorted(report.imported) == ["a" * 32, "b" * 32] and [s[0] for s in report.skipped] == ["c" * 32 + ".json"]
    draft = store.draft("a" * 32)
    assert (draft["title"], draft["kind"], draft["source"], draft.updated, draft.version) == (
        kept["title"], "submission", kept["source"], kept["updated"], 4)  # fmt: skip
    assert draft["data"] == kept["data"] and store.history("draft", draft.id)[0]["action"] == "import"
    again = import_file_drafts(store, tmp_path)
    assert again.imported == [] and sorted(again.present) == ["a" * 32, "b" * 32]


def test_a_deleted_imported_draft_is_not_imported_again(store: Store, tmp_path: Path) -> None:
    """A file draft deleted in the store after its import stays deleted when the app starts again."""
    _draft_file(tmp_path, "d" * 32)
    import_file_drafts(store, tmp_path)
    store.delete_draft("d" * 32, store.draft("d" * 32).version)
    again = import_file_drafts(store, tmp_path)
    assert again.imported == [] and again.present == ["d" * 32] and store.drafts() == []


def test_imported_draft_keeps_its_version_for_the_next_save(store: Store, tmp_path: Path) -> None:
    """A tab based on the file draft's version 4 saves version 5; one based on 3 is refused."""
    _draft_file(tmp_path, "d" * 32)
    import_file_drafts(store, tmp_path)
    with pytest.raises(StaleRecord):
        store.save_draft("d" * 32, 3, title="old tab")
    assert store.save_draft("d" * 32, 4, title="new tab").version == 5


@pytest.mark.parametrize("value", [2**60, float("nan"), {1, 2}])
def test_values_the_log_cannot_hash_are_refused_and_nothing_written(store: Store, value: object) -> None:
    """A huge integer, NaN or a non-JSON value is refused as unstorable (exit 4) and the draft stays as it was."""
    draft = store.create_draft({"a": 1}, "t")
    with pytest.raises(UnstorableValue) as refused:
        store.save_draft(draft.id, 1, data={"a": value})
    assert refused.value.exit_code == 4 and store.draft(draft.id).version == 1 and store.verify_log() == 1


def test_a_number_changing_type_is_a_change(store: Store) -> None:
    """1 → 1.0 and True → 1 deep inside equal-looking data are recorded, so replaying the log is exact."""
    draft = store.create_draft({"a": {"n": 1, "b": True}}, "t")
    saved = store.save_draft(draft.id, 1, data={"a": {"n": 1.0, "b": 1}})
    assert saved.version == 2 and [c["field"] for c in store.history("draft", draft.id)[-1]["changes"]] == [
        "$.data.a.n", "$.data.a.b"]  # fmt: skip
    assert store.restore("draft", draft.id, 1, based_on=2)["data"] == {"a": {"n": 1, "b": True}}


def test_reordered_keys_and_tuples_are_no_change(store: Store) -> None:
    """Keys in another order and a tuple where the stored JSON has an array are the same JSON: nothing written."""
    draft = store.create_draft({"a": {"x": 1, "y": [1, 2]}, "b": 0.5}, "t")
    assert store.save_draft(draft.id, 1, data={"b": 0.5, "a": {"y": (1, 2), "x": 1}}).version == 1
    assert len(store.history("draft", draft.id)) == 1


def test_consecutive_saves_diff_against_what_is_stored(store: Store) -> None:
    """Each of several saves in a row logs exactly its own change, and the stored draft equals the last save
    (the caller changing its data in place between saves changes nothing already stored)."""
    data = lab_data()
    draft = store.create_draft(data, "lab")
    version = draft.version
    for n in range(3):
        data["organisation"]["contact"] = f"safety-{n}@example.org"
        version = store.save_draft(draft.id, version, data=data).version
    logged = [(c["field"], c["new"]) for e in store.history("draft", draft.id)[1:] for c in e["changes"]]
    assert logged == [("$.data.organisation.contact", f"safety-{n}@example.org") for n in range(3)]
    assert store.draft(draft.id)["data"] == data and store.verify_log() == 4


def test_remembered_versions_never_hide_another_processs_save(db_url: str) -> None:
    """Two processes (two engines) on one database: a save based on a version this process remembers, after the
    other saved the same draft, is refused as stale; after the other saved a different draft it still lands;
    every event is in the chain."""
    one, two = open_store(db_url, upgrade=True), open_store(db_url)
    mine, other = one.create_draft({"n": 0}, "mine"), one.create_draft({"m": 0}, "other")
    saved = one.save_draft(mine.id, 1, data={"n": 1})  # remembered by `one`
    two.save_draft(mine.id, 2, data={"n": 2})
    with pytest.raises(StaleRecord) as refused:
        one.save_draft(mine.id, saved.version, data={"n": 99})
    assert refused.value.current["data"] == {"n": 2}
    again = one.save_draft(mine.id, 3, data={"n": 3})
    two.save_draft(other.id, 1, data={"m": 1})  # the log's head moves; `mine` does not
    assert one.save_draft(mine.id, again.version, data={"n": 4}).version == 5
    assert two.draft(mine.id)["data"] == {"n": 4} and one.verify_log() == 7
    one.close(), two.close()


def test_the_draft_scope_reads_the_same_in_python_and_sql(team: dict[str, Store]) -> None:
    """sees_draft (used on remembered drafts) agrees with the SQL draft scope for every identity and draft."""
    from assessor.store.identity import sees_draft

    made = [team["mia"].create_draft({}, "m"), team["kai"].create_draft({}, "k"), team["admin"].create_draft({}, "x")]
    for name, view in team.items():
        visible = {d.id for d in view.drafts()}
        assert {d.id for d in made if sees_draft(view.identity, d["organisation_id"])} == visible, name


def test_saves_in_a_row_take_the_fewest_statements(store: Store) -> None:
    """A save reads once and writes once on PostgreSQL (one read and three writes on SQLite); the next save on
    top of it needs no read: one statement writes the draft, its event and the head (three on SQLite)."""
    from sqlalchemy import event

    draft = store.create_draft({"n": 0}, "t")
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: seen.append(args[2].split()[0].upper()))
    first = store.save_draft(draft.id, 1, data={"n": 1})
    counted, seen[:] = list(seen), []
    store.save_draft(draft.id, first.version, data={"n": 2})
    if store.url.get_backend_name() == "postgresql":
        assert (counted, seen) == (["SELECT", "WITH"], ["WITH"])
    else:
        assert (counted, seen) == (["BEGIN", "SELECT", "UPDATE", "INSERT", "UPDATE"], ["BEGIN", "UPDATE", "INSERT",
                                                                                     "UPDATE"])  # fmt: skip
    assert store.verify_log() == 3


def test_a_save_whose_event_cannot_be_written_leaves_the_draft_as_it_was(store: Store) -> None:
    """A save on top of a remembered version writes the draft and its event together or not at all: with the
    event's place in the log taken, it fails and the draft keeps its version and data."""
    from sqlalchemy import insert, select
    from sqlalchemy.exc import IntegrityError

    from assessor.store.schema import chain, events

    draft = store.create_draft({"n": 0}, "t")
    saved = store.save_draft(draft.id, 1, data={"n": 1})  # remembered: the next save takes the short path
    with store.engine.begin() as connection:
        seq = connection.execute(select(chain.c.seq)).scalar_one() + 1
        connection.execute(insert(events).values(seq=seq, at="x", actor="x", action="x", kind="draft",
                                                 record="x", version=1, changes="[]", prev="x", hash="x"))  # fmt: skip
    with pytest.raises(IntegrityError):
        store.save_draft(draft.id, saved.version, data={"n": 2})
    assert store.draft(draft.id).version == 2 and store.draft(draft.id)["data"] == {"n": 1}
