"""DCRS 1.0.0's evidence caps: from a claim to a supported status by the expected evidence and thresholds."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import cast

from assessor.dcrs.base import ResponseStatus, ScoredStatus, lower_status
from assessor.dcrs.models import CapReason, Requirement
from assessor.intake.models import EvidenceItem, Response
from assessor.scoring.models import Reason

_COMPARE: Mapping[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
}


def claim_support(
    req: Requirement,
    response: Response,
    cited: Sequence[EvidenceItem],
    on: date,
    required_for: Sequence[ScoredStatus],
    caps: Mapping[CapReason, ScoredStatus],
) -> tuple[ResponseStatus, tuple[Reason, ...]]:
    """A claim capped by each evidence and threshold shortfall (claims outside `required_for` stand)."""
    claimed = response.status
    assert claimed != "not_applicable"
    if claimed not in required_for:
        return claimed, ()
    reasons = evidence_shortfalls(req, cited, on) + metric_shortfalls(req, cited)
    supported: ScoredStatus = claimed
    for reason in reasons:
        supported = lower_status(supported, caps[cast(CapReason, reason.code)])
    return supported, tuple(reasons)


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
