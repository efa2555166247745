"""DCRS 1.1.0 rules one by one, on the calibration cases: each test names the rule it proves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from assessor.dcrs.models import ScoringRules
from assessor.intake.models import Submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment, Finding, RequirementResult
from tests.calibration_helpers import V100, V110, case
from tests.conftest import CliResult


def run(data: dict[str, Any]) -> Assessment:
    """Score case data under 1.1.0."""
    return score(V110, Submission.model_validate(data))


def result(a: Assessment, req: str) -> RequirementResult:
    """One requirement's combined result."""
    return next(r for r in a.requirements if r.id == req)


def findings(a: Assessment, req: str) -> list[Finding]:
    """The findings about one requirement."""
    return [f for f in a.findings if f.requirement == req]


CAREFUL = case("01-careful-lab.yaml")


def test_no_evidence_no_credit_even_for_partially() -> None:
    """Rule 1: a partially claim with nothing cited earns nothing; an empty register scores 0."""
    a = run(case("12-empty-register.yaml"))
    assert a.overall.score == 0.0
    assert {r.supported for r in a.requirements if r.applicable} == {"not_implemented"}


def test_documents_alone_cap_operational_requirements() -> None:
    """Rule 2: documents alone cap an operational requirement at partially, and the basis says so."""
    a = run(case("11-documents-only.yaml"))
    gv02 = result(a, "DCRS-GV-02")
    assert (gv02.claimed, gv02.supported, gv02.basis) == ("largely", "partially", "documents_only")
    assert a.overall.basis is not None and a.overall.basis.operational == 0.0


def test_evidence_basis_share_of_the_careful_lab() -> None:
    """Rule 2: the headline states how much of the credit rests on operational evidence."""
    a = run(CAREFUL)
    assert a.overall.basis is not None
    assert a.overall.basis.operational > 80
    assert round(a.overall.basis.operational + a.overall.basis.documents_only + a.overall.basis.no_evidence) == 100
    assert a.headline is not None and f"{a.overall.basis.operational:g}% of the credit" in a.headline.statement


def test_claims_do_not_inflate() -> None:
    """Rule 3: raising largely to fully on the same evidence changes no score; fully needs live full-scope proof."""
    careful, inflated = run(CAREFUL), run(case("02-inflated-claims.yaml"))
    assert careful.overall.score == inflated.overall.score
    assert result(careful, "DCRS-TK-01").supported == "fully"  # live readings at full scope distinguish it
    pl01 = result(inflated, "DCRS-PL-01")  # documents only expected; no attestation: largely
    assert (pl01.claimed, pl01.supported) == ("fully", "largely")
    [overclaims] = [f for f in inflated.findings if f.cause == "not_distinguished"]
    assert overclaims.severity == "low" and "DCRS-PL-01" in overclaims.detail
    assert len(inflated.findings) == len(careful.findings) + 1


def test_a_failed_live_drill_is_not_hidden_by_a_later_rehearsal() -> None:
    """Rule 4: the failing live reading stays decisive over a later exercise reading of narrower scope."""
    a = run(case("08-hidden-failed-drill.yaml"))
    tk06 = result(a, "DCRS-TK-06")
    assert tk06.supported == "partially"
    [failed] = [f for f in findings(a, "DCRS-TK-06") if f.cause == "failed_threshold"]
    assert failed.figure is not None and "= 360 minutes" in failed.figure and "TK06-DRILL" in failed.figure
    assert failed.critical and failed.severity == "critical"
    assert a.overall.level == 0 and "DCRS-TK-06" in a.overall.critical_gaps


def test_a_later_live_reading_of_the_same_scope_clears_a_failure() -> None:
    """Rule 4: a later live pass covering at least the failing reading's scope supersedes it."""
    data = case("08-hidden-failed-drill.yaml")
    rehearsal = next(e for e in data["evidence"] if e["id"] == "TK06-REHEARSAL")
    rehearsal["metrics"][0].update(
        setting="live", coverage_percent=100, surfaces=["api", "consumer_app", "cloud_partners"]
    )
    assert result(run(data), "DCRS-TK-06").supported in ("largely", "fully")


def test_thresholds_are_checked_whatever_the_claim() -> None:
    """Rule 4: a missed threshold is a finding with value, limit and item even on a not-implemented claim."""
    data = case("07-partner-52-hours.yaml")
    ct02 = next(r for r in data["responses"] if r["requirement"] == "DCRS-CT-02")
    ct02["status"] = "not_implemented"
    [failed] = [f for f in findings(run(data), "DCRS-CT-02") if f.cause == "failed_threshold"]
    assert failed.figure is not None
    assert "partner_correction_time_hours = 52 hours" in failed.figure and "limit <= 24" in failed.figure
    assert failed.evidence == ["CT02-DRILL"]


def test_graded_staleness_and_substitution() -> None:
    """Rule 5: a week past the window costs one step at most; a fresh test stands in for a stale drill."""
    a = run(case("03-stale-by-a-week.yaml"))
    tk06, pl02 = result(a, "DCRS-TK-06"), result(a, "DCRS-PL-02")
    assert "substituted" in {r.code for r in tk06.reasons} and tk06.supported in ("largely", "fully")
    grace = next(r for r in pl02.reasons if r.code == "stale_within_grace")
    assert pl02.supported == "largely" and grace.figure is not None and "7 days past" in grace.figure
    assert a.overall.level == 2


def test_open_weights_caps_exactly_what_they_defeat_for_that_model() -> None:
    """Rule 6: the caveat caps the listed requirements for the open-weights model; the flagship keeps level 2."""
    a = run(case("06-open-weights-side-model.yaml"))
    assert a.models is not None
    flagship, side = a.models
    assert (flagship.name, flagship.level, flagship.capped) == ("Harbour-3", 2, [])
    caveat = V110.manifest.scope_caveats[0]
    assert side.level == 0 and side.capped == caveat.requirements
    assert result(a, "DCRS-AC-05").supported == result(run(CAREFUL), "DCRS-AC-05").supported  # not defeated
    assert a.overall.level == 0 and a.overall.weakest_model == "Harbour-Lite-1B"


def test_reach_is_foundational_and_critical() -> None:
    """Rule 7: with partner/on-prem surfaces and no right to make partners correct, the level is 0."""
    a = run(case("09-reach-gap.yaml"))
    ct02 = result(a, "DCRS-CT-02")
    assert (ct02.level, ct02.critical, ct02.supported) == (1, True, "not_implemented")
    assert a.overall.critical_gaps == ["DCRS-CT-02"]


def test_register_contradicting_the_profile_is_found_and_scored() -> None:
    """Rule 8: undeclared partner use, a planned walk-through typed as a drill, and a contradicted N/A."""
    a = run(case("10-profile-contradiction.yaml"))
    assert a.inconsistencies is not None
    codes = {i.code for i in a.inconsistencies}
    assert codes == {"undeclared_surface", "type_mismatch", "not_applicable_contradicted"}
    assert result(a, "DCRS-CT-02").supported == "not_implemented"
    assert a.headline is not None and a.headline.review_required
    assert any(f.kind == "inconsistency" and f.cause == "inconsistency" for f in a.findings)


def test_nothing_to_measure_is_neither_pass_nor_fail() -> None:
    """Rule 9: an explained 'nothing to measure yet' keeps largely, is shown, and is not a finding."""
    a = run(case("04-nothing-to-measure.yaml"))
    ex01 = result(a, "DCRS-EX-01")
    assert ex01.supported == "largely" and "nothing_to_measure" in {r.code for r in ex01.reasons}
    assert findings(a, "DCRS-EX-01") == []


def test_a_vacuous_reading_does_not_pass() -> None:
    """Rule 9: a 100 % over a sample of 0 is not a measurement; it cannot make a requirement fully met."""
    data = case("01-careful-lab.yaml")
    item = next(e for e in data["evidence"] if e["id"] == "TK01-METRIC")
    item["metrics"][0]["sample_size"] = 0
    tk01 = result(run(data), "DCRS-TK-01")
    assert tk01.supported == "largely" and "vacuous_reading" in {r.code for r in tk01.reasons}


def test_findings_name_cause_and_severity_and_skip_supported_claims() -> None:
    """Rule 10: no finding for a claim supported as claimed; critical means the requirement is critical."""
    a = run(CAREFUL)
    assert all(f.cause is not None and f.severity is not None for f in a.findings)
    assert {f.requirement for f in a.findings if f.kind == "gap"} == {
        r.id for r in a.requirements if r.applicable and r.supported not in ("fully", "largely")
    }
    critical = {r.id for r in a.requirements if r.critical}
    assert all(f.critical == (f.requirement in critical) for f in a.findings if f.requirement)


def test_headline_says_unverified_and_what_moves_the_level() -> None:
    """Rule 10: a self-assessment's headline is unverified and names the requirements from the next level."""
    a = run(case("08-hidden-failed-drill.yaml"))
    assert a.headline is not None
    assert a.headline.assurance == "unverified self-assessment"
    assert a.headline.statement.startswith("Unverified self-assessment: level 0")
    assert [b.requirement for b in a.headline.blockers] == ["DCRS-TK-06"]
    assert "One requirement from level 1: DCRS-TK-06" in a.headline.statement


def test_a_requirement_without_expected_evidence_still_needs_some() -> None:
    """Rule 1 holds for a requirement that names no evidence type: no cited fresh item, no credit."""
    stripped = V110.model_copy(
        update={
            "domains": [
                d.model_copy(update={"requirements": [r.model_copy(update={"evidence": []}) for r in d.requirements]})
                for d in V110.domains
            ]
        }
    )
    data = case("01-careful-lab.yaml")
    uncited = Submission.model_validate({**data, "responses": [{**r, "evidence": []} for r in data["responses"]]})
    assert score(stripped, uncited).overall.score == 0.0
    assert (score(stripped, Submission.model_validate(data)).overall.score or 0.0) > 50


def test_the_evidence_rules_come_all_or_none() -> None:
    """A manifest declaring some of the 1.1.0 rules but not all is refused, naming the missing ones."""
    data = V110.manifest.scoring.model_dump(mode="json")
    del data["staleness"]
    with pytest.raises(ValidationError, match="missing: staleness"):
        ScoringRules.model_validate(data)
    assert V100.manifest.scoring.evidence_rules() is None


def test_the_version_diff_names_every_rule(dcr: Callable[..., CliResult]) -> None:
    """`dcr standard diff 1.0.0 1.1.0` lists each new scoring rule and the reach change by name."""
    out = dcr("standard", "diff", "1.0.0", "1.1.0").out
    for rule in ("no_evidence", "documents_only", "claim_band", "fully_when", "staleness", "measurements"):
        assert f"scoring.{rule}: added" in out
    assert "DCRS-CT-02  level, criticality" in out
