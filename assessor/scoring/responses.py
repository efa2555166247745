"""The response policy the claim rules share: no response, and not applicable where a requirement applies."""

from __future__ import annotations

from assessor.intake.models import Response
from assessor.scoring.models import Reason
from assessor.scoring.state import ClaimState


def no_response(state: ClaimState) -> ClaimState:
    """No response counts as the manifest's `missing_response` (settled: evidence rules pass it by)."""
    counted = state.context.scoring.missing_response
    reason = Reason(code="missing_response", message="no response; counted as " + counted)
    return state.with_(supported=counted, reasons=(reason,), settled=True)


def not_applicable_where_it_applies(state: ClaimState, response: Response) -> ClaimState:
    """N/A where the requirement applies counts as the policy's `otherwise`, with why (settled)."""
    otherwise = state.context.scoring.not_applicable.otherwise
    if (response.justification or "").strip():
        message = f"not applicable is accepted only where the requirement does not apply; counted as {otherwise}"
    else:
        message = f"not applicable without a justification; counted as {otherwise}"
    reason = Reason(code="not_applicable_rejected", message=message)
    return state.with_(supported=otherwise, reasons=(reason,), settled=True)
