"""Rule `thresholds` (claim): the worst relevant measurement counts, judged fairly (ISA 530 sufficiency).

Per threshold (see scoring/readings.py): failed beyond the metric's tolerance band caps at `failed_cap`; a miss
inside the band at `near_miss_cap`; no counted reading at `unreported_cap` (a passing reading below the metric's
sufficiency is noted with its figures, not credited); nothing to measure is accepted only for event-driven
metrics. The failing readings of cited items that may be about the model without being shown to be count too;
with `unshown_readings_only_lower` they can only lower a threshold's verdict, never lift it (a near miss of an
item not shown to be about the model never stands in for a reading that is missing); with
`near_miss_supersedes` a later near miss supersedes an earlier failure as a later pass does; with
`exercise_failures_stand` a failing exercise stands until a later sufficient pass; with `named_surfaces_only` a
reading naming its surfaces covers those only; with `insufficient_readings_only_lower` a failing reading too
small to credit can lower a verdict, never lift it. Every miss is a reason whatever the claim.
Example: a critical shutdown drill at 61 minutes against 60 with a 10 % band is a near miss (largely, with a
finding); at 67 minutes it fails (partially).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from pydantic import Field

from assessor.dcrs.base import ScoredStatus, StrictModel
from assessor.dcrs.models import MetricDefinition
from assessor.intake.models import EvidenceItem
from assessor.scoring.ceiling import current, lowered, open_claim
from assessor.scoring.models import Reason
from assessor.scoring.readings import Judgement, ReadingRules, figure, judge_threshold
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import ClaimState

OUTCOMES = "threshold_judgements"


class Params(StrictModel):
    """Which readings count and what each verdict caps a claim at."""

    window_days: Annotated[int, Field(gt=0, le=3650)]
    full_scope_percent: Annotated[float, Field(gt=0, le=100)]
    failed_cap: ScoredStatus
    near_miss_cap: ScoredStatus
    unreported_cap: ScoredStatus
    # A failing reading not shown to be about the model (`against`) decides a threshold it fails. Inside its
    # tolerance band that verdict is a near miss, which caps higher than an unreported metric: as published in
    # 1.2.0 and 1.3.0 (false), citing an activity from before a model's release, with a near miss, lifts the model
    # from unreported to near miss. True judges each threshold with and without those readings and keeps the lower.
    unshown_readings_only_lower: bool = False
    # A failing live reading stands until a later pass of its scope supersedes it. As published in 1.2.0 and
    # 1.3.0 (false), a later near miss does not: moving that later reading by 1 % from a pass into its band
    # brings the earlier failure back, two steps at once (fully -> partially). True lets a later near miss
    # supersede a failure too, so the claim steps down one status at a time as the latest reading worsens.
    near_miss_supersedes: bool = False
    # As published in 1.2.0 to 1.3.0 (false), a failing exercise counts only while it is the latest reading, so
    # an older live near miss, which stands, hides a later exercise that failed far worse (partially -> largely).
    # True lets a failing exercise stand too, until a later sufficient pass (or near miss) of any setting.
    exercise_failures_stand: bool = False
    # As published (false), a later pass at 100 % coverage covers every surface, even when the reading names the
    # one surface it was taken on, so a pass on the consumer app supersedes a failure on the API. True reads 100 %
    # of the surfaces a reading names as that: it supersedes a failure only on those surfaces.
    named_surfaces_only: bool = False
    # A failing reading below the metric's sufficiency (a sample of one) is read, and inside its band it is a near
    # miss, which caps higher than a passing reading of the same size (noted, not credited): as published (false),
    # making such a reading worse raises the claim. True judges each threshold with and without those readings
    # and keeps the lower verdict: a reading too small to credit can lower a claim, never lift it.
    insufficient_readings_only_lower: bool = False


def thresholds(state: ClaimState, params: Params) -> ClaimState:
    """Judge every threshold of the requirement and lower the ceiling for each that is not passed."""
    if not open_claim(state):
        return state
    registry = state.context.standard.manifest.metrics
    metrics: dict[str, MetricDefinition] = state.context.once("metrics", lambda: {m.id: m for m in registry})
    on = state.context.submission.assessment.date
    against = state.scope.cited_against(state.response) if state.req.metrics else ()
    days, full, rules = params.window_days, params.full_scope_percent, _reading_rules(params)
    judged = [
        judge_threshold(t, metrics[t.metric], state.cited, on, days, full, against, rules) for t in state.req.metrics
    ]
    if against and params.unshown_readings_only_lower:
        judged = [_lower(j, state, metrics, params) for j in judged]
    if params.insufficient_readings_only_lower:
        judged = [_without_insufficient(j, state, against, metrics, params) for j in judged]
    cap, reasons = current(state), []
    for j in judged:
        status, reason = _verdict(j, metrics[j.threshold.metric], params)
        if reason is not None:
            reasons.append(reason)
        if status is not None:
            cap = status if _rank(status) < _rank(cap) else cap
    return lowered(state, cap, reasons, {OUTCOMES: tuple(judged)})


def _lower(j: Judgement, state: ClaimState, metrics: dict[str, MetricDefinition], params: Params) -> Judgement:
    """The judgement with or without the unshown readings, whichever caps the claim lower (with them on a tie)."""
    if j.verdict == "passed":  # unshown readings only fail: with them passing, it passes without them too
        return j
    t, on = j.threshold, state.context.submission.assessment.date
    days, full = params.window_days, params.full_scope_percent
    alone = judge_threshold(t, metrics[t.metric], state.cited, on, days, full, rules=_reading_rules(params))
    return _lower_of(j, alone, metrics[t.metric], params)


def _without_insufficient(
    j: Judgement,
    state: ClaimState,
    against: tuple[EvidenceItem, ...],
    metrics: dict[str, MetricDefinition],
    params: Params,
) -> Judgement:
    """The judgement with or without the failing readings below the metric's sufficiency, whichever caps the
    claim lower (with them on a tie); only a decisive reading of that kind can make a difference."""
    r = j.decisive
    if r is None or r.passes or r.sufficient:
        return j
    t, on = j.threshold, state.context.submission.assessment.date
    rules = replace(_reading_rules(params), insufficient_failures=False)
    days, full = params.window_days, params.full_scope_percent
    without = judge_threshold(t, metrics[t.metric], state.cited, on, days, full, against, rules)
    return _lower_of(j, without, metrics[t.metric], params)


def _lower_of(j: Judgement, other: Judgement, metric: MetricDefinition, params: Params) -> Judgement:
    """`other` where it caps the claim lower than `j`, else `j`."""
    mine, theirs = _verdict(j, metric, params)[0], _verdict(other, metric, params)[0]
    if theirs is not None and (mine is None or _rank(theirs) < _rank(mine)):
        return other
    return j


def _reading_rules(params: Params) -> ReadingRules:
    return ReadingRules(
        near_supersedes=params.near_miss_supersedes,
        exercise_failures_stand=params.exercise_failures_stand,
        named_surfaces_only=params.named_surfaces_only,
    )


def _rank(status: ScoredStatus) -> int:
    return ("not_implemented", "partially", "largely", "fully").index(status)


def _verdict(j: Judgement, metric: MetricDefinition, params: Params) -> tuple[ScoredStatus | None, Reason | None]:
    name, ids = j.threshold.metric, [j.decisive.item] if j.decisive else []
    need = metric.sufficiency
    needs = f"coverage >= {need.coverage_percent:g}% and n >= {need.sample_size}" if need else ""
    shown = figure(j, metric.unit, "")
    if j.verdict == "failed":
        return params.failed_cap, Reason(
            code="metric_failed", message=f"threshold missed: {name} {j.limit}", figure=shown, evidence=ids
        )
    if j.verdict == "near_miss":
        band = f"{metric.tolerance_percent:g}%" if metric.tolerance_percent else "its band"
        message = f"threshold missed within its {band} tolerance band: {name} {j.limit}"
        return params.near_miss_cap, Reason(code="near_miss", message=message, figure=shown, evidence=ids)
    if j.verdict == "insufficient":
        message = f"{name}: the passing reading is below the metric's sufficiency ({needs}); noted, not credited"
        return params.unreported_cap, Reason(
            code="insufficient_reading", message=message, figure=figure(j, metric.unit, needs), evidence=ids
        )
    if j.verdict == "refused_nothing":
        message = f"{name} is not event-driven: 'nothing to measure' is not accepted; counted as unreported"
        return params.unreported_cap, Reason(code="metric_not_reported", message=message)
    if j.verdict == "unreported":
        message = f"no cited, relevant evidence reports {name} (needs {j.limit})"
        return params.unreported_cap, Reason(code="metric_not_reported", message=message)
    if j.verdict == "nothing_to_measure":
        return None, Reason(
            code="nothing_to_measure", message=f"{name}: nothing to measure yet, neither a pass nor a fail"
        )
    return None, None


RULE = register(
    Rule(
        name="thresholds",
        phase="claim",
        params=Params,
        apply=thresholds,
        summary="The worst relevant, sufficient measurement decides each threshold; tolerance bands soften misses.",
        example="A shutdown drill at 61 minutes against 60 (band 10 %) is a near miss; at 67 it fails.",
        reads=frozenset({"against"}),
    )
)
