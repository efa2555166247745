"""A review's state, derived from its content: in progress, complete, or signed off with a decision.

A requirement is examined once its verdict names a status; an evidence item once it is accepted or rejected.
Only a signed-off review may be called verified; before that, reports state the progress instead.
"""

from __future__ import annotations

from typing import Literal

from assessor.dcrs.base import StrictModel
from assessor.intake.models import Submission
from assessor.review.models import Review

ReviewState = Literal["in_progress", "complete", "signed_off"]


class ReviewProgress(StrictModel):
    """How far a review has got: its state and what has been examined of what there is to examine."""

    state: ReviewState
    decision: Literal["approved", "changes_requested", "rejected"] | None
    requirements_examined: int
    requirements_total: int
    evidence_examined: int
    evidence_total: int

    @property
    def signed_off(self) -> bool:
        return self.state == "signed_off"

    def sentence(self) -> str:
        """The line reports print in place of a verified headline, e.g. "review in progress: 3 of 51 …"."""
        counts = (
            f"{self.requirements_examined} of {self.requirements_total} requirements and "
            f"{self.evidence_examined} of {self.evidence_total} evidence items examined"
        )
        if self.state == "signed_off":
            return f"review signed off ({(self.decision or '').replace('_', ' ')}): {counts}"
        if self.state == "complete":
            return f"review complete, not signed off: {counts}"
        return f"review in progress: {counts}"


def examined_requirements(review: Review) -> set[str]:
    """Requirements whose verdict names a status."""
    return {v.requirement for v in review.verdicts if v.verified is not None}


def examined_evidence(review: Review) -> set[str]:
    """Evidence items the reviewer accepted or rejected."""
    return {d.evidence for d in review.evidence if d.decision != "not_examined"}


def review_progress(review: Review, submission: Submission) -> ReviewProgress:
    """The review's state and counts; the totals are what the submission answers and registers."""
    requirements = {r.requirement for r in submission.responses} | examined_requirements(review)
    registered = {e.id for e in submission.evidence}
    done_requirements = len(examined_requirements(review) & requirements)
    done_evidence = len(examined_evidence(review) & registered)
    complete = done_requirements == len(requirements) and done_evidence == len(registered)
    state: ReviewState = "signed_off" if review.sign_off else "complete" if complete else "in_progress"
    return ReviewProgress(
        state=state,
        decision=review.sign_off.decision if review.sign_off else None,
        requirements_examined=done_requirements,
        requirements_total=len(requirements),
        evidence_examined=done_evidence,
        evidence_total=len(registered),
    )
