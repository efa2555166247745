"""DCRS 1.1.0 rules 1, 2, 3 and 5: how far cited, fresh evidence carries a claim, and what the credit rests on.

For each expected evidence type the newest cited item is fresh, stale within the grace (capped one step below
fully), substituted by a fresh cited item of a substitute type, stale beyond the grace, or missing. With no
expected type carried the claim falls to `no_evidence`; missing or stale types, documents alone where
operational evidence is expected, and unmet or unreported thresholds cap it; fully needs what `fully_when`
names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assessor.dcrs.base import ScoredStatus, StrictModel, lower_status
from assessor.dcrs.models import (
    EvidenceExpectation,
    FullyRule,
    MeasurementRule,
    Requirement,
    ScoringRules,
    StalenessRule,
)
from assessor.intake.models import EvidenceItem
from assessor.scoring.measurements import Outcome, decide
from assessor.scoring.models import Basis, Reason, ReasonCode

Freshness = Literal["fresh", "substituted", "grace", "stale", "missing"]
CARRYING: tuple[Freshness, ...] = ("fresh", "substituted", "grace")


@dataclass(frozen=True)
class TypeState:
    """How one expected evidence type stands: its freshness, the item that carries it, days past the window."""

    expected: EvidenceExpectation
    freshness: Freshness
    item: EvidenceItem | None = None
    days_over: int = 0
    stale: EvidenceItem | None = None  # the stale item a substitute stands in for


@dataclass(frozen=True)
class Ceiling:
    """The most the cited evidence supports, why, and what it rests on."""

    status: ScoredStatus
    reasons: tuple[Reason, ...]
    basis: Basis
    outcomes: tuple[Outcome, ...]


class LedRules(StrictModel):
    """The evidence-led rules' parameters (the 1.1.0 keys `no_evidence` ... `measurements`)."""

    no_evidence: ScoredStatus
    documents_only: ScoredStatus
    claim_band: list[ScoredStatus]
    fully_when: FullyRule
    staleness: StalenessRule
    measurements: MeasurementRule


@dataclass(frozen=True)
class EvidenceScope:
    """What judging evidence needs beyond the requirement: the rules, the date, the operational types, surfaces."""

    scoring: ScoringRules
    rules: LedRules
    on: date
    operational: frozenset[str]
    surfaces: frozenset[str]


def ceiling(req: Requirement, cited: Sequence[EvidenceItem], scope: EvidenceScope) -> Ceiling:
    """The highest status the evidence supports for this requirement, with every reason it is not higher."""
    states = [type_state(e, cited, scope) for e in expected_types(req, cited, scope)]
    outcomes = tuple(decide(t, cited, scope.on, scope.rules.measurements, scope.surfaces) for t in req.metrics)
    carrying = [s for s in states if s.freshness in CARRYING]
    basis = basis_of(carrying, scope.operational)
    reasons = [r for s in states if (r := state_reason(s)) is not None]
    reasons += [r for o in outcomes if (r := _outcome_reason(o)) is not None]
    if not carrying:
        reason = Reason(code="no_evidence", message="no expected evidence type is cited and fresh", evidence=[])
        return Ceiling(scope.rules.no_evidence, (reason, *reasons), "no_evidence", outcomes)
    status = capped(reasons, scope)
    if any(e.type in scope.operational for e in req.evidence) and basis == "documents_only":
        reasons.append(Reason(code="documents_only", message="operational evidence is expected; only documents cited"))
        status = lower_status(status, scope.rules.documents_only)
    if status == "fully" and not _distinguished(req, cited, states, outcomes, scope):
        reasons.append(Reason(code="not_distinguished", message=_not_distinguished(scope.rules)))
        status = "largely"
    return Ceiling(status, tuple(reasons), basis, outcomes)


def expected_types(req: Requirement, cited: Sequence[EvidenceItem], scope: EvidenceScope) -> list[EvidenceExpectation]:
    """The requirement's expected types; without any, the newest cited item must be inside the measurement window."""
    if req.evidence:
        return list(req.evidence)
    newest = max(cited, key=lambda e: (e.date, e.id), default=None)
    return [
        EvidenceExpectation(type=newest.type if newest else "DOC", max_age_days=scope.rules.measurements.window_days)
    ]


def type_state(expected: EvidenceExpectation, cited: Sequence[EvidenceItem], scope: EvidenceScope) -> TypeState:
    """The freshness of one expected type among the cited items (the newest item of the type counts)."""
    items = [e for e in cited if e.type == expected.type]
    if not items:
        return TypeState(expected, "missing")
    newest = max(items, key=lambda e: (e.date, e.id))
    over = (scope.on - newest.date).days - expected.max_age_days
    if over <= 0:
        return TypeState(expected, "fresh", newest)
    stand_ins = scope.rules.staleness.substitutes.get(expected.type, [])
    fresh = [e for e in cited if e.type in stand_ins and (scope.on - e.date).days <= expected.max_age_days]
    if fresh:
        return TypeState(expected, "substituted", max(fresh, key=lambda e: (e.date, e.id)), over, newest)
    grace = math.ceil(expected.max_age_days * scope.rules.staleness.grace_fraction)
    return TypeState(expected, "grace" if over <= grace else "stale", newest, over)


def capped(reasons: Sequence[Reason], scope: EvidenceScope) -> ScoredStatus:
    status: ScoredStatus = scope.rules.claim_band[-1]
    for reason in reasons:
        if reason.code == "stale_within_grace":
            status = lower_status(status, scope.rules.staleness.grace_cap)
        elif reason.code in scope.scoring.caps:
            status = lower_status(status, scope.scoring.caps[reason.code])
    return status


def state_reason(s: TypeState) -> Reason | None:
    t, item = s.expected.type, s.item
    if s.freshness == "missing":
        return Reason(code="missing_evidence", message=f"no {t} evidence cited", evidence=[])
    if s.freshness == "fresh" or item is None:
        return None
    old = s.stale or item
    figure = (
        f"{old.id} ({t}, {old.date.isoformat()}) is {s.days_over} days past its {s.expected.max_age_days}-day window"
    )
    if s.freshness == "substituted":
        message = f"stale {t} evidence is stood in for by fresh {item.type} {item.id}"
        return Reason(code="substituted", message=message, figure=figure, evidence=[item.id])
    code: ReasonCode = "stale_within_grace" if s.freshness == "grace" else "stale_evidence"
    message = f"newest {t} evidence {figure}" + ("; within the grace, one step off" if s.freshness == "grace" else "")
    return Reason(code=code, message=message, figure=figure, evidence=[item.id])


def _outcome_reason(o: Outcome) -> Reason | None:
    metric, ids = o.threshold.metric, [o.reading.item] if o.reading else []
    if o.state == "failed":
        message = f"threshold missed: {metric} {o.limit}"
        return Reason(code="metric_failed", message=message, figure=o.figure(), evidence=ids)
    if o.state == "unreported":
        return Reason(code="metric_not_reported", message=f"no cited evidence reports {metric} (needs {o.limit})")
    if o.state == "nothing_to_measure":
        message = f"{metric}: nothing to measure yet, neither a pass nor a fail"
        return Reason(code="nothing_to_measure", message=message, figure=o.figure(), evidence=ids)
    if o.state == "vacuous":
        message = f"{metric} is reported over a sample of 0: not a measurement, neither a pass nor a fail"
        return Reason(code="vacuous_reading", message=message, figure=o.figure(), evidence=ids)
    return None


def _distinguished(
    req: Requirement,
    cited: Sequence[EvidenceItem],
    states: Sequence[TypeState],
    outcomes: Sequence[Outcome],
    scope: EvidenceScope,
) -> bool:
    """Fully: every threshold met live at full scope, or a fresh attestation cited (rules.fully_when)."""
    rule = scope.rules.fully_when
    if rule.live_full_scope_metrics and outcomes and all(o.live_full_scope for o in outcomes):
        return True
    window = max((s.expected.max_age_days for s in states), default=365)
    return any(e.type in rule.attestation_types and (scope.on - e.date).days <= window for e in cited)


def _not_distinguished(rules: LedRules) -> str:
    ways = []
    if rules.fully_when.live_full_scope_metrics:
        ways.append("every threshold met by a live reading at full scope")
    if rules.fully_when.attestation_types:
        ways.append("a fresh " + " or ".join(rules.fully_when.attestation_types))
    return "supported as largely: fully needs " + " or ".join(ways)


def basis_of(carrying: Sequence[TypeState], operational: frozenset[str]) -> Basis:
    if any(s.item is not None and s.item.type in operational for s in carrying):
        return "operational"
    return "documents_only" if carrying else "no_evidence"
