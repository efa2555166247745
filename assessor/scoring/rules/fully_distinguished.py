"""Rule `fully_distinguished` (claim): fully needs what distinguishes it from largely.

Every threshold met by a live, sufficient reading at full scope, or a fresh independent attestation cited
(the `provenance` rule has already removed attestations that are not independent).
Example: "fully" with complete, fresh evidence and a passing exercise reading is supported as largely.
"""

from __future__ import annotations

from assessor.dcrs.base import StrictModel
from assessor.dcrs.models import EvidenceTypeId
from assessor.scoring.ceiling import current, lowered, open_claim
from assessor.scoring.models import Reason
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.thresholds import OUTCOMES
from assessor.scoring.state import ClaimState


class Params(StrictModel):
    """What distinguishes fully (either suffices)."""

    live_full_scope_metrics: bool
    attestation_types: list[EvidenceTypeId]


def fully_distinguished(state: ClaimState, params: Params) -> ClaimState:
    """Lower a fully ceiling to largely unless the evidence distinguishes fully."""
    if not open_claim(state) or current(state) != "fully":
        return state
    judged = state.notes.get(OUTCOMES, ())
    if params.live_full_scope_metrics and judged and all(j.live_full_scope for j in judged):
        return state
    on = state.context.submission.assessment.date
    window = max((e.max_age_days for e in state.req.evidence), default=365)
    if any(e.type in params.attestation_types and (on - e.date).days <= window for e in state.cited):
        return state
    ways = []
    if params.live_full_scope_metrics:
        ways.append("every threshold met by a live, sufficient reading at full scope")
    if params.attestation_types:
        ways.append("a fresh independent " + " or ".join(params.attestation_types))
    reason = Reason(code="not_distinguished", message="supported as largely: fully needs " + " or ".join(ways))
    return lowered(state, "largely", [reason])


RULE = register(
    Rule(
        name="fully_distinguished",
        phase="claim",
        params=Params,
        apply=fully_distinguished,
        summary="Fully needs every threshold met live at full scope, or a fresh independent attestation.",
        example="'fully' with a passing exercise reading only is supported as largely.",
        reads=frozenset(),
    )
)
