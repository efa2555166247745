"""Aggregation every version shares: results from claims, weighted scores, cumulative levels, the critical cap,
per-model results, evidence-basis shares, provenance and subject."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from assessor.core.version import __version__
from assessor.dcrs.base import SURFACES, ResponseStatus, status_rank
from assessor.dcrs.fingerprint import standard_sha256
from assessor.dcrs.models import Domain, Standard
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.models import Submission
from assessor.scoring.models import (
    BasisShare,
    Caveat,
    DomainResult,
    ModelDomain,
    ModelResult,
    Overall,
    Provenance,
    RequirementResult,
    Subject,
)
from assessor.scoring.state import ClaimState, Judged, ModelScope


def to_result(state: ClaimState, models: dict[str, ResponseStatus] | None = None) -> RequirementResult:
    """A judged claim as a requirement result; not applicable leaves the denominator."""
    req, response = state.req, state.response
    supported = state.supported
    assert supported is not None, f"{req.id} was never judged"
    credits = state.context.scoring.credits
    # Every value comes from the validated standard and submission, or is one of their statuses.
    return RequirementResult.trusted(
        id=req.id,
        domain=state.domain,
        title=req.title,
        level=req.level,
        critical=req.critical,
        weight=req.weight,
        applicable=state.applicable,
        claimed=response.status if response else None,
        supported=supported,
        credit=None if supported == "not_applicable" else credits[supported],
        evidence=list(response.evidence) if response else [],
        reasons=list(state.reasons),
        basis=state.basis if supported != "not_applicable" else None,
        models=models,
    )


def results_by_scope(judged: Judged) -> dict[str, list[RequirementResult]]:
    """Each scope's results in standard order; a claim judged alike for several scopes (the same judgement
    carried over) is made into a result once and shared (results are immutable)."""
    made: dict[tuple[object, ...], RequirementResult] = {}
    found = {}
    for scope in judged.scopes:
        row = []
        for x in judged.states[scope.name]:
            key = (id(x.req), x.applicable, x.supported, x.basis, id(x.reasons), id(x.response))
            if key not in made:
                made[key] = to_result(x)
            row.append(made[key])
        found[scope.name] = row
    return found


def weighted_score(results: Sequence[RequirementResult]) -> float | None:
    """100 x weighted mean credit of the scored results, or None when none is scored."""
    scored = [r for r in results if r.credit is not None]
    total = sum(r.weight for r in scored)
    if not total:
        return None
    return round(100 * sum(r.weight * (r.credit or 0.0) for r in scored) / total, 2)


def readiness_level(results: Sequence[RequirementResult], top: int, qualifying: Sequence[str]) -> int:
    """The largest n <= top such that every scored result of level <= n has a qualifying status."""
    level = 0
    for n in range(1, top + 1):
        if any(r.credit is not None and r.level <= n and r.supported not in qualifying for r in results):
            break
        level = n
    return level


def domain_result(standard: Standard, domain: Domain, results: Sequence[RequirementResult]) -> DomainResult:
    """A domain's score, level and counts over its results."""
    rules = standard.manifest.scoring
    level = readiness_level(results, top_level(standard), rules.level_rule.qualifying)
    return DomainResult.trusted(  # every value is the standard's or counted from validated results
        id=domain.id,
        title=domain.title,
        score=weighted_score(results),
        level=level,
        level_name=level_name(standard, level),
        applicable=sum(r.credit is not None for r in results),
        supported_counts=dict(sorted(Counter(r.supported for r in results if r.applicable).items())),
    )


def domain_results(standard: Standard, results: Sequence[RequirementResult]) -> list[DomainResult]:
    """Every domain's result, in manifest order."""
    by_domain: dict[str, list[RequirementResult]] = {}
    for r in results:
        by_domain.setdefault(r.domain, []).append(r)
    return [domain_result(standard, d, by_domain.get(d.id, [])) for d in standard.domains]


def critical_gaps(standard: Standard, results: Sequence[RequirementResult]) -> set[str]:
    """Scored critical requirements supported below the critical cap's status."""
    below = standard.manifest.scoring.critical_cap.below
    return {
        r.id
        for r in results
        if r.critical and r.credit is not None and status_rank(r.supported) < status_rank(below)  # type: ignore[arg-type]
    }


def overall(standard: Standard, results: Sequence[RequirementResult], domains: Sequence[DomainResult]) -> Overall:
    """The weakest domain's level, capped by any critical gap; the weighted score over every result."""
    gaps = critical_gaps(standard, results)
    weakest = min(d.level for d in domains)
    level = weakest
    if gaps:
        level = min(level, standard.manifest.scoring.critical_cap.overall_level)
    return Overall.trusted(
        score=weighted_score(results),
        level=level,
        level_name=level_name(standard, level),
        weakest_domain_level=weakest,
        critical_cap_applied=bool(gaps),
        critical_gaps=sorted(gaps),
    )


def top_level(standard: Standard) -> int:
    """The highest level the standard defines."""
    return max(lv.level for lv in standard.manifest.levels)


def level_name(standard: Standard, level: int) -> str:
    """A level's name."""
    return next(lv.name for lv in standard.manifest.levels if lv.level == level)


def provenance(standard: Standard, submission: Submission) -> Provenance:
    """What produced the result: the standard's and submission's content hashes and the tool."""
    return Provenance(
        standard_id=standard.manifest.id,
        standard_version=standard.manifest.version,
        standard_sha256=standard_sha256(standard),
        submission_sha256=submission_sha256(submission),
        tool="dcr-assessor",
        tool_version=__version__,
    )


def subject(submission: Submission) -> Subject:
    """Who and what was assessed."""
    info = submission.assessment
    return Subject(
        organisation=submission.organisation.name,
        assessment_type=info.type,
        assessment_date=info.date,
        assessor=info.assessor.name,
        models=[m.name for m in submission.profile.models],
        surfaces=sorted(submission.profile.surfaces()),
    )


def basis_share(results: Sequence[RequirementResult]) -> BasisShare | None:
    """Percent of the earned (weighted) credit resting on operational evidence, documents only, and nothing."""
    earned: dict[str, float] = {"operational": 0.0, "documents_only": 0.0, "no_evidence": 0.0}
    for r in results:
        if r.credit:
            earned[r.basis or "no_evidence"] += r.weight * r.credit
    total = sum(earned.values())
    if not total:
        return None
    return BasisShare.trusted(
        operational=round(100 * earned["operational"] / total, 1),
        documents_only=round(100 * earned["documents_only"] / total, 1),
        no_evidence=round(100 * earned["no_evidence"] / total, 1),
    )


def with_basis(domain: DomainResult, results: Sequence[RequirementResult]) -> DomainResult:
    """A domain result with the basis share of its own results."""
    return domain.model_copy(update={"basis": basis_share([r for r in results if r.domain == domain.id])})


def model_result(
    standard: Standard,
    scope: ModelScope,
    results: Sequence[RequirementResult],
    domains: Sequence[DomainResult] | None = None,
) -> ModelResult:
    """One scope's level, score, domains, critical gaps and what its caveats capped (`domains`: its domain
    results, where the caller has them already)."""
    domains = domain_results(standard, results) if domains is None else domains
    top = overall(standard, results, domains)
    return ModelResult.trusted(
        name=scope.name,
        surfaces=[s for s in SURFACES if s in scope.surfaces],
        score=top.score,
        level=top.level,
        level_name=top.level_name,
        critical_gaps=top.critical_gaps,
        caveats=[c.id for c in scope.caveats],
        capped=[r.id for r in results if any(x.code == "scope_caveat" for x in r.reasons)],
        domains=[ModelDomain.trusted(id=d.id, score=d.score, level=d.level) for d in domains],
    )


def caveats_by_scope(standard: Standard, scopes: Sequence[ModelScope]) -> list[tuple[Caveat, list[str]]]:
    """Each caveat holding for some scope, with the scopes it holds for."""
    found = []
    for c in standard.manifest.scope_caveats:
        names = [s.name for s in scopes if c in s.caveats]
        if names:
            statement = f"{c.statement} Holds for: {', '.join(names)}."
            caveat = Caveat(
                id=c.id, title=c.title, statement=statement, recommendation=c.recommendation, domains=c.domains
            )
            found.append((caveat, names))
    return found
