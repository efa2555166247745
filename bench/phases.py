"""The scoring engine's phases timed apart: what a version's register rules, claim rules and aggregate each cost.

Row 9 compares scoring under 1.2.0 with scoring under 1.0.0. Timing the phases shows how far the rule list itself
sets that ratio: the register rules and the aggregate run once per submission whatever the claims cost.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from assessor.dcrs.models import Standard
from assessor.intake.models import Submission
from assessor.scoring.engine import aggregate_phase, claim_phase, plan, scope_phase
from assessor.scoring.models import Assessment
from assessor.scoring.state import Context, Judged


@dataclass(frozen=True)
class PhaseTimes:
    """CPU seconds of one scoring run, by phase, and the result it gave."""

    register: float  # the register rules and the scoping rule
    claims: float  # every claim rule, for every scope and requirement
    aggregate: float
    result: Assessment


def timed_phases(standard: Standard, submission: Submission) -> PhaseTimes:
    """Score `submission` through the engine's phases as `score` does without a review, timing each (thread CPU
    time)."""
    steps, ctx = plan(standard), Context(standard, submission)
    start = time.thread_time()
    register, scopes = scope_phase(steps, ctx)
    scoped = time.thread_time()
    states = claim_phase(steps, ctx, scopes)
    judged = time.thread_time()
    result = aggregate_phase(steps, ctx, Judged(register, scopes, states))
    done = time.thread_time()
    return PhaseTimes(scoped - start, judged - scoped, done - judged, result)


def phase_medians(standard: Standard, submission: Submission, runs: int) -> tuple[float, float, float]:
    """Median CPU seconds of the register, claim and aggregate phases over `runs` runs."""
    times = [timed_phases(standard, submission) for _ in range(runs)]
    return (
        statistics.median(t.register for t in times),
        statistics.median(t.claims for t in times),
        statistics.median(t.aggregate for t in times),
    )
