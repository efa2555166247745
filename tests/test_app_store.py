"""The app over the store: file drafts imported on first start, private copies of examples, one draft per
uploaded file, and stale saves from another process refused with the other change shown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import assessor
from assessor.app import session
from tests.app_helpers import open_in_new_session, start, stored_drafts, upload, workspace
from tests.conftest import EXAMPLES, ROOT, load_yaml

__all__ = ["workspace"]  # the fixture, imported so pytest finds it here
FILE_DRAFT_ID = "f" * 32


def _file_draft(workspace: Path) -> dict[str, object]:
    data = json.loads(json.dumps(load_yaml(EXAMPLES[0].read_text(encoding="utf-8")), default=str))
    draft = {"id": FILE_DRAFT_ID, "title": "Kept from the file workspace", "kind": "submission", "source": "",
             "updated": "2026-01-02T03:04:05+00:00", "version": 3, "data": data}  # fmt: skip
    workspace.mkdir(parents=True)
    (workspace / f"{FILE_DRAFT_ID}.json").write_text(json.dumps(draft), encoding="utf-8")
    return draft


def test_file_drafts_are_imported_on_first_start(workspace: Path) -> None:
    """A draft file left by an earlier version of the app is in the store and listed after the first start."""
    kept = _file_draft(workspace)
    at = start(workspace)
    (draft,) = stored_drafts().list()
    assert (draft.id, draft.title, draft.version, draft.data) == (FILE_DRAFT_ID, kept["title"], 3, kept["data"])
    assert any(str(kept["title"]) in str(option) for s in at.selectbox for option in s.options)


@pytest.mark.slow
def test_opening_an_example_makes_one_private_copy(workspace: Path) -> None:
    """Opening an example twice gives one draft marked as its copy; editing it leaves the bundled file as it was."""
    example = assessor.example("developing-lab")  # the latest published version's, as the picker offers it
    before = example.read_bytes()
    at = start(workspace)
    for _ in range(2):
        at.switch_page("views/overview.py").run()
        at.selectbox(key="example-choice").set_value(example).run()
        next(b for b in at.button if b.label == "Open example").click().run()
    (draft,) = stored_drafts().list()
    assert draft.source == f"example:{example.parent.name}/developing-lab.yaml"
    tab = open_in_new_session(draft.id)
    tab.text_input(key=f"{draft.id}:$.organisation.jurisdiction").set_value("Changed in the copy").run()
    assert example.read_bytes() == before
    assert stored_drafts().load(draft.id).data["organisation"]["jurisdiction"] == "Changed in the copy"  # type: ignore[union-attr]


def test_uploading_one_file_twice_makes_one_draft(workspace: Path) -> None:
    """The same file uploaded in two sessions reopens the first draft and says so, instead of making a twin."""
    upload(start(workspace), EXAMPLES[0])
    again = upload(start(workspace), EXAMPLES[0])
    assert len(stored_drafts().list()) == 1
    assert any("already one of your drafts" in i.value for i in again.info)


SAVER = """
import sys
from assessor.store import open_store
store = open_store(sys.argv[1])
draft = store.draft(sys.argv[2])
data = dict(draft["data"], organisation=dict(draft["data"]["organisation"], jurisdiction="Saved by process two"))
store.save_draft(draft.id, draft.version, data=data)
store.close()
"""


@pytest.mark.slow
def test_a_save_from_another_process_makes_this_tabs_save_stale(workspace: Path) -> None:
    """Another process saves the open draft; this tab's next edit is refused with that change shown, and both
    versions are in the draft's history."""
    upload(start(workspace), EXAMPLES[0])
    (draft,) = stored_drafts().list()
    tab = open_in_new_session(draft.id)
    url = session.base_store().url.render_as_string(hide_password=False)
    subprocess.run([sys.executable, "-c", SAVER, url, draft.id], check=True, cwd=ROOT)
    tab.text_input(key=f"{draft.id}:$.organisation.contact").set_value("tab@example.org").run()
    (warning,) = [w.value.replace("\\", "") for w in tab.warning if "not saved" in w.value]
    assert "organisation.jurisdiction" in warning and "organisation.contact" in warning
    stored = stored_drafts().load(draft.id)
    assert stored is not None and stored.data["organisation"]["jurisdiction"] == "Saved by process two"
    assert stored.data["organisation"].get("contact") != "tab@example.org"
    history = stored_drafts().store.history("draft", draft.id)
    assert [e["action"] for e in history] == ["create", "update"]


@pytest.mark.slow
def test_history_shows_who_changed_which_field_and_restores_an_earlier_version(workspace: Path) -> None:
    """The History page lists the edit (who, field, old → new); restoring version 1 brings the old value back
    as a new version, and the restore is in the history too."""
    upload(start(workspace), EXAMPLES[0])
    (draft,) = stored_drafts().list()
    tab = open_in_new_session(draft.id)
    old = draft.data["organisation"].get("jurisdiction", "—")
    tab.text_input(key=f"{draft.id}:$.organisation.jurisdiction").set_value("Edited for history").run()
    tab.switch_page("views/history.py").run()
    assert not tab.exception
    table = tab.dataframe[0].value
    edit = table[table["field"] == "data.organisation.jurisdiction"].iloc[-1]
    assert (edit["who"], edit["old"], edit["new"], edit["version"]) == ("local", old, "Edited for history", 2)
    tab.selectbox(key="history-version").set_value(1).run()
    tab.button(key="history-restore").click().run()
    assert not tab.exception and any("Version 1 restored" in s.value for s in tab.success)
    restored = stored_drafts().load(draft.id)
    assert restored is not None and restored.version == 3 and restored.data == draft.data
    assert tab.dataframe[0].value["action"].iloc[-1] == "restore:1"
