"""Findings: one per scope caveat that holds and one per gap, ranked for the reader."""

from __future__ import annotations

from collections.abc import Sequence

from assessor.dcrs.models import Requirement
from assessor.scoring.models import Caveat, Finding, RequirementResult


def rank_findings(
    results: Sequence[RequirementResult],
    requirements: dict[str, Requirement],
    caveats: Sequence[Caveat],
    critical_gaps: set[str],
) -> list[Finding]:
    """Caveats first, then critical gaps, then by weight x credit lost (largest first), then by id."""
    gaps = [r for r in results if r.applicable and r.credit is not None and r.credit < 1]
    gaps.sort(key=lambda r: (r.id not in critical_gaps, -_credit_lost(r), r.id))
    ranked = [_caveat_finding(rank, c) for rank, c in enumerate(caveats, start=1)]
    start = len(ranked) + 1
    ranked += [_gap_finding(rank, r, requirements[r.id], critical_gaps) for rank, r in enumerate(gaps, start=start)]
    return ranked


def _credit_lost(result: RequirementResult) -> float:
    return round(result.weight * (1 - (result.credit or 0.0)), 4)


def _caveat_finding(rank: int, caveat: Caveat) -> Finding:
    return Finding(
        rank=rank,
        kind="scope_caveat",
        requirement=None,
        domain=None,
        critical=True,
        title=caveat.title,
        detail=caveat.statement,
        recommendation=caveat.recommendation,
        credit_lost=0.0,
    )


def _gap_finding(rank: int, result: RequirementResult, req: Requirement, critical_gaps: set[str]) -> Finding:
    claimed = result.claimed or "no response"
    detail = f"Claimed {claimed}; supported {result.supported}."
    if result.reasons:
        detail += " " + " ".join(f"{r.message[0].upper()}{r.message[1:]}." for r in result.reasons)
    return Finding(
        rank=rank,
        kind="gap",
        requirement=result.id,
        domain=result.domain,
        critical=result.id in critical_gaps,
        title=req.title,
        detail=detail,
        recommendation=req.guidance,
        credit_lost=_credit_lost(result),
    )
