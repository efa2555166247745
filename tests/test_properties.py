"""Properties of scoring and loading over generated submissions to the shipped standard."""

from __future__ import annotations

import json
from random import Random
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from assessor.core.documents import parse_json, parse_yaml
from assessor.core.validation import validate_document
from assessor.dcrs.base import SCORED_ORDER
from assessor.intake.models import Submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment
from tests.property_helpers import (
    ON,
    REQUIREMENTS,
    SETTINGS,
    STANDARD,
    build,
    submissions,
)


def scores(a: Assessment) -> list[float]:
    """Every score and level of an assessment, for element-wise comparison."""
    return [a.overall.score or 0.0, a.overall.level] + [x for d in a.domains for x in (d.score or 0.0, d.level)]


@SETTINGS
@given(submissions())
def test_scores_stay_in_range(data: dict[str, Any]) -> None:
    """Every score is within [0, 100] and every level within the standard's levels."""
    a = score(STANDARD, Submission.model_validate(data))
    top = max(lv.level for lv in STANDARD.manifest.levels)
    for d in a.domains:
        assert d.score is None or 0 <= d.score <= 100
        assert 0 <= d.level <= top
    assert a.overall.score is not None and 0 <= a.overall.score <= 100


@SETTINGS
@given(submissions(), st.data())
def test_raising_a_status_never_lowers_anything(data: dict[str, Any], pick: st.DataObject) -> None:
    """Raising one response's status never lowers any score or level."""
    scored = [r for r in data["responses"] if r["status"] != "not_applicable" and r["status"] != "fully"]
    if not scored:
        return
    response = pick.draw(st.sampled_from(scored))
    before = scores(score(STANDARD, Submission.model_validate(data)))
    higher = SCORED_ORDER[pick.draw(st.integers(SCORED_ORDER.index(response["status"]) + 1, len(SCORED_ORDER) - 1))]
    response["status"] = higher
    after = scores(score(STANDARD, Submission.model_validate(data)))
    assert all(b <= a + 1e-9 for b, a in zip(before, after, strict=True))


@SETTINGS
@given(submissions(), st.data())
def test_fresh_required_evidence_never_lowers_a_score(data: dict[str, Any], pick: st.DataObject) -> None:
    """Citing a fresh item of an expected evidence type never lowers any score or level."""
    candidates = [r for r in data["responses"] if r["status"] != "not_applicable"]
    if not candidates:
        return
    response = pick.draw(st.sampled_from(candidates))
    req = next(r for r in REQUIREMENTS if r.id == response["requirement"])
    before = scores(score(STANDARD, Submission.model_validate(data)))
    kind = pick.draw(st.sampled_from([e.type for e in req.evidence]))
    fresh = {
        "id": "EV-FRESH",
        "type": kind,
        "title": "Fresh",
        "location": "https://evidence.example/f",
        "date": ON.isoformat(),
    }
    data["evidence"].append(fresh)
    response["evidence"].append("EV-FRESH")
    after = scores(score(STANDARD, Submission.model_validate(data)))
    assert all(b <= a + 1e-9 for b, a in zip(before, after, strict=True))


@SETTINGS
@given(submissions(), st.randoms())
def test_order_of_responses_and_evidence_does_not_matter(data: dict[str, Any], rnd: Any) -> None:
    """Shuffling the register and the responses gives an identical assessment, hash included."""
    before = score(STANDARD, Submission.model_validate(data))
    rnd.shuffle(data["evidence"])
    rnd.shuffle(data["responses"])
    assert score(STANDARD, Submission.model_validate(data)) == before


@SETTINGS
@given(submissions())
def test_yaml_and_json_round_trips_are_exact(data: dict[str, Any]) -> None:
    """load(dump(x)) == x through YAML and through JSON."""
    original = Submission.model_validate(data)
    dumped = original.model_dump(mode="json")
    via_yaml = validate_document(Submission, parse_yaml(yaml.safe_dump(dumped, sort_keys=False), "x.yaml"))
    via_json = validate_document(Submission, parse_json(json.dumps(dumped), "x.json"))
    assert via_yaml == original == via_json


def test_generated_submissions_exercise_the_caps() -> None:
    """Guard: the generator produces submissions where evidence caps apply, so the properties bite."""
    codes: set[str] = set()
    for seed in range(150):  # the same seeds on every machine, so the guard is stable
        a = score(STANDARD, Submission.model_validate(build(Random(seed))))
        codes.update(reason.code for r in a.requirements for reason in r.reasons)
    assert {"missing_evidence", "stale_evidence", "out_of_scope"} <= codes
