"""DCRS 1.2.0's rules, one worked example each (docs/scoring.md's), on the bundled 1.2.0 mature lab."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from assessor.dcrs.loader import load_standard
from assessor.intake.models import Submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment, RequirementResult
from tests.conftest import load_yaml

LAB = Path(__file__).resolve().parent.parent / "examples" / "1.2.0" / "mature-lab.yaml"
BASE: dict[str, Any] = load_yaml(LAB.read_text(encoding="utf-8"))
STANDARD = load_standard(version="1.2.0")
M4, MINI = "Meridian-4", "Meridian-4 Mini"


def lab() -> dict[str, Any]:
    """A fresh copy of the mature lab's data."""
    return copy.deepcopy(BASE)


def item(data: dict[str, Any], evidence_id: str) -> dict[str, Any]:
    """One evidence item of the data, to change in place."""
    return next(e for e in data["evidence"] if e["id"] == evidence_id)


def run(data: dict[str, Any]) -> Assessment:
    """The data scored under 1.2.0."""
    return score(STANDARD, Submission.model_validate(data))


def req(a: Assessment, requirement: str) -> RequirementResult:
    """One requirement's result (the headline model's, with every model's status beside it)."""
    return next(r for r in a.requirements if r.id == requirement)


BEFORE = run(lab())


def test_one_artefact_counts_once_as_its_weakest_type() -> None:
    """The shutdown drill's file registered again as a DOC is one document: a finding names both ids."""
    data = lab()
    copy_of = {**item(data, "EV-037"), "id": "EV-099", "type": "DOC", "title": "Shutdown drill report (copy)"}
    data["evidence"].append(copy_of)
    after = run(data)
    [dup] = [i for i in after.inconsistencies or [] if i.code == "duplicate_artefact"]
    assert dup.evidence == ["EV-037", "EV-099"] and dup.message.endswith("counted once, as DOC")
    assert (after.overall.score or 0) <= (BEFORE.overall.score or 0)


def test_a_self_attestation_supports_nothing() -> None:
    """The outside auditor's attestation re-issued by the lab itself stops carrying DCRS-AC-05."""
    data = lab()
    item(data, "EV-009")["issuer"] = {"organisation": "meridian  ai", "role": "Chief Safety Officer"}
    after = run(data)
    assert req(BEFORE, "DCRS-AC-05").models == {M4: "largely", MINI: "partially"}  # as claimed, never above
    assert req(after, "DCRS-AC-05").models == {M4: "partially", MINI: "partially"}
    assert any(i.code == "management_representation" and i.evidence == ["EV-009"] for i in after.inconsistencies or [])


def test_supported_never_exceeds_the_claim() -> None:
    """An independent attestation makes complete evidence fully, but a largely claim is credited largely."""
    data = lab()
    response = next(r for r in data["responses"] if r["requirement"] == "DCRS-AC-05")
    assert response["status"] == "largely"
    response["status"] = "fully"
    assert (req(run(data), "DCRS-AC-05").models or {})[M4] == "fully"
    for r in BEFORE.requirements:
        for status in (r.models or {}).values():
            assert r.claimed is None or status == "not_applicable" or _rank(status) <= _rank(r.claimed), r.id


def _rank(status: str) -> int:
    return ["not_implemented", "partially", "largely", "fully", "not_applicable"].index(status)


def test_an_independent_assessment_by_own_staff_is_a_self_assessment() -> None:
    """type: independent with an assessor of the lab's own organisation gives no assurance, with a finding."""
    data = lab()
    data["assessment"]["type"] = "independent"
    after = run(data)
    assert after.headline is not None and after.headline.assurance_level == "none"
    assert after.headline.statement.startswith("Self-assessment (no assurance)")
    assert any(i.code == "assessor_not_independent" for i in after.inconsistencies or [])
    data["assessment"]["assessor"]["organisation"] = "Halvorsen & Reed LLP"
    assert run(data).headline.assurance_level == "limited"  # type: ignore[union-attr]


def test_a_secondary_citation_counts_as_a_document() -> None:
    """The toolkit test marked secondary no longer carries the account-suspension test expectation."""
    data = lab()
    item(data, "EV-034")["secondary"] = True
    after = run(data)
    assert req(BEFORE, "DCRS-TK-01").supported == "fully"
    assert "missing_evidence" in {r.code for r in req(after, "DCRS-TK-01").reasons}


def test_words_in_free_text_flag_and_never_score() -> None:
    """'Open-weights release' named in a narrative raises a flag and changes no score, level or status."""
    data = lab()
    data["responses"][0]["narrative"] = "We refused an open-weights release of Meridian-4 Mini; resale is prohibited."
    after = run(data)
    assert any(f.words == ["open-weights release"] for f in after.flags or [])
    assert after.overall == BEFORE.overall
    assert [r.supported for r in after.requirements] == [r.supported for r in BEFORE.requirements]


def test_a_drill_before_the_release_is_not_about_the_model() -> None:
    """NIGHTJAR-2 (November 2025) carries nothing for Meridian-4 (March 2026); moved after, its failure counts."""
    data = lab()
    item(data, "EV-036")["performed"] = "2026-04-01"
    item(data, "EV-036")["date"] = "2026-04-05"
    after = run(data)
    assert req(BEFORE, "DCRS-TK-06").models == {M4: "largely", MINI: "largely"}
    assert req(after, "DCRS-TK-06").models == {M4: "largely", MINI: "largely"}  # superseded by NIGHTJAR-3
    for later in ("EV-037", "EV-005"):  # without the later 38-minute passes, the 71-minute failure decides
        item(data, later)["metrics"] = [m for m in item(data, later)["metrics"] if "shutdown" not in m["metric"]]
    assert (req(run(data), "DCRS-TK-06").models or {})[M4] == "partially"


def test_a_live_correction_record_stands_for_the_test() -> None:
    """A production rollback recorded as REC with a live reading carries DCRS-TK-05's TEST expectation."""
    data = lab()
    response = next(r for r in data["responses"] if r["requirement"] == "DCRS-TK-05")
    response["evidence"] = ["EV-035", "EV-005", "EV-098"]
    reading = {"metric": "time_to_rollback_minutes", "value": 22.0, "unit": "minutes", "setting": "live",
               "coverage_percent": 100, "sample_size": 1}  # fmt: skip
    data["evidence"].append(
        {
            "id": "EV-098",
            "type": "REC",
            "title": "INC-2026-044 production rollback",
            "location": "https://x.example/i44",
            "date": "2026-11-02",
            "performed": "2026-11-01",
            "models": [MINI],
            "metrics": [reading],
        }
    )
    after = run(data)
    assert req(after, "DCRS-TK-05").models == {M4: "partially", MINI: "fully"}


def _shutdown(minutes: float) -> dict[str, str]:
    """TK-06's status per model with NIGHTJAR-3's shutdown reading set to `minutes`."""
    data = lab()
    item(data, "EV-037")["metrics"][1]["value"] = minutes
    item(data, "EV-005")["metrics"][1]["value"] = minutes
    return req(run(data), "DCRS-TK-06").models or {}


def test_a_miss_inside_the_tolerance_band_weakens_and_beyond_it_fails() -> None:
    """Shutdown at 61 minutes against 60 (band 10 %) is largely with a finding; at 67 it is partially."""
    assert _shutdown(61) == {M4: "largely", MINI: "largely"}
    assert _shutdown(67) == {M4: "partially", MINI: "partially"}


def test_a_passing_reading_below_sufficiency_is_noted_not_credited() -> None:
    """The suspension time measured on one account (the metric needs 3) cannot pass: a finding gives n=1."""
    data = lab()
    for key in ("EV-005", "EV-034"):
        reading = next(m for m in item(data, key)["metrics"] if m["metric"] == "time_to_suspend_account_minutes")
        reading["sample_size"] = 1
    tk01 = req(run(data), "DCRS-TK-01")
    [why] = [r for r in tk01.reasons if r.code == "insufficient_reading"]
    assert tk01.supported == "partially" and "n=1" in (why.figure or "")


def test_a_bound_is_judged_at_its_least_favourable_end() -> None:
    """'Within 40 minutes' for a 30-minute rollback fails; 'at least 10' (no upper end) fails too."""
    data = lab()
    for reading in item(data, "EV-005")["metrics"]:
        if reading["metric"] == "time_to_rollback_minutes":
            del reading["value"]
            reading["at_most"] = 40.0
    assert req(run(data), "DCRS-TK-05").models == {M4: "partially", MINI: "partially"}


def test_nothing_to_measure_only_for_event_driven_metrics() -> None:
    """'Nothing to measure' is accepted for serious-incident reporting and refused for the shutdown time."""
    data = lab()
    reading = item(data, "EV-037")["metrics"][1]
    reading.pop("value")
    reading["nothing_to_measure"] = "No shutdown this year."
    item(data, "EV-005")["metrics"][1] = reading
    after = run(data)
    assert req(BEFORE, "DCRS-EX-08").supported == "largely"
    assert req(after, "DCRS-TK-06").supported == "partially"
