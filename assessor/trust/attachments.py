"""What a report PDF carries: its embedded files, and whether they agree with the hashes in the result."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader

from assessor.core.canonical import canonical_bytes, sha256_hex
from assessor.intake.fingerprint import keyed

SUBMISSION, ASSESSMENT, REVIEW = "submission.json", "assessment.json", "review.json"


@dataclass(frozen=True)
class Check:
    """One thing `dcr verify` checked, whether it held, and what it found."""

    name: str
    ok: bool
    detail: str


def embedded_files(reader: PdfFileReader) -> dict[str, bytes]:
    """Name → content of every file in the PDF's EmbeddedFiles name tree (flat, as DCR Assessor writes it)."""
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except KeyError:
        return {}
    files = {}
    for index in range(0, len(names) - 1, 2):
        spec = names[index + 1].get_object()
        files[str(names[index])] = spec["/EF"]["/F"].get_object().data
    return files


def attachment_checks(files: dict[str, bytes]) -> Iterator[Check]:
    """The result's recorded hashes against the embedded submission and review, and the review's binding."""
    if ASSESSMENT not in files or SUBMISSION not in files:
        yield Check("attachments", False, f"expected {ASSESSMENT} and {SUBMISSION}; found {sorted(files) or 'none'}")
        return
    try:
        result, submission = json.loads(files[ASSESSMENT]), json.loads(files[SUBMISSION])
        recorded = result["provenance"]["submission_sha256"]
    except (ValueError, KeyError, TypeError, RecursionError) as err:
        yield Check("attachments", False, f"the embedded result or submission is not readable JSON ({err})")
        return
    actual = submission_hash(submission)
    yield Check("submission", actual == recorded, _compare("embedded submission", actual, recorded))
    verification = result.get("verification")
    if verification is not None:
        yield from _review_checks(files, verification, recorded)


def _review_checks(files: dict[str, bytes], verification: dict[str, Any], submission_sha: str) -> Iterator[Check]:
    if REVIEW not in files:
        yield Check("review", False, "the result has a verification but no review is embedded")
        return
    try:
        review = json.loads(files[REVIEW])
        bound = review["submission"]["sha256"]
    except (ValueError, KeyError, TypeError, RecursionError) as err:
        yield Check("review", False, f"the embedded review is not readable ({err})")
        return
    actual = sha256_hex(canonical_bytes(review))
    yield Check("review", actual == verification.get("review_sha256"),
                _compare("embedded review", actual, str(verification.get("review_sha256"))))  # fmt: skip
    yield Check(
        "binding", bound == submission_sha, _compare("review's binding to the submission", bound, submission_sha)
    )


def submission_hash(data: dict[str, Any]) -> str:
    """The sha256-jcs of submission content given as parsed JSON, exactly as intake hashes a submission."""
    return sha256_hex(canonical_bytes(keyed(data)))


def _compare(what: str, actual: str, recorded: str) -> str:
    if actual == recorded:
        return f"{what} matches sha256-jcs {recorded[:16]}…"
    return f"{what} hashes to {actual[:16]}…, the result records {recorded[:16]}…"


def source_checks(
    result: dict[str, Any] | None, submission_sha: str | None, review: tuple[str, str] | None
) -> Iterator[Check]:
    """A result against the source files it claims to come from: the submission's hash and, for a review,
    its hash and the submission it is bound to (`review` is (review sha256, bound submission sha256))."""
    if result is None:
        yield Check("sources", False, "no readable assessment result to compare the source files with")
        return
    recorded = str(result.get("provenance", {}).get("submission_sha256"))
    if submission_sha is not None:
        yield Check(
            "submission file", submission_sha == recorded, _compare("submission file", submission_sha, recorded)
        )
    if review is not None:
        verification = result.get("verification") or {}
        recorded_review = str(verification.get("review_sha256"))
        yield Check("review file", review[0] == recorded_review, _compare("review file", review[0], recorded_review))
        yield Check(
            "review file binding", review[1] == recorded, _compare("review file's binding", review[1], recorded)
        )
