"""A submission's content hash: independent of file format and of the order of keyed lists."""

from __future__ import annotations

import hashlib

from assessor.core.canonical import canonical_bytes
from assessor.intake.models import Submission


def submission_sha256(submission: Submission) -> str:
    """SHA-256 of a submission's content: the register and responses are keyed sets, so order is ignored."""
    data = submission.model_dump(mode="json")
    data["evidence"] = sorted(data["evidence"], key=lambda item: item["id"])
    data["responses"] = sorted(data["responses"], key=lambda item: item["requirement"])
    return hashlib.sha256(canonical_bytes(data)).hexdigest()
