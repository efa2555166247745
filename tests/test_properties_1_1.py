"""Properties of DCRS 1.1.0 scoring over generated submissions with scoped readings."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from random import Random
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from assessor.dcrs.base import SCORED_ORDER, SURFACES
from assessor.dcrs.loader import load_standard
from assessor.dcrs.models import Standard
from assessor.intake.models import Submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment
from tests.property_settings import property_settings

STANDARD: Standard = load_standard(version="1.1.0")
ON = date(2026, 6, 30)
REQUIREMENTS = STANDARD.active_requirements()
METRICS = STANDARD.manifest.metrics
TYPES = [t.id for t in STANDARD.manifest.evidence_types]
WITH_METRICS = [r for r in REQUIREMENTS if r.metrics]
SETTINGS = property_settings(30)


def readings(rnd: Random) -> list[dict[str, Any]]:
    """Up to three metric readings with scope: live or exercise, coverage, surfaces, sample size, or none yet."""
    out = []
    for m in rnd.sample(METRICS, rnd.choice([0, 0, 1, 2, 3])):
        if rnd.randrange(10) == 0:
            out.append({"metric": m.id, "unit": m.unit, "nothing_to_measure": "No event fell due."})
            continue
        reading: dict[str, Any] = {"metric": m.id, "value": float(rnd.randint(0, 100)), "unit": m.unit}
        reading["setting"] = rnd.choice(["live", "exercise", None])
        reading["coverage_percent"] = rnd.choice([None, 50, 71, 100])
        reading["surfaces"] = rnd.choice([None, rnd.sample(SURFACES, rnd.randint(1, 3))])
        reading["sample_size"] = rnd.choice([None, 0, 5, 40])
        out.append({k: v for k, v in reading.items() if v is not None})
    return out


def build(rnd: Random, models: int, register: bool) -> dict[str, Any]:
    """A valid 1.1.0 submission by construction: random models, register (optionally empty) and responses."""
    count = rnd.choice([0, 2, rnd.randint(0, 30), rnd.randint(0, 30)]) if register else 0
    evidence = [
        {
            "id": f"EV-{i:03d}",
            "type": rnd.choice(TYPES),
            "title": f"Evidence {i}",
            "location": f"https://evidence.example/{i}",
            "date": (ON - timedelta(days=rnd.randint(0, 900))).isoformat(),
            "metrics": readings(rnd),
        }
        for i in range(count)
    ]
    ids = [e["id"] for e in evidence]
    responses = []
    for req in rnd.sample(REQUIREMENTS, rnd.randint(10, len(REQUIREMENTS))):
        status = rnd.choice([*SCORED_ORDER, "not_applicable"])
        cited = rnd.sample(ids, rnd.randint(0, min(6, len(ids))))
        response: dict[str, Any] = {"requirement": req.id, "status": status, "evidence": cited}
        if status == "not_applicable":
            response["justification"] = "Out of scope for this profile."
        responses.append(response)
    profile = [{"name": f"M{i}", "surfaces": rnd.sample(SURFACES, rnd.randint(1, 4))} for i in range(models)]
    return {
        "standard": {"id": "DCRS", "version": "1.1.0"},
        "organisation": {"name": "Generated Lab"},
        "assessment": {"type": "self", "date": ON.isoformat(), "assessor": {"name": "Gen"}},
        "profile": {"models": profile},
        "evidence": evidence,
        "responses": responses,
    }


def submissions(models: int = 1, register: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """Generated 1.1.0 submissions; one seed each, so an example costs one draw and is valid without filtering."""
    return st.integers(0, 2**32 - 1).map(lambda seed: build(Random(seed), models, register))


def run(data: dict[str, Any]) -> Assessment:
    """Score generated data under 1.1.0."""
    return score(STANDARD, Submission.model_validate(data))


def levels(a: Assessment) -> list[int]:
    """The headline, domain and per-model levels."""
    return [a.overall.level, *(d.level for d in a.domains), *(m.level for m in a.models or [])]


def figures(a: Assessment) -> dict[str, float]:
    """Every score and level of an assessment by name (a model only where present), for comparison."""
    out = {"score": a.overall.score or 0.0, "level": float(a.overall.level)}
    out |= {f"{d.id} level": float(d.level) for d in a.domains} | {f"{d.id} score": d.score or 0.0 for d in a.domains}
    for m in a.models or []:
        out |= {f"{m.name} level": float(m.level), f"{m.name} score": m.score or 0.0}
    return out


def never_lower(before: dict[str, float], after: dict[str, float]) -> bool:
    """No figure present before and after went down."""
    return all(after[k] >= v - 1e-9 for k, v in before.items() if k in after)


def never_higher(before: dict[str, float], after: dict[str, float]) -> bool:
    """No figure present before and after went up."""
    return all(after[k] <= v + 1e-9 for k, v in before.items() if k in after)


@SETTINGS
@given(submissions(models=2, register=False))
def test_no_evidence_scores_at_most_5(data: dict[str, Any]) -> None:
    """With an empty register, whatever is claimed, the score is at most 5 and the level 0."""
    a = run(data)
    assert (a.overall.score or 0.0) <= 5
    assert a.overall.level == 0


@SETTINGS
@given(submissions(models=2))
def test_nothing_cited_scores_at_most_5(data: dict[str, Any]) -> None:
    """With a register but no citation in any response, whatever is claimed, the score is at most 5."""
    for r in data["responses"]:
        r["evidence"] = []
    assert (run(data).overall.score or 0.0) <= 5


@SETTINGS
@given(submissions(models=2))
def test_claim_inflation_moves_nothing_much(data: dict[str, Any]) -> None:
    """Raising largely claims to fully on identical evidence changes no level and moves the score by <= 2 points."""
    before = run(data)
    for r in data["responses"]:
        if r["status"] == "largely":
            r["status"] = "fully"
    after = run(data)
    assert levels(after) == levels(before)
    assert abs((after.overall.score or 0.0) - (before.overall.score or 0.0)) <= 2


@SETTINGS
@given(submissions(), st.data())
def test_a_failing_live_reading_never_raises_a_score(data: dict[str, Any], pick: st.DataObject) -> None:
    """Adding a live reading that misses its threshold to a cited item never raises any score or level."""
    req = pick.draw(st.sampled_from(WITH_METRICS))
    threshold = pick.draw(st.sampled_from(req.metrics))
    unit = next(m.unit for m in METRICS if m.id == threshold.metric)
    item = {"id": "EV-LIVE", "type": req.evidence[0].type, "title": "Live", "location": "https://e.example/l",
            "date": (ON - timedelta(days=pick.draw(st.integers(0, 400)))).isoformat(), "metrics": []}  # fmt: skip
    data["evidence"].append(item)
    data["responses"] = [r for r in data["responses"] if r["requirement"] != req.id]
    status = pick.draw(st.sampled_from(SCORED_ORDER))
    data["responses"].append({"requirement": req.id, "status": status, "evidence": ["EV-LIVE"]})
    before = figures(run(data))
    worse = threshold.value + 10 if threshold.op in ("<=", "<") else max(0.0, threshold.value - 10)
    coverage = pick.draw(st.sampled_from([50, 100]))
    reading = {"metric": threshold.metric, "value": float(worse), "unit": unit, "setting": "live"}
    item["metrics"].append({**reading, "coverage_percent": coverage})
    after = figures(run(data))
    assert never_higher(before, after)


# Found at 1,000 examples: a stale contract's failing reading names a surface no model declares, which under 1.1.0
# makes a scope of its own ("undeclared surfaces in the register") where the fine-tuning requirement applies and
# scores; refreshed, the item drops the failing reading, the scope goes and the headline score falls (0.65 -> 0).
STALE_CONTRACT = {
    "standard": {"id": "DCRS", "version": "1.1.0"}, "organisation": {"name": "Generated Lab"},
    "assessment": {"type": "self", "date": "2026-06-30", "assessor": {"name": "Gen"}},
    "profile": {"models": [{"name": "M0", "surfaces": ["enterprise_on_prem"]}]},
    "evidence": [{
        "id": "EV-001", "type": "CONTRACT", "title": "Evidence 1", "location": "https://evidence.example/1",
        "date": "2025-01-03", "metrics": [{"metric": "toolkit_capabilities_tested_percent", "value": 6.0,
        "unit": "percent", "surfaces": ["fine_tuning_api", "enterprise_on_prem"]}],
    }],
    "responses": [{"requirement": "DCRS-TK-08", "status": "fully", "evidence": ["EV-001"]}],
}  # fmt: skip


@pytest.mark.xfail(strict=True, reason="limit of published 1.1.0: a reading's undeclared surface makes a scope")
@SETTINGS
@given(submissions(), st.integers(0, 2**16))
@example(STALE_CONTRACT, 0)
def test_fresh_evidence_for_stale_never_lowers_a_score(data: dict[str, Any], pick: int) -> None:
    """Replacing a stale item by a fresh one of the same type (its readings kept only if they pass) never lowers.

    Asserted for 1.2.0 in test_properties_1_2.py; a documented limit of 1.1.0 (docs/calibration.md, known limits)."""
    data = copy.deepcopy(data)  # the pinned example is a module constant: never change it in place
    stale = [e for e in data["evidence"] if (ON - date.fromisoformat(e["date"])).days > 120]
    if not stale:
        return
    item = stale[pick % len(stale)]
    before = figures(run(data))
    limits = {t.metric: t for r in REQUIREMENTS for t in r.metrics}
    item["date"] = (ON - timedelta(days=1)).isoformat()
    item["metrics"] = [m for m in item["metrics"] if _passes(m, limits)]
    after = figures(run(data))
    assert never_lower(before, after)


def test_the_stale_contract_counterexample_is_the_undeclared_surface_scope() -> None:
    """Guard: the pinned 1.1.0 counterexample scores through the undeclared-surface scope, and only that falls."""
    data = copy.deepcopy(STALE_CONTRACT)
    before = figures(run(data))
    data["evidence"][0] |= {"date": "2026-06-29", "metrics": []}
    after = figures(run(data))
    assert (
        before["undeclared surfaces in the register score"] > 0
        and "undeclared surfaces in the register score" not in after
    )
    assert after["score"] < before["score"] and after["M0 score"] == before["M0 score"]


def _passes(reading: dict[str, Any], limits: dict[str, Any]) -> bool:
    """A reading that meets every threshold on its metric (or has nothing to measure)."""
    t = limits.get(reading["metric"])
    value = reading.get("value")
    if t is None or value is None:
        return True
    return bool({"<=": value <= t.value, "<": value < t.value, ">=": value >= t.value, ">": value > t.value}[t.op])


@SETTINGS
@given(submissions(models=2), st.lists(st.sampled_from(SURFACES), min_size=1, max_size=4, unique=True))
def test_a_model_result_ignores_other_models(data: dict[str, Any], other: list[str]) -> None:
    """A model's result does not depend on another model's surfaces; the headline is the weakest model's level."""
    before = run(data)
    changed = copy.deepcopy(data)
    changed["profile"]["models"][1] = {"name": "Other", "surfaces": other}
    after = run(changed)
    assert before.models is not None and after.models is not None
    assert before.models[0] == after.models[0]
    for a in (before, after):
        assert a.models is not None
        assert a.overall.level == min(m.level for m in a.models)


@pytest.mark.slow
def test_generated_submissions_exercise_the_rules() -> None:
    """Guard: generated submissions hit the 1.1.0 rules, so the properties above bite."""
    codes: set[str] = set()
    for seed in range(120):  # the same seeds on every machine, so the guard is stable
        codes.update(x.code for r in run(build(Random(seed), 2, True)).requirements for x in r.reasons)
    wanted = {"no_evidence", "missing_evidence", "stale_evidence", "metric_failed", "scope_caveat", "documents_only"}
    assert wanted <= codes, wanted - codes
