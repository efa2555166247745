"""From claimed to supported status for one requirement: the evidence, metric, N/A and caveat rules."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from assessor.dcrs.base import ResponseStatus, ScoredStatus, lower_status
from assessor.dcrs.conditions import describe, holds
from assessor.dcrs.models import CapReason, Requirement, ScopeCaveat, ScoringRules
from assessor.intake.models import EvidenceItem, Response
from assessor.scoring.models import Reason

_COMPARE: Mapping[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
}


@dataclass(frozen=True)
class Judgement:
    """A requirement's supported status and the reasons it differs from the claim."""

    applicable: bool
    supported: ResponseStatus
    reasons: tuple[Reason, ...] = field(default=())


@dataclass(frozen=True)
class SupportContext:
    """What judging a requirement needs from the standard and the submission."""

    rules: ScoringRules
    evidence: Mapping[str, EvidenceItem]
    on: date
    surfaces: frozenset[str]
    caveats: Sequence[ScopeCaveat]


def judge(req: Requirement, domain: str, response: Response | None, ctx: SupportContext) -> Judgement:
    """Apply scope, the N/A policy, the evidence caps and the scope caveats to one requirement."""
    if not holds(req.applies_when, ctx.surfaces):
        assert req.applies_when is not None
        why = f"applies only where {describe(req.applies_when)}"
        return Judgement(False, "not_applicable", (Reason(code="out_of_scope", message=why),))
    judgement = _claim_support(req, response, ctx)
    return _apply_caveats(judgement, domain, ctx)


def _claim_support(req: Requirement, response: Response | None, ctx: SupportContext) -> Judgement:
    if response is None:
        reason = Reason(code="missing_response", message="no response; counted as " + ctx.rules.missing_response)
        return Judgement(True, ctx.rules.missing_response, (reason,))
    if response.status == "not_applicable":
        return _not_applicable(response, ctx.rules)
    claimed = response.status
    if claimed not in ctx.rules.evidence_required_for:
        return Judgement(True, claimed)
    cited = [ctx.evidence[e] for e in response.evidence if e in ctx.evidence]
    reasons = evidence_shortfalls(req, cited, ctx.on) + metric_shortfalls(req, cited)
    supported: ScoredStatus = claimed
    for reason in reasons:
        supported = lower_status(supported, ctx.rules.caps[cast(CapReason, reason.code)])
    return Judgement(True, supported, tuple(reasons))


def _not_applicable(response: Response, rules: ScoringRules) -> Judgement:
    policy = rules.not_applicable
    if policy.justification_required and not (response.justification or "").strip():
        message = f"not applicable without a justification; counted as {policy.otherwise}"
    elif policy.only_when_out_of_scope:
        message = f"not applicable is accepted only where the requirement does not apply; counted as {policy.otherwise}"
    else:
        accepted = Reason(code="not_applicable_accepted", message="not applicable, with a justification")
        return Judgement(True, "not_applicable", (accepted,))
    return Judgement(True, policy.otherwise, (Reason(code="not_applicable_rejected", message=message),))


def evidence_shortfalls(req: Requirement, cited: Sequence[EvidenceItem], on: date) -> list[Reason]:
    """A reason for each expected evidence type that is not cited, or whose newest item is too old."""
    reasons = []
    for expected in req.evidence:
        items = [e for e in cited if e.type == expected.type]
        if not items:
            reasons.append(Reason(code="missing_evidence", message=f"no {expected.type} evidence cited"))
            continue
        newest = max(items, key=lambda e: (e.date, e.id))
        age = (on - newest.date).days
        if age > expected.max_age_days:
            message = (
                f"newest {expected.type} evidence {newest.id} ({newest.date.isoformat()}) is {age} days old; "
                f"at most {expected.max_age_days} accepted"
            )
            reasons.append(Reason(code="stale_evidence", message=message))
    return reasons


def metric_shortfalls(req: Requirement, cited: Sequence[EvidenceItem]) -> list[Reason]:
    """A reason for each threshold no cited evidence reports, or whose most recent value misses it."""
    reasons = []
    for threshold in req.metrics:
        reports = [
            (e.date, e.id, m.value)
            for e in cited
            for m in e.metrics
            if m.metric == threshold.metric and m.value is not None
        ]
        target = f"{threshold.op} {threshold.value:g}"
        if not reports:
            message = f"no cited evidence reports {threshold.metric} (needs {target})"
            reasons.append(Reason(code="metric_not_reported", message=message))
            continue
        _, source, value = max(reports)
        if not _COMPARE[threshold.op](value, threshold.value):
            message = f"{threshold.metric} = {value:g} ({source}) misses the threshold {target}"
            reasons.append(Reason(code="metric_failed", message=message))
    return reasons


def _apply_caveats(judgement: Judgement, domain: str, ctx: SupportContext) -> Judgement:
    supported, reasons = judgement.supported, list(judgement.reasons)
    for caveat in ctx.caveats:
        if domain in caveat.domains and supported != "not_applicable":
            reasons.append(Reason(code="scope_caveat", message=f"{caveat.title}; capped at {caveat.cap}"))
            supported = lower_status(supported, caveat.cap)
    return Judgement(judgement.applicable, supported, tuple(reasons))
