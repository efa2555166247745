"""Verified status: a signed-off review's verdicts and accepted evidence, scored by exactly the rules claims are.

Each verdict stands in for the developer's claim, and only evidence the reviewer accepted stays cited (rejected
and unexamined evidence supports nothing); the same pure `score` then gives the verified result. A reviewer
therefore cannot verify a requirement beyond what the examined evidence supports. A requirement without a
verdict is not verified: it earns no verified credit and its `verified` status stays null.

Only an approved sign-off verifies. Before sign-off, and after a sign-off that requests changes or rejects the
submission, no verified result is given at all: `statement` says so ("Review: changes requested — not
verified") and reports carry the self-assessed figures as the developer's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assessor.core.canonical import content_sha256
from assessor.intake.models import Response, Submission
from assessor.review.models import Review
from assessor.review.progress import ReviewProgress, examined_requirements, review_progress
from assessor.scoring.models import (
    Assessment,
    Difference,
    Finding,
    RequirementResult,
    ReviewedEvidence,
    ReviewFinding,
    Verification,
)

NOT_EXAMINED = "Not examined by the reviewer: not verified, so it earns no verified credit."


def verified_submission(submission: Submission, review: Review) -> Submission:
    """The submission as the reviewer verified it: verdicts as claims, only accepted evidence cited, and no
    response where the reviewer gave no verdict."""
    accepted = {d.evidence for d in review.evidence if d.decision == "accepted"}
    verdicts = {v.requirement: v for v in review.verdicts if v.verified is not None}
    responses = []
    for response in submission.responses:
        verdict = verdicts.pop(response.requirement, None)
        if verdict is None:
            continue
        responses.append(
            response.model_copy(
                update={
                    "status": verdict.verified,
                    "evidence": [e for e in response.evidence if e in accepted],
                    "justification": response.justification or verdict.rationale or None,
                }
            )
        )
    for verdict in verdicts.values():  # a verdict on a requirement the developer did not answer
        assert verdict.verified is not None
        justification = verdict.rationale or None
        responses.append(
            Response(requirement=verdict.requirement, status=verdict.verified, justification=justification)
        )
    return submission.model_copy(update={"responses": responses})


def attach_verification(
    submission: Submission, review: Review, claimed: Assessment, verified: Assessment | None
) -> Assessment:
    """The self-assessment with the review beside it; the verified statuses and result only once the review is
    signed off as approved (otherwise `verified` is ignored)."""
    progress = review_progress(review, submission)
    verification = _verification(review, progress)
    if verified is None or progress.decision != "approved":
        return claimed.model_copy(update={"verification": verification})
    examined = examined_requirements(review)
    by_id = {r.id: r for r in verified.requirements}
    requirements = [
        r.model_copy(update={"verified": by_id[r.id].supported if r.id in examined else None})
        for r in claimed.requirements
    ]
    findings = _verified_findings(verified.findings, submission, review, by_id)
    verification = verification.model_copy(
        update={
            "overall": verified.overall,
            "domains": verified.domains,
            "differences": _differences(submission, review, requirements, by_id),
            "findings": _mark_unexamined(findings, examined),
        }
    )
    return claimed.model_copy(update={"requirements": requirements, "verification": verification})


def statement(review: Review, progress: ReviewProgress) -> str:
    """The line every surface headlines: only an approval says "verified"."""
    sign_off, who = review.sign_off, f"{review.reviewer.name} ({review.reviewer.organisation})"
    if sign_off is None:
        return f"Not verified — {progress.sentence()}"
    if sign_off.decision == "approved":
        return f"Verified: review approved by {who} on {sign_off.date.isoformat()}"
    decision = sign_off.decision.replace("_", " ")
    return f"Review: {decision} — not verified ({who}, {sign_off.date.isoformat()})"


def examined_basis(review: Review, progress: ReviewProgress) -> str | None:
    """What an approval rests on, in words; None for anything but an approval."""
    sign_off = review.sign_off
    if sign_off is None or sign_off.decision != "approved":
        return None
    counts = (
        f"{progress.requirements_examined} of {progress.requirements_total} answered requirements and "
        f"{progress.evidence_examined} of {progress.evidence_total} evidence items examined"
    )
    if sign_off.examined == "sample":
        return f"a declared sample ({counts}); basis: {sign_off.sample_basis or 'not stated'}"
    return f"everything ({counts})" if sign_off.examined == "all" else counts


def _verification(review: Review, progress: ReviewProgress) -> Verification:
    return Verification(
        review_sha256=content_sha256(review),
        progress=progress,
        headline=progress.sentence(),
        reviewer=review.reviewer.name,
        reviewer_organisation=review.reviewer.organisation,
        reviewer_role=review.reviewer.role,
        independence=review.reviewer.independence,
        review_date=review.date,
        scope=review.scope,
        sign_off=review.sign_off.decision if review.sign_off else None,
        sign_off_statement=review.sign_off.statement if review.sign_off else None,
        sign_off_date=review.sign_off.date if review.sign_off else None,
        overall=None,
        domains=[],
        differences=[],
        evidence=[ReviewedEvidence(id=d.evidence, decision=d.decision, note=d.note) for d in review.evidence],
        reviewer_findings=[
            ReviewFinding(title=f.title, detail=f.detail, severity=f.severity, requirement=f.requirement)
            for f in review.findings
        ],
        findings=[],
        statement=statement(review, progress),
        examined=examined_basis(review, progress),
    )


def _verified_findings(
    findings: list[Finding], submission: Submission, review: Review, verified: dict[str, RequirementResult]
) -> list[Finding]:
    """The verified gaps, worded as what they are: the developer's claim, the reviewer's verdict and the verified
    status (the verified scoring sees the verdict as the claim), and each cited item the reviewer rejected."""
    claims = {r.requirement: r for r in submission.responses}
    rejected = {d.evidence: d.note for d in review.evidence if d.decision == "rejected"}
    out = []
    for f in findings:
        result = verified.get(f.requirement or "")
        if f.kind != "gap" or result is None:
            out.append(f)
            continue
        response = claims.get(result.id)
        verdict = result.claimed or "no verdict"
        said = f"Claimed {result.claimed or 'no response'}; supported {result.supported}."
        rest = f.detail[len(said) :] if f.detail.startswith(said) else f" {f.detail}"
        head = f"Claimed {response.status if response else 'no response'} by the developer; reviewer's verdict "
        head += f"{verdict}; verified {result.supported}."
        cited = response.evidence if response else []
        notes = [f" {e} rejected by the reviewer: {rejected[e].rstrip('.')}." for e in cited if e in rejected]
        out.append(f.model_copy(update={"detail": head + rest + "".join(notes)}))
    return out


def _mark_unexamined(findings: list[Finding], examined: set[str]) -> list[Finding]:
    """A gap the verified scoring sees as 'no response' is really a requirement the reviewer did not examine."""
    return [
        f.model_copy(update={"detail": NOT_EXAMINED})
        if f.kind == "gap" and f.requirement is not None and f.requirement not in examined
        else f
        for f in findings
    ]


def _differences(
    submission: Submission,
    review: Review,
    requirements: Sequence[RequirementResult],
    verified: dict[str, RequirementResult],
) -> list[Difference]:
    verdicts = {v.requirement: v for v in review.verdicts if v.verified is not None}
    decisions = {d.evidence: d.decision for d in review.evidence}
    cited = {r.requirement: r.evidence for r in submission.responses}
    out = []
    for result in requirements:
        verdict = verdicts.get(result.id)
        if verdict is None or result.verified is None:  # not examined: listed as not verified, not as a difference
            continue
        if result.verified == result.supported and verdict.verified == result.claimed:
            continue
        out.append(
            Difference(
                requirement=result.id,
                title=result.title,
                claimed=result.claimed,
                supported=result.supported,
                verified=result.verified,
                verdict=verdict.verified,
                rationale=_rationale(verdict.rationale, cited.get(result.id, []), decisions),
                reasons=verified[result.id].reasons,
            )
        )
    return out


def _rationale(given: str, cited: list[str], decisions: Mapping[str, str]) -> str:
    """The reviewer's words, then which cited evidence was rejected or not examined (it supports nothing)."""
    parts = [given] if given else []
    rejected = [e for e in cited if decisions.get(e, "not_examined") == "rejected"]
    unexamined = [e for e in cited if decisions.get(e, "not_examined") == "not_examined"]
    if rejected:
        parts.append(f"Evidence rejected by the reviewer: {', '.join(rejected)}.")
    if unexamined:
        parts.append(f"Evidence not examined by the reviewer: {', '.join(unexamined)}.")
    return " ".join(parts)
