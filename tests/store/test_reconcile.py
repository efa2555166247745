"""Records against their events: a record changed past the store is found, though the hash chain still holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, update

from assessor.store import RecordsDiffer, Store, open_store
from assessor.store.schema import drafts, submissions
from assessor.store.transfer import export_lines, import_lines
from tests.store.conftest import lab_data
from tests.store.steps import review_data, signed_off


def _every_kind_of_change(team: dict[str, Store]) -> str:
    """A signed-off submission, a draft edited, restored and another deleted, roles changed; the submission's id."""
    sid = signed_off(team, review_data())
    mia = team["mia"]
    draft = mia.create_draft(lab_data(), "lab")
    edited = mia.save_draft(draft.id, 1, data={**lab_data(), "organisation": {"name": "X"}}, title="renamed")
    mia.restore("draft", draft.id, 1, edited.version)
    gone = mia.create_draft(lab_data(), "gone")
    mia.delete_draft(gone.id, gone.version)
    team["admin"].set_roles("abe", ["approver", "reviewer"])
    return sid


def test_every_store_path_leaves_records_as_their_events_say(team: dict[str, Store]) -> None:
    """After submitting, reviewing, approving, signing off, editing, restoring, deleting and changing roles,
    every record is what its events replay to."""
    _every_kind_of_change(team)
    assert team["admin"].verify_log() > 10


def test_a_record_changed_past_the_store_is_named(team: dict[str, Store]) -> None:
    """An UPDATE of a submission's state, a draft row deleted and a row inserted without events: each is named,
    all at once, with the field's stored value and the value its events give."""
    sid = _every_kind_of_change(team)
    admin = team["admin"]
    kept = admin.drafts()[0]
    with admin.engine.begin() as connection:
        connection.execute(update(submissions).where(submissions.c.id == sid).values(state="under_review"))
        connection.execute(delete(drafts).where(drafts.c.id == kept.id))
        row = {c.name: getattr(kept, c.name, None) for c in drafts.columns if c.name in ("id", "version", "created",
                                                                                         "updated")}  # fmt: skip
        fields = {k: json.dumps(v) if k == "data" else v for k, v in kept.fields.items()}
        connection.execute(insert(drafts).values(**{**row, **fields, "id": "planted"}))
    with pytest.raises(RecordsDiffer) as differ:
        admin.verify_log()
    said = str(differ.value)
    assert differ.value.exit_code == 13 and differ.value.total == 3, said
    assert f'submission {sid}: state is "under_review", its events give "signed_off"' in said
    assert "draft planted has no events" in said and f"draft {kept.id} is gone" in said


def test_an_edited_export_is_refused_on_import(team: dict[str, Store], tmp_path: Path) -> None:
    """An export whose submission row was edited to signed off imports nothing: the chain holds, the record not."""
    sid = _every_kind_of_change(team)
    lines = list(export_lines(team["admin"].engine))
    edited = [line.replace('"state":"signed_off"', '"state":"approved"') if sid in line and '"table":"submissions"'
              in line else line for line in lines]  # fmt: skip
    assert edited != lines
    copy = open_store(f"sqlite:///{tmp_path / 'copy.sqlite3'}", upgrade=True)
    with pytest.raises(RecordsDiffer, match="state"):
        import_lines(copy.engine, edited)
    assert copy.drafts() == [] and import_lines(copy.engine, lines) == len(lines) - 1
    copy.close()
