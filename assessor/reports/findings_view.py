"""Findings as the report shows them: grouped by cause, each saying what is wrong in words, with its figure,
its evidence and its recommendation; never a bare restatement of the claimed and supported statuses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessor.reports.labels import label, prose
from assessor.scoring.models import Finding, RequirementResult

# For results that name no cause (DCRS 1.0.0): the cause read from the first reason's code.
_CAUSE_OF_REASON = {
    "missing_evidence": "missing",
    "no_evidence": "missing",
    "stale_evidence": "stale",
    "metric_failed": "failed_threshold",
    "metric_not_reported": "unreported_threshold",
    "missing_response": "no_response",
    "not_applicable_rejected": "not_applicable_rejected",
    "documents_only": "documents_only",
    "not_distinguished": "not_distinguished",
}


@dataclass(frozen=True)
class FindingView:
    """One finding in words: the statement, the measured figure, the evidence it is about, what to do."""

    rank: int
    requirement: str | None
    title: str
    severity: str
    critical: bool
    statement: str
    figure: str | None
    evidence: list[str]
    models: list[str]
    recommendation: str


@dataclass(frozen=True)
class FindingGroup:
    """The findings sharing one cause, in rank order; `compact` when they have nothing to show but their title
    (requirements left unanswered)."""

    key: str
    cause: str
    findings: list[FindingView]

    @property
    def compact(self) -> bool:
        """Unanswered requirements are listed one line each: there is no figure, evidence or claim to show."""
        return self.key == "no_response"


def finding_groups(
    findings: Sequence[Finding], results: Sequence[RequirementResult], names: Mapping[str, str]
) -> list[FindingGroup]:
    """Findings grouped by cause; groups in the order of their best-ranked finding."""
    by_id = {r.id: r for r in results}
    groups: dict[str, list[FindingView]] = {}
    for f in sorted(findings, key=lambda f: f.rank):
        result = by_id.get(f.requirement or "")
        groups.setdefault(_cause(f, result), []).append(_view(f, result, names))
    return [FindingGroup(cause, label(cause), views) for cause, views in groups.items()]


def _cause(f: Finding, result: RequirementResult | None) -> str:
    if f.cause is not None:
        return f.cause
    if f.kind != "gap" or result is None:
        return f.kind
    codes = [_CAUSE_OF_REASON.get(r.code) for r in result.reasons]
    return next((c for c in codes if c), "claimed_gap")


def _view(f: Finding, result: RequirementResult | None, names: Mapping[str, str]) -> FindingView:
    evidence = f.evidence if f.evidence is not None else (result.evidence if result else [])
    return FindingView(
        rank=f.rank,
        requirement=f.requirement,
        title=f.title,
        severity=label(f.severity) if f.severity else ("Critical" if f.critical else ""),
        critical=f.critical,
        statement=prose(_statement(f, result), names),
        figure=prose(f.figure, names) if f.figure else None,
        evidence=list(evidence),
        models=list(f.models or []),
        recommendation=f.recommendation,
    )


def _statement(f: Finding, result: RequirementResult | None) -> str:
    """The detail without its claimed/supported preamble, led by a sentence saying what the statuses mean."""
    if result is None:
        return f.detail
    claimed = result.claimed or "no response"
    rest = f.detail.removeprefix(f"Claimed {claimed}; supported {result.supported}.").strip()
    if claimed == result.supported:
        earned = (result.credit or 0.0) * 100
        lead = f"The developer reports this requirement as {label(claimed).lower()}"
        lead += f": it earns {earned:.0f} % of its credit."
    elif result.claimed is None:
        lead = "The submission does not answer this requirement, so it counts as not implemented."
        rest = "" if rest.lower().startswith("no response") else rest
    else:
        lead = f"Claimed {label(claimed).lower()}; the evidence supports only {label(result.supported).lower()}."
    return f"{lead} {rest}".strip()
