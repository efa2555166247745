"""Blind calibration: DCRS 1.2.0's headline level and ranking against readings written before any run.

The cases in tests/data/calibration-blind/ and their expert readings were written by an assessor who had not
read assessor/, briefed only with the standard, the README and the evidence principles (see NOTES.md there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assessor.dcrs.loader import load_standard
from assessor.scoring.models import Assessment
from tests.blind_corpus import agreement, readings, scored

FOLDER = Path(__file__).parent / "data" / "calibration-blind"
EXPERT = readings(FOLDER)
STANDARD = load_standard(version="1.2.0")


def assess(name: str) -> Assessment:
    """One blind case scored under DCRS 1.2.0."""
    return scored(FOLDER, name, STANDARD)


@pytest.fixture(scope="module")
def results() -> dict[str, Assessment]:
    """Every blind case scored once, when a test first needs them (not when the module is collected)."""
    return {c["file"]: assess(c["file"]) for c in EXPERT}


def test_blind_corpus_is_complete() -> None:
    """Every case has a reading and every reading a case; at least 16 cases (no vacuous pass)."""
    files = sorted(p.name for p in FOLDER.glob("[0-9][0-9]-*.yaml"))
    assert files == sorted(c["file"] for c in EXPERT)
    assert len(files) >= 16


@pytest.mark.parametrize("reading", [c for c in EXPERT if c.get("models")], ids=lambda c: c["file"])
def test_per_model_levels_match(reading: dict[str, Any], results: dict[str, Assessment]) -> None:
    """Where the expert read each model, the tool's per-model levels are the expert's."""
    models = {m.name: m.level for m in results[reading["file"]].models or []}
    assert models == reading["models"], reading["why"]


def test_blind_agreement(capsys: pytest.CaptureFixture[str], results: dict[str, Assessment]) -> None:
    """At least 90 % of headline levels match and the rank correlation is at least 0.9."""
    matches, rho = agreement(results, EXPERT)
    with capsys.disabled():
        print(f"\nblind calibration (1.2.0): levels {matches}/{len(EXPERT)}, Spearman {rho:.3f}")
    assert matches >= 0.9 * len(EXPERT)
    assert rho >= 0.9
