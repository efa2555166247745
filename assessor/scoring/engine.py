"""Scoring: a pure function from (standard, submission[, review]) to an Assessment. No I/O, no clock.

The engine runs the rules the standard's manifest declares (`declared.py`), phase by phase (`registry.py`):

  register  = the submitted evidence register, passed through each register rule in order
  scopes    = what is scored separately: the whole profile, or each in-scope model with the evidence about it
  for each scope s and each requirement r that is not withdrawn:
    applicable(r, s) = r.applies_when holds for s's surfaces (else not applicable: it leaves the denominator)
    state(r, s)      = the claim passed through each claim rule in order (response policy, evidence,
                       thresholds, caveats: what the version declares); rules that declare the scope fields
                       they read are run once for scopes that cite the same artefacts and agree on those fields
  result    = the aggregate rule: levels (cumulative, critical cap), weighted scores, findings, headline

Every number comes from the manifest; the engine itself knows no version.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assessor.core.memo import PerObject
from assessor.dcrs.conditions import describe, holds
from assessor.dcrs.models import Requirement, Standard
from assessor.intake.models import Response, Submission
from assessor.review.models import Review
from assessor.scoring import rules as _rules  # noqa: F401  (registers every bundled rule)
from assessor.scoring.aggregate import readiness_level, weighted_score
from assessor.scoring.declared import declared_rules
from assessor.scoring.models import Assessment, Reason
from assessor.scoring.registry import PlanProblem, Step, bind, by_phase
from assessor.scoring.state import ClaimState, Context, Judged, ModelScope, Register
from assessor.scoring.verification import attach_verification, verified_submission

__all__ = ["PlanError", "plan", "readiness_level", "score", "weighted_score"]


class PlanError(ValueError):
    """The manifest declares scoring rules that cannot run."""

    def __init__(self, problems: Sequence[PlanProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


def plan(standard: Standard) -> list[Step]:
    """The steps the standard's manifest declares; PlanError lists every problem with them."""
    return list(_plans(standard))


def _plan(standard: Standard) -> tuple[Step, ...]:
    steps, problems = bind(declared_rules(standard.manifest.scoring))
    if problems:
        raise PlanError(problems)
    return tuple(steps)


# The plan is a pure function of the (immutable) standard's manifest: bound once per Standard object.
_plans: PerObject[Standard, tuple[Step, ...]] = PerObject(_plan)


def score(standard: Standard, submission: Submission, review: Review | None = None) -> Assessment:
    """Score a submission against a standard, and its review if one is given; same inputs, equal results.

    With a review, the verified result (verdicts as claims, rejected evidence uncited, same rules) is
    attached beside the self-assessed one; see scoring.verification.
    """
    steps = _plans(standard)
    claimed = _run(steps, Context(standard, submission))
    if review is None:
        return claimed
    verified = _run(steps, Context(standard, verified_submission(submission, review)))
    return attach_verification(submission, review, claimed, verified)


def _run(steps: Sequence[Step], ctx: Context) -> Assessment:
    register, scopes = scope_phase(steps, ctx)
    return aggregate_phase(steps, ctx, Judged(register, scopes, claim_phase(steps, ctx, scopes)))


# The phases one run goes through, apart so that a benchmark can time each (bench/phases.py).


def scope_phase(steps: Sequence[Step], ctx: Context) -> tuple[Register, list[ModelScope]]:
    """The register through every register rule, and the scopes the scoping rule makes of it."""
    register = Register.of(ctx.submission)
    for step in by_phase(steps, "register"):
        register = step.rule.apply(register, ctx, step.params)
    (scoping,) = by_phase(steps, "scopes")
    scopes: list[ModelScope] = scoping.rule.apply(register, ctx, scoping.params)
    return register, scopes


def claim_phase(steps: Sequence[Step], ctx: Context, scopes: Sequence[ModelScope]) -> dict[str, list[ClaimState]]:
    """Each scope's judged claims, in standard order."""
    claims = _Claims(by_phase(steps, "claim"))
    responses = {r.requirement: r for r in ctx.submission.responses}
    flat = list(enumerate((d.id, req) for d in ctx.standard.domains for req in d.active()))
    return {s.name: [claims.judge(ctx, s, i, d, req, responses.get(req.id)) for i, (d, req) in flat] for s in scopes}


def aggregate_phase(steps: Sequence[Step], ctx: Context, judged: Judged) -> Assessment:
    """The result the aggregate rule makes of the judged claims."""
    (aggregate,) = by_phase(steps, "aggregate")
    result: Assessment = aggregate.rule.apply(judged, ctx, aggregate.params)
    return result


class _Claims:
    """The claim rules of one run. The leading rules that declare the scope fields they read (none of them its
    name) are run once per requirement for all scopes that cite the same artefacts and agree on those fields;
    the rest run for each scope."""

    def __init__(self, steps: Sequence[Step]) -> None:
        lead = next((i for i, s in enumerate(steps) if s.rule.reads is None or "name" in s.rule.reads), len(steps))
        self.shared, self.own = steps[:lead], steps[lead:]
        self.reads = frozenset().union(*(s.rule.reads or () for s in self.shared))
        self.done: dict[tuple[Any, ...], ClaimState] = {}

    def judge(
        self, ctx: Context, scope: ModelScope, index: int, domain: str, req: Requirement, response: Response | None
    ) -> ClaimState:
        """The requirement's claim for the scope, through every claim rule."""
        cited = scope.cited(response, domain)
        state = ClaimState(req=req, domain=domain, response=response, scope=scope, context=ctx, cited=cited)
        if not holds(req.applies_when, scope.surfaces):
            assert req.applies_when is not None
            why = Reason(code="out_of_scope", message=f"applies only where {describe(req.applies_when)}")
            return state.with_(applicable=False, supported="not_applicable", reasons=(why,), settled=True)
        if not self.shared:
            return _apply(state, self.own)
        key = (index, tuple(map(id, cited)), scope.key(self.reads, response))
        done = self.done.get(key)
        if done is None:
            done = self.done[key] = _apply(state, self.shared)
        elif done.scope is not scope:
            done = done.with_(scope=scope)
        return _apply(done, self.own)


def _apply(state: ClaimState, steps: Sequence[Step]) -> ClaimState:
    for step in steps:
        state = step.rule.apply(state, step.params)
    return state
