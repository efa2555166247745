"""The app's Versions page under AppTest: the diff by kind, a submission's migration, the migrated draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_helpers import level_on_results, start, stored_drafts, upload, workspace
from tests.conftest import ROOT

__all__ = ["workspace"]  # the fixture, imported so pytest finds it here
MATURE = ROOT / "examples" / "mature-lab.yaml"


def _table(at: AppTest, column: str) -> Any:
    """The page's table that has `column` (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.slow
def test_versions_page_shows_the_diff_and_filters_by_kind(workspace: Path) -> None:
    """Choosing 1.0.0 -> 1.1.0 lists the typed changes; filtering by a kind keeps only those rows."""
    at = start(workspace)
    at.switch_page("views/versions.py").run()
    assert not at.exception
    table = _table(at, "relationship")
    assert len(table) >= 8 and {"split", "merged", "added"} <= {k for row in table["changes"] for k in row.split(", ")}
    redline = [block.value for block in at.markdown if "~~" in block.value]
    assert redline and all("[-" not in b and "{+" not in b for b in redline), "reworded text as a redline"
    at.multiselect(key="diff-kinds").set_value(["split"]).run()
    narrowed = _table(at, "relationship")
    assert 0 < len(narrowed) < len(table) and all("split" in row for row in narrowed["changes"])


@pytest.mark.slow
def test_migrating_the_open_draft_and_continuing_to_edit(workspace: Path) -> None:
    """The mature lab's migration shows both levels; continuing opens a 1.1.0 draft that scores as shown."""
    at = upload(start(workspace), MATURE)
    at.switch_page("views/versions.py").run()
    at.selectbox(key="migrate-to").select("1.1.0").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Level under 1.0.0"].startswith("2 ") and metrics["Level under 1.1.0"].startswith("1 ")
    moves = _table(at, "action")
    assert {"review", "unanswered", "dropped"} <= set(moves["action"])
    at.button(key="migrate-open").click().run()
    assert not at.exception
    drafts = stored_drafts(workspace).list()
    migrated = next(d for d in drafts if d.data["standard"]["version"] == "1.1.0")
    assert migrated.title.endswith("1.1.0") and len(drafts) == 2
    assert any("readiness level **1" in m.value for m in at.success)
    assert level_on_results(at) == "1"


def test_the_manifest_table_gives_each_parameters_value(workspace: Path) -> None:
    """1.3.0 -> 1.4.0: the manifest table gives each new scoring parameter with its value, and the new rule."""
    at = start(workspace)
    at.switch_page("views/versions.py").run()
    at.selectbox(key="diff-old").set_value("1.3.0").run()
    at.selectbox(key="diff-new").set_value("1.4.0").run()
    table = next(d.value for d in at.dataframe if "entry" in d.value.columns)
    rows = dict(zip(table["entry"], table["change"], strict=True))
    assert rows["scoring.rules.thresholds.near_miss_supersedes"] == "added (true)"
    assert rows["scoring.rules.register_surfaces"] == "added (no parameters)"
