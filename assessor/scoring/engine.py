"""Scoring: a pure function from (standard, submission) to an Assessment. No I/O, no clock.

The formula (every number and rule comes from the standard's manifest, `scoring` and `scope_caveats`):

  For each requirement r that is not withdrawn:
    applicable(r)  = r.applies_when holds for the surfaces of the in-scope models (no condition: always)
    supported(r)   = not_applicable                          if not applicable(r)
                   = scoring.missing_response                if there is no response
                   = per scoring.not_applicable              for a not_applicable claim
                   = min(claimed, caps[reason] ...)          for claims in scoring.evidence_required_for,
                     one reason per expected evidence type missing or older than its max_age_days at the
                     assessment date, and per metric threshold unreported or missed by the most recent value
                   = claimed                                 otherwise
                   then min(supported, caveat.cap) for each scope caveat that holds and covers r's domain
    credit(r)      = scoring.credits[supported(r)]; a not_applicable result leaves the denominator
  domain score     = 100 * sum(weight * credit) / sum(weight) over the domain's scored requirements
  overall score    = the same sum over every scored requirement
  domain level     = the largest n (up to the top defined level) such that every scored requirement of
                     level <= n is supported at a status in scoring.level_rule.qualifying
  overall level    = the lowest domain level, then min(that, critical_cap.overall_level) if any scored
                     critical requirement is supported below critical_cap.below
  findings         = each scope caveat that holds, then each scored requirement with credit < 1,
                     ranked: caveats, critical gaps, weight * (1 - credit) descending, id
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from assessor.core.version import __version__
from assessor.dcrs.base import status_rank
from assessor.dcrs.conditions import holds
from assessor.dcrs.fingerprint import standard_sha256
from assessor.dcrs.models import Domain, Standard
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.models import Submission
from assessor.review.models import Review
from assessor.scoring.findings import rank_findings
from assessor.scoring.models import (
    Assessment,
    Caveat,
    DomainResult,
    Overall,
    Provenance,
    RequirementResult,
    Subject,
)
from assessor.scoring.support import SupportContext, judge


def score(standard: Standard, submission: Submission, review: Review | None = None) -> Assessment:
    """Score a submission against a standard, and its review if one is given; same inputs, equal results.

    With a review, the verified result (verdicts as claims, rejected evidence uncited, same rules) is
    attached beside the self-assessed one; see assessor.verification.
    """
    claimed = _score(standard, submission)
    if review is None:
        return claimed
    from assessor.scoring.verification import attach_verification, verified_submission

    verified = _score(standard, verified_submission(submission, review))
    return attach_verification(submission, review, claimed, verified)


def _score(standard: Standard, submission: Submission) -> Assessment:
    manifest = standard.manifest
    if manifest.scoring.evidence_rules() is not None:  # DCRS 1.1.0 onward: evidence-led, per model
        from assessor.scoring.evidence_engine import score_by_evidence

        return score_by_evidence(standard, submission)
    surfaces = submission.profile.surfaces()
    caveats = [c for c in manifest.scope_caveats if holds(c.when, surfaces)]
    ctx = SupportContext(
        rules=manifest.scoring,
        evidence={e.id: e for e in submission.evidence},
        on=submission.assessment.date,
        surfaces=surfaces,
        caveats=caveats,
    )
    results = _requirement_results(standard, submission, ctx)
    domains = [_domain_result(standard, d, [r for r in results if r.domain == d.id]) for d in standard.domains]
    critical_gaps = _critical_gaps(standard, results)
    caveat_models = [
        Caveat(id=c.id, title=c.title, statement=c.statement, recommendation=c.recommendation, domains=c.domains)
        for c in caveats
    ]
    answered = {r.requirement for r in submission.responses}
    return Assessment(
        provenance=_provenance(standard, submission),
        subject=_subject(submission),
        overall=_overall(standard, results, domains, critical_gaps),
        caveats=caveat_models,
        domains=domains,
        requirements=results,
        findings=rank_findings(results, {r.id: r for r in standard.requirements()}, caveat_models, critical_gaps),
        missing_responses=[r.id for r in results if r.applicable and r.id not in answered],
    )


def _requirement_results(standard: Standard, submission: Submission, ctx: SupportContext) -> list[RequirementResult]:
    responses = {r.requirement: r for r in submission.responses}
    results = []
    for domain in standard.domains:
        for req in domain.active():
            response = responses.get(req.id)
            judgement = judge(req, domain.id, response, ctx)
            credit = None if judgement.supported == "not_applicable" else ctx.rules.credits[judgement.supported]
            results.append(
                RequirementResult(
                    id=req.id,
                    domain=domain.id,
                    title=req.title,
                    level=req.level,
                    critical=req.critical,
                    weight=req.weight,
                    applicable=judgement.applicable,
                    claimed=response.status if response else None,
                    supported=judgement.supported,
                    credit=credit,
                    evidence=list(response.evidence) if response else [],
                    reasons=list(judgement.reasons),
                )
            )
    return results


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


def _domain_result(standard: Standard, domain: Domain, results: Sequence[RequirementResult]) -> DomainResult:
    rules = standard.manifest.scoring
    level = readiness_level(results, _top_level(standard), rules.level_rule.qualifying)
    return DomainResult(
        id=domain.id,
        title=domain.title,
        score=weighted_score(results),
        level=level,
        level_name=_level_name(standard, level),
        applicable=sum(r.credit is not None for r in results),
        supported_counts=dict(sorted(Counter(r.supported for r in results if r.applicable).items())),
    )


def _critical_gaps(standard: Standard, results: Sequence[RequirementResult]) -> set[str]:
    below = standard.manifest.scoring.critical_cap.below
    return {
        r.id
        for r in results
        if r.critical and r.credit is not None and status_rank(r.supported) < status_rank(below)  # type: ignore[arg-type]
    }


def _overall(
    standard: Standard,
    results: Sequence[RequirementResult],
    domains: Sequence[DomainResult],
    critical_gaps: set[str],
) -> Overall:
    weakest = min(d.level for d in domains)
    level = weakest
    if critical_gaps:
        level = min(level, standard.manifest.scoring.critical_cap.overall_level)
    return Overall(
        score=weighted_score(results),
        level=level,
        level_name=_level_name(standard, level),
        weakest_domain_level=weakest,
        critical_cap_applied=bool(critical_gaps),
        critical_gaps=sorted(critical_gaps),
    )


def _top_level(standard: Standard) -> int:
    return max(lv.level for lv in standard.manifest.levels)


def _level_name(standard: Standard, level: int) -> str:
    return next(lv.name for lv in standard.manifest.levels if lv.level == level)


def _provenance(standard: Standard, submission: Submission) -> Provenance:
    return Provenance(
        standard_id=standard.manifest.id,
        standard_version=standard.manifest.version,
        standard_sha256=standard_sha256(standard),
        submission_sha256=submission_sha256(submission),
        tool="dcr-assessor",
        tool_version=__version__,
    )


def _subject(submission: Submission) -> Subject:
    info = submission.assessment
    return Subject(
        organisation=submission.organisation.name,
        assessment_type=info.type,
        assessment_date=info.date,
        assessor=info.assessor.name,
        models=[m.name for m in submission.profile.models],
        surfaces=sorted(submission.profile.surfaces()),
    )
