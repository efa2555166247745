"""A small submission and a review of it, for the review tests."""

from __future__ import annotations

from typing import Any

from assessor.intake.fingerprint import submission_sha256
from assessor.intake.models import Submission
from assessor.review.models import Review
from tests.conftest import mini_submission
from tests.scoring_helpers import ALL_MET, DOC, REC, TEST

SIGNED = {"decision": "approved", "statement": "Confirmed.", "date": "2026-07-11"}


def review_of(
    sub: Submission, verdicts: Any = (), evidence: Any = (), *, confirm: bool = True, **overrides: Any
) -> Review:
    """A valid, signed-off review of `sub`: every claim confirmed and every item accepted (with `confirm`),
    then the given verdicts and evidence decisions in their place."""
    base_verdicts = {r.requirement: {"requirement": r.requirement, "verified": r.status} for r in sub.responses}
    base_evidence = {e.id: {"evidence": e.id, "decision": "accepted"} for e in sub.evidence}
    if not confirm:
        base_verdicts, base_evidence = {}, {}
    base_verdicts.update({v["requirement"]: v for v in verdicts})
    base_evidence.update({d["evidence"]: d for d in evidence})
    data: dict[str, Any] = {
        "submission": {"organisation": sub.organisation.name, "sha256": submission_sha256(sub),
                       "standard": sub.standard.model_dump()},
        "reviewer": {"name": "R. Viewer", "organisation": "Audit Co", "role": "Lead", "independence": "No ties."},
        "date": "2026-07-10",
        "verdicts": list(base_verdicts.values()),
        "evidence": list(base_evidence.values()),
        "sign_off": SIGNED,
    }  # fmt: skip
    data.update(overrides)
    return Review.model_validate(data)


def mini_sub() -> Submission:
    """The mini submission where everything claimed is supported."""
    return Submission.model_validate(mini_submission(evidence=[DOC, REC, TEST], responses=ALL_MET))
