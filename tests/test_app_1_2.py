"""The app with a DCRS 1.2.0 submission: the headline model, flags, and evidence fields kept through editing."""

from __future__ import annotations

from pathlib import Path

from assessor.app.text import plain
from tests.app_helpers import level_on_results, start, stored_drafts, upload, workspace  # noqa: F401
from tests.conftest import ROOT

MATURE = ROOT / "examples" / "1.2.0" / "mature-lab.yaml"


def test_results_name_the_headline_model(workspace: Path) -> None:  # noqa: F811
    """The results page leads with the no-assurance headline naming the model whose level and score it is."""
    at = upload(start(workspace), MATURE)
    assert level_on_results(at) == "1"
    assert any(i.value.startswith(plain("Self-assessment (no assurance): level 1")) for i in at.info)
    assert any(plain("Meridian-4 Mini's level and score") in i.value for i in at.info)


def test_the_evidence_tab_keeps_1_2_fields(workspace: Path) -> None:  # noqa: F811
    """Opening the Evidence tab of a 1.2.0 draft keeps issuer, model scope, performed dates and reading scope."""
    at = upload(start(workspace), MATURE)
    at.switch_page("views/self_assessment.py").run()
    at.session_state["self-tabs"] = "Evidence"
    at.run()
    assert not at.exception and not at.error
    (draft,) = stored_drafts(workspace).list()
    saved = {e["id"]: e for e in draft.data["evidence"]}
    assert saved["EV-009"]["issuer"] == {"organisation": "Halvorsen & Reed LLP", "role": "Independent auditor"}
    assert saved["EV-036"]["models"] == ["Meridian-4"] and saved["EV-036"]["performed"] == "2025-11-19"
    assert saved["EV-012"]["models"] == []
    rollback = [m for m in saved["EV-005"]["metrics"] if m["metric"] == "time_to_rollback_minutes"]
    assert [m["models"] for m in rollback] == [["Meridian-4"], ["Meridian-4 Mini"]]
    assert draft.data["profile"]["models"][0]["release_date"] == "2026-03-10"


def test_the_evidence_tab_opens_on_every_1_3_0_example(workspace: Path) -> None:  # noqa: F811
    """Every 1.3.0 example (each item dated by its activity) opens in the Evidence tab and keeps its dates."""
    for path in sorted((ROOT / "examples" / "1.3.0").glob("*.yaml")):
        at = upload(start(workspace), path)
        at.switch_page("views/self_assessment.py").run()
        at.session_state["self-tabs"] = "Evidence"
        at.run()
        assert not at.exception and not at.error, (path.name, [e.value for e in at.error])
    performed = [e.get("performed") for d in stored_drafts(workspace).list() for e in d.data["evidence"]]
    assert performed and all(p is None or isinstance(p, str) for p in performed)
    assert any(isinstance(p, str) for p in performed)


def test_support_notes_speak_as_the_reports_do(workspace: Path) -> None:  # noqa: F811
    """A card's note names evidence types and metrics in words, says a cited item counted for nothing, and never
    repeats the status it leads with."""
    at = upload(start(workspace), ROOT / "examples" / "1.3.0" / "mature-lab.yaml")
    at.switch_page("views/self_assessment.py").run()
    notes = []
    for tab in ("AC", "TK"):
        at.session_state["self-tabs"] = tab
        at.run()
        notes += [m.value.replace("\\", "") for m in at.markdown if "Counts as" in m.value]  # Markdown escapes off
    assert notes and not any("supported as" in n or "_" in n or "<=" in n for n in notes), notes
    assert any("no attestation evidence that counts is cited (EV-009: cited, not counted)" in n for n in notes), notes
