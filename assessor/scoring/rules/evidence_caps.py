"""Rule `evidence_caps` (claim): a fully/largely claim short of its expected evidence or thresholds is capped.

supported = missing_response                  with no response
          = per the N/A policy                for a not-applicable claim where the requirement applies
          = min(claimed, caps[reason] ...)    for claims in evidence_required_for, one reason per expected
                                              type missing or older than max_age_days and per threshold
                                              unreported or missed by the most recent value
          = claimed                           otherwise
Example: "fully" on a shutdown requirement whose drill is 400 days old (max 365) is supported as partially.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from assessor.dcrs.base import ScoredStatus, StrictModel
from assessor.dcrs.models import CapReason, ScoringRules
from assessor.intake.models import Response
from assessor.scoring.models import Reason
from assessor.scoring.registry import Rule, register
from assessor.scoring.responses import no_response
from assessor.scoring.state import ClaimState
from assessor.scoring.support import claim_support


class Params(StrictModel):
    """Which claims need evidence, and the cap for each shortfall."""

    evidence_required_for: Annotated[list[ScoredStatus], Field(min_length=1)]
    caps: dict[CapReason, ScoredStatus]


def evidence_caps(state: ClaimState, params: Params) -> ClaimState:
    """Cap the claim by its evidence and threshold shortfalls, after the response policy."""
    if not state.applicable or state.settled:
        return state
    rules = state.context.scoring
    response = state.response
    if response is None:
        return no_response(state)
    if response.status == "not_applicable":
        return _not_applicable(state, response, rules)
    on = state.context.submission.assessment.date
    supported, reasons = claim_support(state.req, response, state.cited, on, params.evidence_required_for, params.caps)
    return state.with_(supported=supported, reasons=reasons)


def _not_applicable(state: ClaimState, response: Response, rules: ScoringRules) -> ClaimState:
    policy = rules.not_applicable
    if policy.justification_required and not (response.justification or "").strip():
        message = f"not applicable without a justification; counted as {policy.otherwise}"
    elif policy.only_when_out_of_scope:
        message = f"not applicable is accepted only where the requirement does not apply; counted as {policy.otherwise}"
    else:
        accepted = Reason(code="not_applicable_accepted", message="not applicable, with a justification")
        return state.with_(supported="not_applicable", reasons=(accepted,), settled=True)
    reason = Reason(code="not_applicable_rejected", message=message)
    return state.with_(supported=policy.otherwise, reasons=(reason,), settled=True)


RULE = register(
    Rule(
        name="evidence_caps",
        phase="claim",
        params=Params,
        apply=evidence_caps,
        summary="A fully/largely claim short of its expected evidence or thresholds is capped.",
        example="'fully' with a 400-day-old drill (max 365) is supported as partially.",
    )
)
