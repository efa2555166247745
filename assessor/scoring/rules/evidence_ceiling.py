"""Rule `evidence_ceiling` (claim): how far cited, relevant, fresh evidence carries a claim.

As `evidence_led` for evidence types (no evidence, documents only, claim band, graded staleness with
substitutes), on the model's own view of the register, where freshness runs from the activity; thresholds are
left to `thresholds`. Live events are evidence: a record (`live_events.record_types`) with a live reading of a
metric the requirement measures, about this model, stands for the requirement's `stands_for` types.
Example: a production rollback recorded as a REC with time_to_rollback_minutes 22 (live, 100 % covered)
carries DCRS-TK-05's TEST expectation.
"""

from __future__ import annotations

from collections.abc import Callable

from assessor.dcrs.base import ScoredStatus, StrictModel, lower_status
from assessor.dcrs.models import EvidenceTypeId, FullyRule, MeasurementRule, StalenessRule
from assessor.intake.models import EvidenceItem, MetricValue
from assessor.scoring.ceiling import BAND, resolve
from assessor.scoring.evidence import (
    CARRYING,
    EvidenceScope,
    LedRules,
    basis_of,
    capped,
    expected_types,
    state_reason,
    type_state,
)
from assessor.scoring.models import Reason
from assessor.scoring.registry import Rule, register
from assessor.scoring.responses import no_response, not_applicable_where_it_applies
from assessor.scoring.state import ClaimState


class LiveEvents(StrictModel):
    """Which records of live corrections stand for which expected types."""

    record_types: list[EvidenceTypeId]
    stands_for: list[EvidenceTypeId]


class Params(StrictModel):
    """The evidence-type rules and what stands for what."""

    no_evidence: ScoredStatus
    documents_only: ScoredStatus
    claim_band: list[ScoredStatus]
    staleness: StalenessRule
    live_events: LiveEvents


def evidence_ceiling(state: ClaimState, params: Params) -> ClaimState:
    """Judge the claim's evidence types; leave the ceiling for the threshold and fully rules."""
    if not state.applicable or state.settled:
        return state
    response = state.response
    if response is None:
        return no_response(state)
    if response.status == "not_applicable":
        return not_applicable_where_it_applies(state, response)
    scope = _scope_of(state, params)
    cited = [*state.cited, *_stand_ins(state, params.live_events)]
    states = [type_state(e, cited, scope) for e in expected_types(state.req, cited, scope)]
    carrying = [s for s in states if s.freshness in CARRYING]
    basis = basis_of(carrying, scope.operational)
    reasons = [r for s in states if (r := state_reason(s)) is not None]
    state = state.with_({BAND: params.claim_band}, basis=basis)
    if not carrying:
        lack = Reason(code="no_evidence", message="no expected evidence type is cited, relevant and fresh", evidence=[])
        return resolve(state, params.no_evidence, (lack, *reasons))
    ceiling = capped(reasons, scope)
    if any(e.type in scope.operational for e in state.req.evidence) and basis == "documents_only":
        reasons.append(Reason(code="documents_only", message="operational evidence is expected; only documents cited"))
        ceiling = lower_status(ceiling, params.documents_only)
    return resolve(state, ceiling, reasons)


def _scope(state: ClaimState, params: Params) -> EvidenceScope:
    """The 1.1.0 evidence scope these helpers expect (thresholds and fully are other rules here)."""
    led = LedRules(
        no_evidence=params.no_evidence,
        documents_only=params.documents_only,
        claim_band=params.claim_band,
        fully_when=FullyRule(live_full_scope_metrics=False, attestation_types=[]),
        staleness=params.staleness,
        measurements=MeasurementRule(window_days=3650, full_scope_percent=100),
    )
    ctx = state.context
    # Judging evidence types reads no surfaces (readings are the thresholds rule's), so none are given.
    return EvidenceScope(ctx.scoring, led, ctx.submission.assessment.date, ctx.operational, frozenset())


def _scope_of(state: ClaimState, params: Params) -> EvidenceScope:
    """The evidence scope these helpers expect, built once per run."""
    return state.context.once(f"evidence_ceiling:{id(params)}", lambda: _scope(state, params))  # type: ignore[no-any-return]


def _stand_ins(state: ClaimState, live: LiveEvents) -> list[EvidenceItem]:
    """Records of live corrections of this requirement's metrics, as the types they stand for: a live reading
    with a value or bound that meets the metric's sufficiency ('nothing to measure' or a sliver stands for
    no test or drill: red-team log)."""
    if not state.req.metrics:  # records stand in only through a metric the requirement measures
        return []
    measured = {t.metric for t in state.req.metrics}
    metrics = state.context.standard.manifest.metrics
    need = state.context.once("sufficiency", lambda: {m.id: m.sufficiency for m in metrics})

    def sufficient(m: MetricValue) -> bool:
        floor = need.get(m.metric)
        stated = m.nothing_to_measure is None and (m.value, m.at_most, m.at_least) != (None, None, None)
        return stated and (
            floor is None
            or ((m.coverage_percent or 0.0) >= floor.coverage_percent and (m.sample_size or 0) >= floor.sample_size)
        )

    records = [
        e
        for e in state.cited
        if e.type in live.record_types
        and any(m.metric in measured and m.setting == "live" and sufficient(m) for m in e.metrics)
    ]
    ctx = state.context
    return [ctx.once(f"stand-in:{id(e)}:{t}", _retyped(e, t)) for e in records for t in live.stands_for]


def _retyped(item: EvidenceItem, kind: str) -> Callable[[], EvidenceItem]:
    """A maker of the item as another type (for the per-run memo)."""
    return lambda: item.model_copy(update={"type": kind})


RULE = register(
    Rule(
        name="evidence_ceiling",
        phase="claim",
        params=Params,
        apply=evidence_ceiling,
        summary="Cited, relevant, fresh evidence of the expected types carries a claim; live corrections count.",
        example="A production rollback recorded with a live reading carries the rollback requirement's TEST.",
        reads=frozenset(),
    )
)
