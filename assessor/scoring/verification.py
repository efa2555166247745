"""Verified status: a review's verdicts and evidence decisions, scored by exactly the rules claims are.

Each verdict stands in for the developer's claim, and rejected evidence is taken out of every citation;
the same pure `score` then gives the verified result. A reviewer therefore cannot verify a requirement
beyond what the accepted evidence supports, and an undisputed claim still loses what rejected evidence
carried.
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor.core.canonical import content_sha256
from assessor.intake.models import Response, Submission
from assessor.review.models import Review
from assessor.scoring.models import (
    Assessment,
    Difference,
    RequirementResult,
    ReviewedEvidence,
    ReviewFinding,
    Verification,
)


def verified_submission(submission: Submission, review: Review) -> Submission:
    """The submission as the reviewer verified it: verdicts as claims, rejected evidence uncited."""
    rejected = {d.evidence for d in review.evidence if d.decision == "rejected"}
    verdicts = {v.requirement: v for v in review.verdicts}
    responses = []
    for response in submission.responses:
        verdict = verdicts.pop(response.requirement, None)
        update: dict[str, object] = {"evidence": [e for e in response.evidence if e not in rejected]}
        if verdict is not None:
            update["status"] = verdict.verified
            update["justification"] = response.justification or verdict.rationale or None
        responses.append(response.model_copy(update=update))
    for verdict in verdicts.values():  # a verdict on a requirement the developer did not answer
        justification = verdict.rationale or None
        responses.append(
            Response(requirement=verdict.requirement, status=verdict.verified, justification=justification)
        )
    return submission.model_copy(update={"responses": responses})


def attach_verification(
    submission: Submission, review: Review, claimed: Assessment, verified: Assessment
) -> Assessment:
    """The self-assessment with the verified status beside each claim and the verification block."""
    by_id = {r.id: r for r in verified.requirements}
    requirements = [r.model_copy(update={"verified": by_id[r.id].supported}) for r in claimed.requirements]
    verification = Verification(
        review_sha256=content_sha256(review),
        reviewer=review.reviewer.name,
        reviewer_organisation=review.reviewer.organisation,
        reviewer_role=review.reviewer.role,
        independence=review.reviewer.independence,
        review_date=review.date,
        scope=review.scope,
        sign_off=review.sign_off.decision if review.sign_off else None,
        sign_off_statement=review.sign_off.statement if review.sign_off else None,
        sign_off_date=review.sign_off.date if review.sign_off else None,
        overall=verified.overall,
        domains=verified.domains,
        differences=_differences(submission, review, requirements, by_id),
        evidence=[ReviewedEvidence(id=d.evidence, decision=d.decision, note=d.note) for d in review.evidence],
        reviewer_findings=[
            ReviewFinding(title=f.title, detail=f.detail, severity=f.severity, requirement=f.requirement)
            for f in review.findings
        ],
        findings=verified.findings,
    )
    return claimed.model_copy(update={"requirements": requirements, "verification": verification})


def _differences(
    submission: Submission,
    review: Review,
    requirements: Sequence[RequirementResult],
    verified: dict[str, RequirementResult],
) -> list[Difference]:
    verdicts = {v.requirement: v for v in review.verdicts}
    rejected = {d.evidence for d in review.evidence if d.decision == "rejected"}
    cited = {r.requirement: r.evidence for r in submission.responses}
    out = []
    for result in requirements:
        verdict = verdicts.get(result.id)
        if result.verified == result.supported and (verdict is None or verdict.verified == result.claimed):
            continue
        rationale = verdict.rationale if verdict else ""
        dropped = [e for e in cited.get(result.id, []) if e in rejected]
        if dropped:
            rationale = (
                rationale + " " if rationale else ""
            ) + f"Evidence rejected by the reviewer: {', '.join(dropped)}."
        out.append(
            Difference(
                requirement=result.id,
                title=result.title,
                claimed=result.claimed,
                supported=result.supported,
                verified=result.verified or result.supported,
                verdict=verdict.verified if verdict else None,
                rationale=rationale,
                reasons=verified[result.id].reasons,
            )
        )
    return out
