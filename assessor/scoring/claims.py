"""DCRS 1.1.0: from a claim to a supported status for one requirement and one model (or undeclared scope).

supported = not_applicable                 where applies_when does not hold for the model's surfaces
          = missing_response / N/A policy  as in 1.0.0 (N/A refused where the requirement applies)
          = not_implemented                for a not-implemented claim
          = the evidence ceiling           for a claim in the claim band (the claim does not inflate it)
          = min(claim, ceiling)            for any other claim (partially)
          then min(supported, caveat.cap)  for each scope caveat holding for this model that names r
Failed thresholds are reasons whatever the claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assessor.dcrs.base import ScoredStatus, lower_status
from assessor.dcrs.conditions import describe, holds
from assessor.dcrs.models import Requirement, ScopeCaveat
from assessor.intake.models import EvidenceItem, Response
from assessor.scoring.evidence import EvidenceScope, ceiling
from assessor.scoring.models import Basis, Reason
from assessor.scoring.support import Judgement


@dataclass(frozen=True)
class Judged:
    """A judgement with what its credit rests on."""

    judgement: Judgement
    basis: Basis | None


@dataclass(frozen=True)
class ModelScope:
    """One model (or the undeclared scope) as scoring sees it: its surfaces and the caveats that hold for it."""

    name: str
    surfaces: frozenset[str]
    caveats: tuple[ScopeCaveat, ...]
    evidence: EvidenceScope


def judge_claim(
    req: Requirement, domain: str, response: Response | None, cited: Sequence[EvidenceItem], model: ModelScope
) -> Judged:
    """Apply scope, the N/A policy, the evidence ceiling and this model's caveats to one requirement."""
    if not holds(req.applies_when, model.surfaces):
        assert req.applies_when is not None
        why = Reason(code="out_of_scope", message=f"applies only where {describe(req.applies_when)}")
        return Judged(Judgement(False, "not_applicable", (why,)), None)
    rules = model.evidence.scoring
    if response is None:
        reason = Reason(code="missing_response", message="no response; counted as " + rules.missing_response)
        return Judged(_caveated(Judgement(True, rules.missing_response, (reason,)), req, domain, model), None)
    if response.status == "not_applicable":
        return Judged(_caveated(_not_applicable(response, rules.not_applicable.otherwise), req, domain, model), None)
    found = ceiling(req, cited, model.evidence)
    supported = _supported(response.status, found.status, model.evidence.rules.claim_band)
    # Thresholds are checked whatever the claim; a not-implemented claim needs no other reason.
    failed = tuple(r for r in found.reasons if r.code == "metric_failed")
    reasons = failed if response.status == "not_implemented" else found.reasons
    if response.status != "fully":  # only a fully claim is short of what the evidence distinguishes
        reasons = tuple(r for r in reasons if r.code != "not_distinguished")
    judgement = Judgement(True, supported, reasons)
    return Judged(_caveated(judgement, req, domain, model), found.basis)


def _supported(claimed: ScoredStatus, evidence: ScoredStatus, band: Sequence[ScoredStatus]) -> ScoredStatus:
    if claimed == "not_implemented":
        return "not_implemented"
    return evidence if claimed in band else lower_status(claimed, evidence)


def _not_applicable(response: Response, otherwise: ScoredStatus) -> Judgement:
    if (response.justification or "").strip():
        message = f"not applicable is accepted only where the requirement does not apply; counted as {otherwise}"
    else:
        message = f"not applicable without a justification; counted as {otherwise}"
    return Judgement(True, otherwise, (Reason(code="not_applicable_rejected", message=message),))


def _caveated(judgement: Judgement, req: Requirement, domain: str, model: ModelScope) -> Judgement:
    supported, reasons = judgement.supported, list(judgement.reasons)
    for caveat in model.caveats:
        names = caveat.requirements if caveat.requirements is not None else None
        if (req.id in names) if names is not None else (domain in caveat.domains):
            message = f"{caveat.title} ({model.name}); capped at {caveat.cap}"
            reasons.append(Reason(code="scope_caveat", message=message))
            supported = lower_status(supported, caveat.cap)  # type: ignore[arg-type]
    return Judgement(judgement.applicable, supported, tuple(reasons))
