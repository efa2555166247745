"""How the app words results: field labels not JSON paths, human timestamps, a dash for an empty cell, and a
level-0 result never in a green box."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import streamlit as st

from assessor.app import present
from tests.app_helpers import start, upload, workspace
from tests.conftest import EXAMPLES

__all__ = ["workspace"]  # the fixture, shared with the app's other tests
OPEN_WEIGHTS = next(p for p in EXAMPLES if p.stem == "open-weights-release")


def test_field_labels_replace_json_paths() -> None:
    """Paths read as field labels; a response is named by its requirement id where known."""
    assert present.field_label(["organisation", "name"]) == "Organisation › Name"
    assert present.field_label(["responses", 3, "evidence", 0], {3: "DCRS-AC-04"}) == "DCRS-AC-04 › Evidence › item 1"
    assert present.field_label(["evidence", 4, "sha256"]) == "Evidence › item 5 › SHA-256"
    assert present.field_label([]) == "Document"


def test_timestamps_read_as_dates_and_times() -> None:
    """Timestamps are shown as '5 Dec 2026, 09:14 UTC', dates as '5 Dec 2026', nothing as a dash."""
    assert present.when(datetime(2026, 12, 5, 9, 14, 3, tzinfo=UTC)) == "5 Dec 2026, 09:14 UTC"
    assert present.when("2026-12-05T09:14:03+00:00") == "5 Dec 2026, 09:14 UTC"
    assert present.when(date(2026, 3, 1)) == "1 Mar 2026"
    assert present.when(None) == present.EMPTY


def test_empty_cells_are_dashes() -> None:
    """None and blank text become a dash; other values are kept."""
    assert present.rows([{"a": None, "b": " ", "c": 0, "d": "x"}]) == [{"a": "—", "b": "—", "c": 0, "d": "x"}]


def test_level_zero_is_never_green() -> None:
    """Level 0 is shown in a warning box; level 1 and above in a success box."""
    assert present.result_box(0) is st.warning and present.result_box(1) is st.success


def test_app_shows_level_zero_as_a_warning_and_no_none(workspace: Path) -> None:
    """A level-0 example's status bar is a warning, never green; the results tables hold no None and no code."""
    at = upload(start(workspace), OPEN_WEIGHTS)
    at.switch_page("views/self_assessment.py").run()
    assert not at.exception
    assert any("readiness level **0" in w.value for w in at.warning)
    assert not any("readiness level" in s.value for s in at.success)
    at.switch_page("views/results.py").run()
    assert not at.exception and at.dataframe
    for frame in (d.value for d in at.dataframe):
        assert not frame.isna().to_numpy().any()
        cells = {str(v) for v in frame.to_numpy().ravel()}
        assert "None" not in cells and "not_implemented" not in cells


def test_problems_are_located_by_field_label(workspace: Path) -> None:
    """A blank assessment lists its problems by field label, never by a JSON path like $.organisation."""
    at = start(workspace)
    next(b for b in at.button if b.label == "Start a blank assessment").click().run()
    assert not at.exception
    shown = [e.value for e in [*at.error, *at.warning] if "—" in e.value]
    assert shown and not any("$." in v for v in shown)
    assert any("Organisation" in v for v in shown)
