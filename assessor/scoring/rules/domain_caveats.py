"""Rule `domain_caveats` (claim): a scope caveat that holds caps every requirement of the domains it names.

Example: with an open-weights model in scope, every access-control requirement is capped at not implemented.
"""

from __future__ import annotations

from assessor.dcrs.base import lower_status
from assessor.scoring.models import Reason
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import ClaimState


def domain_caveats(state: ClaimState, params: NoParams) -> ClaimState:
    """Cap the result by each caveat holding for the scope whose domains include the requirement's."""
    if not state.applicable:
        return state
    supported, reasons = state.supported, list(state.reasons)
    assert supported is not None
    for caveat in state.scope.caveats:
        if state.domain in caveat.domains and supported != "not_applicable":
            reasons.append(Reason(code="scope_caveat", message=f"{caveat.title}; capped at {caveat.cap}"))
            supported = lower_status(supported, caveat.cap)
    return state.with_(supported=supported, reasons=tuple(reasons))


RULE = register(
    Rule(
        name="domain_caveats",
        phase="claim",
        params=NoParams,
        apply=domain_caveats,
        summary="A scope caveat that holds caps every requirement of the domains it names.",
        example="An open-weights model in scope caps every access-control requirement at not implemented.",
    )
)
