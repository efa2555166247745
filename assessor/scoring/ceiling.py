"""The evidence ceiling a claim rule leaves for the next, and the supported status it implies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assessor.dcrs.base import ScoredStatus, lower_status
from assessor.scoring.models import Reason
from assessor.scoring.state import ClaimState

CEILING = "ceiling"
BAND = "claim_band"
# What a not-implemented claim still reports: thresholds are findings whatever the claim.
ALWAYS = frozenset({"metric_failed", "near_miss"})


def in_band(claimed: ScoredStatus, evidence: ScoredStatus, band: Sequence[ScoredStatus]) -> ScoredStatus:
    """A claim in the band is the evidence's ceiling; below the band, the lower of claim and ceiling."""
    if claimed == "not_implemented":
        return "not_implemented"
    return evidence if claimed in band else lower_status(claimed, evidence)


def current(state: ClaimState) -> ScoredStatus:
    """The ceiling so far (the top of the claim band before any rule lowered it)."""
    ceiling: ScoredStatus = state.notes[CEILING]
    return ceiling


def lowered(
    state: ClaimState, cap: ScoredStatus, reasons: Sequence[Reason], adding: Mapping[str, Any] | None = None
) -> ClaimState:
    """The state with the ceiling lowered to `cap` and reasons added; supported follows the claim and band."""
    return resolve(state, lower_status(current(state), cap), (*state.notes["all_reasons"], *reasons), adding)


def resolve(
    state: ClaimState, ceiling: ScoredStatus, reasons: Sequence[Reason], adding: Mapping[str, Any] | None = None
) -> ClaimState:
    """Supported = the lower of claim and ceiling: the evidence judges a claim in the band (an inflated claim
    gains nothing) and no claim is credited beyond what the developer claimed; the reasons shown are those that
    explain a gap from this claim; `adding`: other notes to leave with it."""
    assert state.response is not None and state.response.status != "not_applicable"
    claimed = state.response.status
    band: Sequence[ScoredStatus] = state.notes[BAND]
    shown = tuple(reasons)
    if claimed == "not_implemented":
        shown = tuple(r for r in shown if r.code in ALWAYS)
    if claimed != "fully":
        shown = tuple(r for r in shown if r.code != "not_distinguished")
    notes = {**(adding or {}), CEILING: ceiling, "all_reasons": tuple(reasons)}
    supported = in_band(claimed, ceiling, band)
    return state.with_(notes, supported=lower_status(claimed, supported), reasons=shown)


def open_claim(state: ClaimState) -> bool:
    """A claim an evidence rule still judges: applicable, answered, and not settled by the response policy."""
    return state.applicable and not state.settled and CEILING in state.notes
