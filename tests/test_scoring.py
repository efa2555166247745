"""Scoring rules, each in isolation, against hand-computed results on the mini standard."""

from __future__ import annotations

from typing import Any

import pytest

from assessor.dcrs.models import Standard
from assessor.intake.models import Submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment
from tests.conftest import mini_submission
from tests.scoring_helpers import ALL_MET, DOC, REC, TEST, response


def run(mini: Standard, evidence: list[dict[str, Any]], responses: list[dict[str, Any]], **kw: Any) -> Assessment:
    """Score a mini submission built from evidence and responses."""
    return score(mini, Submission.model_validate(mini_submission(evidence=evidence, responses=responses, **kw)))


def result(assessment: Assessment, req_id: str) -> Any:
    """The result for one requirement."""
    return next(r for r in assessment.requirements if r.id == req_id)


def test_everything_supported(mini: Standard) -> None:
    """All claims supported: scores by weight, levels at the top, the out-of-scope one excluded."""
    a = run(mini, [DOC, REC, TEST], ALL_MET)
    assert [d.score for d in a.domains] == [100.0, 93.75]  # XB: (3*1 + 1*0.75) / 4
    assert a.overall.score == pytest.approx(100 * (2 + 1 + 3 + 0.75) / 7, abs=0.01)
    assert (a.overall.level, a.overall.level_name) == (2, "Established")
    assert result(a, "TST-XB-01").applicable is False
    assert all(r.id != "TST-XB-04" for r in a.requirements)  # withdrawn: not scored
    assert a.findings[0].requirement == "TST-XB-03"


def test_missing_evidence_caps_the_claim(mini: Standard) -> None:
    """A fully claim without the expected DOC is capped at the manifest's missing_evidence cap."""
    a = run(mini, [DOC, REC, TEST], [response("TST-XA-01", "fully"), *ALL_MET[1:]])
    r = result(a, "TST-XA-01")
    assert (r.claimed, r.supported, r.credit) == ("fully", "partially", 0.4)
    assert [x.code for x in r.reasons] == ["missing_evidence"]


def test_stale_evidence_caps_at_its_own_cap(mini: Standard) -> None:
    """TEST evidence older than 100 days caps at 'largely', the mini manifest's stale cap."""
    old = {**TEST, "date": "2026-03-01"}  # 121 days before 2026-06-30
    a = run(mini, [DOC, REC, old], ALL_MET)
    r = result(a, "TST-XA-02")
    assert (r.supported, [x.code for x in r.reasons]) == ("largely", ["stale_evidence"])
    assert "121 days old" in r.reasons[0].message


def test_failed_and_unreported_metrics(mini: Standard) -> None:
    """A metric above its threshold, or not reported at all, caps the claim."""
    slow = {**TEST, "metrics": [{"metric": "t_minutes", "value": 61, "unit": "minutes"}]}
    silent = {**TEST, "metrics": []}
    assert [x.code for x in result(run(mini, [DOC, REC, slow], ALL_MET), "TST-XA-02").reasons] == ["metric_failed"]
    assert [x.code for x in result(run(mini, [DOC, REC, silent], ALL_MET), "TST-XA-02").reasons] == [
        "metric_not_reported"
    ]


def test_most_recent_metric_value_counts(mini: Standard) -> None:
    """When two cited items report a metric, the more recent value is judged."""
    older_fail = {
        **TEST,
        "id": "T0",
        "date": "2026-05-01",
        "metrics": [{"metric": "t_minutes", "value": 90, "unit": "minutes"}],
    }
    a = run(
        mini,
        [DOC, REC, TEST, older_fail],
        [*ALL_MET[:1], response("TST-XA-02", "fully", "T0", "T1"), *ALL_MET[2:]],
    )
    assert result(a, "TST-XA-02").supported == "fully"


def test_not_applicable_only_out_of_scope(mini: Standard) -> None:
    """N/A is accepted where applies_when fails and rejected (not implemented) where it holds."""
    justified = {"justification": "We offer no fine-tuning."}
    a = run(mini, [DOC, REC, TEST], [*ALL_MET, response("TST-XB-01", "not_applicable", **justified)])
    assert result(a, "TST-XB-01").supported == "not_applicable"
    ft = {"profile": {"models": [{"name": "M1", "surfaces": ["api", "fine_tuning_api"]}]}}
    a = run(mini, [DOC, REC, TEST], [*ALL_MET, response("TST-XB-01", "not_applicable", **justified)], **ft)
    r = result(a, "TST-XB-01")
    assert (r.applicable, r.supported, r.reasons[0].code) == (
        True,
        "not_implemented",
        "not_applicable_rejected",
    )
    assert a.domains[1].score == pytest.approx(100 * (3 + 0.75) / 5)


def test_missing_response_counts_as_not_implemented(mini: Standard) -> None:
    """An applicable requirement without a response scores zero and is listed."""
    a = run(mini, [DOC, REC, TEST], ALL_MET[:3])
    assert a.missing_responses == ["TST-XB-03"]
    assert result(a, "TST-XB-03").supported == "not_implemented"
    assert a.domains[1].level == 1  # XB level-2 requirement unmet


def test_levels_are_cumulative(mini: Standard) -> None:
    """A level-2 requirement met while a level-1 one is not leaves the domain at level 0."""
    responses = [ALL_MET[0], ALL_MET[1], response("TST-XB-02", "partially"), ALL_MET[3]]
    a = run(mini, [DOC, REC, TEST], responses)
    assert [d.level for d in a.domains] == [2, 0]
    assert a.overall.level == 0 and a.overall.weakest_domain_level == 0


def test_critical_gap_caps_overall_level(mini: Standard) -> None:
    """A critical requirement below 'largely' caps the overall level at 0 and leads the findings."""
    responses = [response("TST-XA-01", "partially", "D1"), *ALL_MET[1:]]
    a = run(mini, [DOC, REC, TEST], responses)
    assert a.domains[1].level == 2
    assert (a.overall.level, a.overall.critical_gaps) == (0, ["TST-XA-01"])
    assert a.findings[0].requirement == "TST-XA-01" and a.findings[0].critical


def test_open_weights_caveat(mini: Standard) -> None:
    """An open-weights model caps the caveat's domain, and the caveat is the first finding."""
    ow = {"profile": {"models": [{"name": "M1", "surfaces": ["api"]}, {"name": "M2", "surfaces": ["open_weights"]}]}}
    a = run(mini, [DOC, REC, TEST], ALL_MET, **ow)
    assert [c.id for c in a.caveats] == ["open-weights"]
    assert a.findings[0].kind == "scope_caveat"
    assert {result(a, r).supported for r in ("TST-XA-01", "TST-XA-02")} == {"not_implemented"}
    assert a.overall.level == 0 and a.domains[0].score == 0.0


def test_findings_rank_by_weight_times_credit_lost(mini: Standard) -> None:
    """Non-critical gaps are ordered by weight x (1 - credit), largest first."""
    responses = [
        ALL_MET[0],
        response("TST-XA-02", "partially"),
        response("TST-XB-02", "largely", "R1"),
        ALL_MET[3],
    ]
    a = run(mini, [DOC, REC, TEST], responses)
    assert [(f.requirement, f.credit_lost) for f in a.findings] == [
        ("TST-XB-02", 0.75),
        ("TST-XA-02", 0.6),
        ("TST-XB-03", 0.25),
    ]
    assert [f.rank for f in a.findings] == [1, 2, 3]
