"""Rule `scope_caveats` (claim): each caveat holding for the scope caps the requirements it names (or, naming
none, its domains), for that scope only.

Example: the open-weights caveat caps DCRS-TK-06 (full shutdown) at not implemented for the open-weights model
and leaves the closed flagship's result alone.
"""

from __future__ import annotations

from assessor.dcrs.base import lower_status
from assessor.scoring.models import Reason
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import ClaimState


def scope_caveats(state: ClaimState, params: NoParams) -> ClaimState:
    """Cap the result by each caveat of this scope that names the requirement."""
    if not state.applicable or not state.scope.caveats:
        return state
    supported, reasons = state.supported, list(state.reasons)
    assert supported is not None
    for caveat in state.scope.caveats:
        names = caveat.requirements
        if (state.req.id in names) if names is not None else (state.domain in caveat.domains):
            message = f"{caveat.title} ({state.scope.name}); capped at {caveat.cap}"
            reasons.append(Reason(code="scope_caveat", message=message))
            supported = lower_status(supported, caveat.cap)  # type: ignore[arg-type]
    return state.with_(supported=supported, reasons=tuple(reasons))


RULE = register(
    Rule(
        name="scope_caveats",
        phase="claim",
        params=NoParams,
        apply=scope_caveats,
        summary="Each caveat holding for a scope caps the requirements it names, for that scope only.",
        example="The open-weights caveat caps full shutdown for the open-weights model, not the flagship.",
        reads=frozenset({"caveats", "name"}),
    )
)
