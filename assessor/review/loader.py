"""Load a review (YAML or JSON) and check it against the submission it reviews."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assessor.core.documents import DEFAULT_MAX_BYTES, Document, load_document
from assessor.core.problems import DocumentError, HasProblems, InvalidReview, Problem
from assessor.core.validation import validate_document
from assessor.dcrs.models import Standard
from assessor.intake.models import Submission
from assessor.review.models import Review


@dataclass
class CheckedReview(HasProblems):
    """A review with its problems (errors and warnings)."""

    doc: Document | None
    review: Review | None
    problems: list[Problem] = field(default_factory=list)


def check_review_document(doc: Document, submission: Submission, standard: Standard) -> CheckedReview:
    """Structure and the rules that tie the review to this submission, all at once: a structural mistake
    does not hide a wrong binding, a placeholder or an unknown requirement."""
    from assessor.review.rules import run_raw_rules, run_rules

    try:
        review = validate_document(Review, doc)
    except DocumentError as err:
        raw = run_raw_rules(doc, submission, standard) if isinstance(doc.data, dict) else []
        return CheckedReview(doc, None, err.problems + raw)
    return CheckedReview(doc, review, run_rules(doc, review, submission, standard))


def check_review(
    path: Path, submission: Submission, standard: Standard, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> CheckedReview:
    """Read and check a review file; unreadable files give their problems too."""
    try:
        doc = load_document(path, max_bytes=max_bytes)
    except DocumentError as err:
        return CheckedReview(None, None, err.problems)
    return check_review_document(doc, submission, standard)


def load_review(path: Path, submission: Submission, standard: Standard) -> Review:
    """The valid review; InvalidReview carries every error."""
    checked = check_review(path, submission, standard)
    if checked.errors or checked.review is None:
        raise InvalidReview(checked.errors)
    return checked.review
