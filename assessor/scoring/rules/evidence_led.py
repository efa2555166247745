"""Rule `evidence_led` (claim): credit follows cited, fresh evidence (DCRS 1.1.0 rules 1-5 and 9).

supported = missing_response / N/A policy   as before (N/A refused where the requirement applies)
          = not_implemented                 for a not-implemented claim
          = the evidence ceiling            for a claim in claim_band (the claim does not inflate it)
          = min(claim, ceiling)             for any other claim (partially)
Failed thresholds are reasons whatever the claim.
Example: "fully" with complete, fresh evidence but no live full-scope reading is supported as largely.
"""

from __future__ import annotations

from assessor.scoring.ceiling import in_band
from assessor.scoring.evidence import EvidenceScope, LedRules, ceiling
from assessor.scoring.registry import Rule, register
from assessor.scoring.responses import no_response, not_applicable_where_it_applies
from assessor.scoring.state import ClaimState


def evidence_led(state: ClaimState, params: LedRules) -> ClaimState:
    """Judge one claim by the cited, fresh evidence."""
    if not state.applicable or state.settled:
        return state
    rules = state.context.scoring
    response = state.response
    if response is None:
        return no_response(state)
    if response.status == "not_applicable":
        return not_applicable_where_it_applies(state, response)
    scope = EvidenceScope(
        rules, params, state.context.submission.assessment.date, state.context.operational, state.scope.surfaces
    )
    found = ceiling(state.req, state.cited, scope)
    supported = in_band(response.status, found.status, params.claim_band)
    # Thresholds are checked whatever the claim; a not-implemented claim needs no other reason.
    failed = tuple(r for r in found.reasons if r.code == "metric_failed")
    reasons = failed if response.status == "not_implemented" else found.reasons
    if response.status != "fully":  # only a fully claim is short of what the evidence distinguishes
        reasons = tuple(r for r in reasons if r.code != "not_distinguished")
    return state.with_(supported=supported, reasons=reasons, basis=found.basis)


RULE = register(
    Rule(
        name="evidence_led",
        phase="claim",
        params=LedRules,
        apply=evidence_led,
        summary="Credit follows cited, fresh evidence; claims do not inflate.",
        example="'fully' with complete fresh evidence but no live full-scope reading is supported as largely.",
    )
)
