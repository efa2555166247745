"""Assessment results as OSCAL 1.2.3: every bundled example validates against NIST's schema, same inputs give
the same bytes, and the document says what the result says."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import assessor
from assessor.core.canonical import content_sha256
from tests.conftest import ROOT, CliResult
from tests.oscal_schemas import schema_errors

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "examples").glob("1.*/*.yaml"))
REVIEWED = (ROOT / "examples" / "mature-lab.yaml", ROOT / "examples" / "reviews" / "mature-lab-review.yaml")


def _ar(submission: Path, review: Path | None = None) -> tuple[assessor.Result, dict[str, Any]]:
    result = assessor.assess(submission, review=review)
    return result, assessor.oscal_assessment_results(result)["assessment-results"]


def test_every_bundled_example_is_covered() -> None:
    """Guard: the examples of every version, and the reviewed one, are found."""
    assert len(EXAMPLES) >= 9 and REVIEWED[0] in EXAMPLES


@pytest.mark.parametrize("submission", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT / "examples")))
@pytest.mark.slow
def test_assessment_results_meet_nists_schema(submission: Path) -> None:
    """Every bundled example's assessment results validate against NIST's OSCAL assessment-results schema."""
    assert schema_errors(assessor.oscal_assessment_results(assessor.assess(submission))) == []


def test_assessment_results_schema_check_can_fail() -> None:
    """NIST's assessment-results schema refuses a finding target of an unknown type and an observation collected
    on a date without a time, each at its JSON path (the check above is not vacuous)."""
    document = assessor.oscal_assessment_results(assessor.assess(EXAMPLES[0]))
    result = document["assessment-results"]["results"][0]
    result["findings"][0]["target"]["type"] = "requirement"
    result["observations"][0]["collected"] = "2026-01-01"
    assert {error.split(": ")[0] for error in schema_errors(document)} == {
        "$['assessment-results'].results[0].findings[0].target.type",
        "$['assessment-results'].results[0].observations[0].collected",
    }


def test_reviewed_assessment_results_meet_nists_schema() -> None:
    """The assessment results of a signed-off review validate too, and carry the reviewer's attestation."""
    result, ar = _ar(*REVIEWED)
    assert schema_errors({"assessment-results": ar}) == []
    (attestation,) = ar["results"][0]["attestations"]
    decision = {p["name"]: p["value"] for p in attestation["parts"][0]["props"]}["decision"]
    assert result.review is not None and result.review.sign_off is not None
    assert (
        decision == result.review.sign_off.decision
        and attestation["parts"][0]["prose"] == result.review.sign_off.statement
    )


def test_same_inputs_give_the_same_bytes() -> None:
    """Two runs over the same submission write byte-identical OSCAL."""
    first = assessor.oscal_json(assessor.oscal_assessment_results(assessor.assess(EXAMPLES[0])))
    assert assessor.oscal_json(assessor.oscal_assessment_results(assessor.assess(EXAMPLES[0]))) == first


def test_observations_carry_each_evidence_item() -> None:
    """One observation per register item, with its collected date, method and a link to a resource holding its
    location and, where declared, its sha256."""
    result, ar = _ar(ROOT / "examples" / "1.2.0" / "mature-lab.yaml")
    observations = ar["results"][0]["observations"]
    assert len(observations) == len(result.submission.evidence) > 10
    resources = {r["uuid"]: r for r in ar["back-matter"]["resources"]}
    hashed = 0
    for item, obs in zip(result.submission.evidence, observations, strict=True):
        assert obs["collected"] == f"{(item.performed or item.date).isoformat()}T00:00:00Z"
        assert obs["methods"] == ["EXAMINE"]
        rlink = resources[obs["relevant-evidence"][0]["href"][1:]]["rlinks"][0]
        if item.sha256:
            assert rlink["hashes"] == [{"algorithm": "SHA-256", "value": item.sha256}]
            hashed += 1
    assert hashed >= 1


def test_findings_and_risks_follow_the_result() -> None:
    """A finding per requirement with its status; an open risk for each critical gap, linked from its finding."""
    result, ar = _ar(ROOT / "examples" / "1.2.0" / "developing-lab.yaml")
    headline = ar["results"][0]
    assert len(headline["findings"]) == len(result.assessment.requirements)
    gaps = result.assessment.overall.critical_gaps
    assert gaps and [r["props"][0]["value"] for r in headline["risks"]] == gaps
    by_req = {f["props"][0]["value"]: f for f in headline["findings"]}
    for gap in gaps:
        assert by_req[gap]["target"]["status"]["state"] == "not-satisfied"
        assert by_req[gap]["related-risks"][0]["risk-uuid"] in {r["uuid"] for r in headline["risks"]}


def test_hashes_and_per_model_results() -> None:
    """The submission, standard and result hashes are props; each in-scope model has a result of its own."""
    result, ar = _ar(ROOT / "examples" / "1.2.0" / "mature-lab.yaml")
    props = {p["name"]: p["value"] for p in ar["metadata"]["props"]}
    p = result.assessment.provenance
    assert (props["submission-sha256"], props["standard-sha256"]) == (p.submission_sha256, p.standard_sha256)
    assert props["result-sha256"] == content_sha256(result.assessment)
    models = [m.name for m in result.assessment.models or []]
    assert len(models) >= 2 and [r["title"] for r in ar["results"][1:]] == [f"Model {m}" for m in models]
    uuids = [u for u in json.dumps(ar).split('"uuid": "')[1:]]
    assert len({u[:36] for u in uuids}) == len(uuids)


def test_cli_writes_assessment_results(dcr: Callable[..., CliResult], tmp_path: Path) -> None:
    """`dcr assess SUBMISSION --oscal-ar OUT.json` writes the document."""
    out = tmp_path / "ar.json"
    done = dcr("assess", str(ROOT / "examples" / "1.1.0" / "developing-lab.yaml"), "--oscal-ar", str(out), "-q")
    assert done.code == 0, done.err
    assert json.loads(out.read_text(encoding="utf-8"))["assessment-results"]["metadata"]["oscal-version"] == "1.2.3"


def test_cli_keeps_existing_oscal_outputs(dcr: Callable[..., CliResult], tmp_path: Path) -> None:
    """An existing --oscal-ar or --oscal file is kept and the command refused (exit 2) unless --force."""
    out = tmp_path / "out.json"
    out.write_text("keep", encoding="utf-8")
    sub = str(ROOT / "examples" / "1.1.0" / "developing-lab.yaml")
    assert dcr("assess", sub, "--oscal-ar", str(out), "-q").code == 2
    assert dcr("standard", "export", "--oscal", str(out)).code == 2
    assert out.read_text(encoding="utf-8") == "keep"
    assert dcr("standard", "export", "--oscal", str(out), "--force").code == 0
    assert "catalog" in json.loads(out.read_text(encoding="utf-8"))
