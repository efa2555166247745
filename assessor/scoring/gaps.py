"""DCRS 1.1.0 findings: one per real gap, each with its cause, severity and the figure behind it.

A requirement supported as claimed (or above) gets no finding; every missed threshold gets one whatever the
claim; `critical` says whether the requirement is critical, `severity` how much the gap matters:
critical = a critical requirement below the critical cap's status; high = keeps the headline from its next
level; medium = below a qualifying status; low = the rest (e.g. fully claimed, largely supported).
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor.core.memo import PerObject
from assessor.dcrs.base import status_rank
from assessor.dcrs.models import Standard
from assessor.scoring.models import Cause, Caveat, Finding, Inconsistency, Reason, RequirementResult, Severity

SEVERITY_ORDER: tuple[Severity, ...] = ("critical", "high", "medium", "low")
# Inconsistencies that can hide or fake readiness, so a reviewer reads them first.
HIGH = frozenset(
    {
        "undeclared_surface",
        "not_applicable_contradicted",
        "duplicate_artefact",
        "management_representation",
        "assessor_not_independent",
    }
)
# Reason codes in the order a cause is named for a gap (the first present wins).
CAUSES: tuple[tuple[str, Cause], ...] = (
    ("scope_caveat", "scope_caveat"),
    ("missing_response", "no_response"),
    ("not_applicable_rejected", "not_applicable_rejected"),
    ("no_evidence", "missing"),
    ("missing_evidence", "missing"),
    ("stale_evidence", "stale"),
    ("metric_failed", "failed_threshold"),
    ("metric_not_reported", "unreported_threshold"),
    ("insufficient_reading", "insufficient"),
    ("near_miss", "near_miss"),
    ("documents_only", "documents_only"),
    ("stale_within_grace", "stale"),
    ("not_distinguished", "not_distinguished"),
)


def rank_gaps(
    standard: Standard,
    results: Sequence[RequirementResult],
    caveats: Sequence[tuple[Caveat, list[str]]],
    inconsistencies: Sequence[Inconsistency],
    headline_level: int,
) -> list[Finding]:
    """Every finding, ranked by severity, then credit lost, then requirement id."""
    return ranked(gaps(standard, results, caveats, inconsistencies, headline_level))


def ranked(found: list[Finding]) -> list[Finding]:
    """Findings in reading order (severity, then credit lost, then requirement id), numbered from 1."""
    found.sort(key=lambda f: (SEVERITY_ORDER.index(f.severity or "low"), -f.credit_lost, f.requirement or "", f.title))
    return [f.model_copy(update={"rank": i}) for i, f in enumerate(found, start=1)]


def gaps(
    standard: Standard,
    results: Sequence[RequirementResult],
    caveats: Sequence[tuple[Caveat, list[str]]],
    inconsistencies: Sequence[Inconsistency],
    headline_level: int,
    made: dict[int, list[Finding]] | None = None,
) -> list[Finding]:
    """Every finding, not yet ranked (rank 0), in the order `ranked` keeps among equals. `made`: the findings of
    results already seen at this headline level, by result object, to share between models' result lists."""
    made = {} if made is None else made
    found = [_caveat(c, names) for c, names in caveats]
    for r in results:
        if not r.applicable or r.credit is None:
            continue
        if id(r) not in made:
            made[id(r)] = _result_gaps(standard, r, headline_level)
        found += made[id(r)]
    found = _one_for_overclaims(found)
    found += [_inconsistency(i) for i in inconsistencies]
    return found


def _result_gaps(standard: Standard, r: RequirementResult, headline_level: int) -> list[Finding]:
    """One scored result's findings: one per missed threshold and one for its primary cause."""
    rules, guidance = standard.manifest.scoring, _guidance(standard)[r.id]
    severity = _severity(r, rules.critical_cap.below, rules.level_rule.qualifying, headline_level)
    found = [_finding(r, guidance, severity, "failed_threshold", x) for x in _failed(r)]
    found += [_finding(r, guidance, severity, "near_miss", x) for x in _near(r)]
    cause = primary_cause(r, rules.level_rule.qualifying)
    if cause is not None and cause not in ("failed_threshold", "near_miss"):
        found.append(_finding(r, guidance, severity, cause, _reason_for(r, cause)))
    return found


_guidance: PerObject[Standard, dict[str, str]] = PerObject(lambda s: {r.id: r.guidance for r in s.requirements()})


def primary_cause(r: RequirementResult, qualifying: Sequence[str]) -> Cause | None:
    """Why a result falls short of its claim or of a qualifying status; None when supported as claimed."""
    below_claim = r.claimed in (None, "not_applicable") or status_rank(r.supported) < status_rank(r.claimed)  # type: ignore[arg-type]
    if not below_claim:
        return None if r.supported in qualifying else "claimed_gap"
    codes = {x.code for x in r.reasons}
    return next((c for code, c in CAUSES if code in codes), "claimed_gap")


def _failed(r: RequirementResult) -> list[Reason]:
    return [x for x in r.reasons if x.code == "metric_failed"]


def _near(r: RequirementResult) -> list[Reason]:
    return [x for x in r.reasons if x.code == "near_miss"]


def _reason_for(r: RequirementResult, cause: Cause) -> Reason | None:
    codes = [code for code, c in CAUSES if c == cause or cause == "claimed_gap"]
    return next((x for x in r.reasons if x.code in codes), None)


def _severity(r: RequirementResult, below: str, qualifying: Sequence[str], headline: int) -> Severity:
    rank = status_rank(r.supported)  # type: ignore[arg-type]
    if r.critical and rank < status_rank(below):  # type: ignore[arg-type]
        return "critical"
    if r.supported not in qualifying:
        return "high" if r.level <= headline + 1 else "medium"
    return "low"


def _finding(r: RequirementResult, guidance: str, severity: Severity, cause: Cause, reason: Reason | None) -> Finding:
    claimed = r.claimed or "no response"
    detail = f"Claimed {claimed}; supported {r.supported}."
    if reason is not None:
        detail += f" {reason.message[0].upper()}{reason.message[1:]}."
    weak = sorted(m for m, s in (r.models or {}).items() if s == r.supported)
    return Finding.trusted(  # every value is a result's, a reason's or the standard's, all validated
        rank=0,
        kind="gap",
        requirement=r.id,
        domain=r.domain,
        critical=r.critical,
        title=r.title,
        detail=detail,
        recommendation=guidance,
        credit_lost=round(r.weight * (1 - (r.credit or 0.0)), 4),
        cause=cause,
        severity=severity,
        figure=reason.figure if reason else None,
        evidence=(reason.evidence or None) if reason else None,
        models=weak or None,
    )


def _caveat(caveat: Caveat, models: list[str]) -> Finding:
    return Finding.trusted(  # a validated caveat's values
        rank=0,
        kind="scope_caveat",
        requirement=None,
        domain=None,
        critical=False,
        title=caveat.title,
        detail=caveat.statement,
        recommendation=caveat.recommendation,
        credit_lost=0.0,
        cause="scope_caveat",
        severity="high",
        models=models,
    )


def _inconsistency(i: Inconsistency) -> Finding:
    return Finding.trusted(  # a validated inconsistency's values
        rank=0,
        kind="inconsistency",
        requirement=i.requirement,
        domain=None,
        critical=False,
        title=i.code.replace("_", " ").capitalize(),
        detail=i.message,
        recommendation="Correct the register or the deployment profile so that they agree; a reviewer should check.",
        credit_lost=0.0,
        cause="inconsistency",
        severity="high" if i.code in HIGH else "medium",
        evidence=i.evidence or None,
        figure=i.figure,
        models=i.models,
    )


def _one_for_overclaims(found: list[Finding]) -> list[Finding]:
    """Fully claims that the evidence supports as largely are one pattern, so one low finding, not one each."""
    over = [f for f in found if f.cause == "not_distinguished"]
    if len(over) < 2:
        return found
    ids = ", ".join(f.requirement or "" for f in over)
    merged = over[0].model_copy(
        update={
            "requirement": None,
            "domain": None,
            "critical": False,
            "title": "Fully claimed where the evidence supports largely",
            "detail": f"{len(over)} requirements claimed fully rest on evidence that supports largely: {ids}.",
            "recommendation": "Claim largely, or cite what distinguishes fully: every threshold met by a live "
            "reading at full scope, or a fresh independent attestation.",
            "credit_lost": round(sum(f.credit_lost for f in over), 4),
            "figure": f"{len(over)} requirements",
        }
    )
    return [f for f in found if f.cause != "not_distinguished"] + [merged]
