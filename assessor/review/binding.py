"""Re-binding a review made under the pre-RFC 8785 hash: checked, explicit, and written back to the file."""

from __future__ import annotations

import re

from assessor.core.canonical import HASH_ALG
from assessor.core.problems import DcrError
from assessor.intake.fingerprint import legacy_submission_sha256, submission_sha256
from assessor.intake.models import Submission
from assessor.review.models import Review


def rebind_text(text: str, review: Review, submission: Submission) -> str:
    """The review's text with its binding moved to the RFC 8785 hash, only if the old hash matches this
    submission exactly (a review of other content is never re-bound); comments and layout are kept."""
    old, new = review.submission.sha256, submission_sha256(submission)
    if old == new:
        raise DcrError("the review is already bound by the RFC 8785 hash; nothing to re-bind")
    if old != legacy_submission_sha256(submission):
        raise DcrError("the review is not of this submission (neither hash matches); it cannot be re-bound")
    if text.count(old) != 1:
        raise DcrError("the review's sha256 appears more than once; edit it by hand")
    rebound = text.replace(old, new)
    if review.submission.hash_alg is None:
        rebound = _add_hash_alg(rebound, new)
    return rebound


def _add_hash_alg(text: str, sha: str) -> str:
    """A `hash_alg` line beside the sha256 one, in YAML at its indentation, in JSON as a sibling key."""
    yaml_line = re.compile(rf"^(?P<indent>[ \t]*)sha256:[ \t]*['\"]?{sha}['\"]?[ \t]*$", re.MULTILINE)
    match = yaml_line.search(text)
    if match:
        return text[: match.end()] + f"\n{match['indent']}hash_alg: {HASH_ALG}" + text[match.end() :]
    return text.replace(f'"sha256": "{sha}"', f'"sha256": "{sha}", "hash_alg": "{HASH_ALG}"', 1)
