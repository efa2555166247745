"""The results page for a DCRS 1.1.0 submission: headline statement, review flag and results per model."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assessor.app.text import plain
from tests.app_helpers import level_on_results, start, stored_drafts, upload, workspace  # noqa: F401
from tests.conftest import ROOT, load_yaml

CASES = ROOT / "tests" / "data" / "calibration"


def test_results_show_headline_and_models(workspace: Path) -> None:  # noqa: F811
    """A 1.1.0 result shows the unverified headline and one row per model, the weakest setting the level."""
    at = upload(start(workspace), CASES / "06-open-weights-side-model.yaml")
    assert level_on_results(at) == "0"
    assert any(i.value.startswith(plain("Unverified self-assessment: level 0")) for i in at.info)
    [models] = [d for d in at.dataframe if "capped by a caveat" in d.value.columns]
    assert list(models.value["model"]) == ["Harbour-3", "Harbour-Lite-1B"]
    assert list(models.value["level"]) == [2, 0]
    [findings] = [d for d in at.dataframe if "severity" in d.value.columns]
    assert set(findings.value["severity"]) <= {"Critical", "High", "Medium", "Low"}
    assert "Scope caveat" in set(findings.value["cause"])


def test_results_flag_an_inconsistent_register(workspace: Path) -> None:  # noqa: F811
    """A register that contradicts the profile raises the review flag on the results page."""
    at = upload(start(workspace), CASES / "10-profile-contradiction.yaml")
    level_on_results(at)
    assert any(w.value.startswith("**Needs review:**") for w in at.warning)


@pytest.mark.slow
def test_the_evidence_tab_keeps_1_1_fields(workspace: Path, tmp_path: Path) -> None:  # noqa: F811
    """Opening the Evidence tab of a 1.1.0 draft keeps reading scope, nothing-to-measure and item surfaces."""
    data = load_yaml((CASES / "04-nothing-to-measure.yaml").read_text(encoding="utf-8"))
    drill = next(e for e in data["evidence"] if e["id"] == "TK06-DRILL")
    drill["surfaces"] = ["api"]
    path = tmp_path / "scoped.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    at = upload(start(workspace), path)
    at.switch_page("views/self_assessment.py").run()
    at.session_state["self-tabs"] = "Evidence"
    at.run()
    assert not at.exception
    (draft,) = stored_drafts(workspace).list()
    saved = {e["id"]: e for e in draft.data["evidence"]}
    assert saved["TK06-DRILL"]["surfaces"] == ["api"]
    assert saved["TK06-METRIC"]["metrics"][0]["setting"] == "live"
    assert saved["TK06-METRIC"]["metrics"][0]["coverage_percent"] == 100
    assert saved["EX01-METRIC"]["metrics"][0]["nothing_to_measure"].startswith("No regulatory")
    assert "value" not in saved["EX01-METRIC"]["metrics"][0]
