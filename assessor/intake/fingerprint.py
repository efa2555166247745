"""A submission's content hash: independent of file format and of the order of keyed lists."""

from __future__ import annotations

from typing import Any

from assessor.core.canonical import canonical_bytes, legacy_canonical_bytes, sha256_hex
from assessor.core.memo import PerObject
from assessor.intake.models import Submission


def submission_sha256(submission: Submission) -> str:
    """SHA-256 of the RFC 8785 form of a submission's content (register and responses are keyed sets, so
    their order is ignored): sha256(JCS(submission with evidence sorted by id, responses by requirement))."""
    return _HASHES(submission)


def legacy_submission_sha256(submission: Submission) -> str:
    """The pre-RFC 8785 hash, only to recognise reviews bound by older versions."""
    return sha256_hex(legacy_canonical_bytes(keyed(submission.model_dump(mode="json"))))


def submission_canonical_bytes(submission: Submission) -> bytes:
    """The exact bytes the submission hash is taken over (what a report embeds, so anyone can recompute it);
    made once per (immutable) Submission object."""
    return _BYTES(submission)


def _canonical_bytes(submission: Submission) -> bytes:
    return canonical_bytes(keyed(submission.model_dump(mode="json")))


_BYTES: PerObject[Submission, bytes] = PerObject(_canonical_bytes)
_HASHES: PerObject[Submission, str] = PerObject(lambda s: sha256_hex(_BYTES(s)))


def keyed(data: dict[str, Any]) -> dict[str, Any]:
    """Submission content (as JSON data) with its keyed lists in key order: the form that is hashed."""
    out = dict(data)
    out["evidence"] = sorted(data.get("evidence", []), key=lambda item: item["id"])
    out["responses"] = sorted(data.get("responses", []), key=lambda item: item["requirement"])
    return out
