"""Canonical JSON and content hashes: the same content hashes alike whatever file format it came from."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel

from .models.standard import Standard
from .models.submission import Submission


def canonical_bytes(data: Any) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_sha256(model: BaseModel) -> str:
    """SHA-256 of a model's canonical JSON form."""
    return hashlib.sha256(canonical_bytes(model.model_dump(mode="json"))).hexdigest()


def submission_sha256(submission: Submission) -> str:
    """SHA-256 of a submission's content: the register and responses are keyed sets, so order is ignored."""
    data = submission.model_dump(mode="json")
    data["evidence"] = sorted(data["evidence"], key=lambda item: item["id"])
    data["responses"] = sorted(data["responses"], key=lambda item: item["requirement"])
    return hashlib.sha256(canonical_bytes(data)).hexdigest()


def pretty_json(model: BaseModel) -> str:
    """The stable, human-readable JSON the CLI writes: same model, same bytes.

    pydantic's serializer gives the same text as json.dumps(indent=2, ensure_ascii=False), several times faster
    (json.dumps drops to its pure-Python encoder whenever it indents).
    """
    return model.model_dump_json(indent=2) + "\n"


_STANDARD_HASHES: dict[int, tuple[Standard, str]] = {}


def standard_sha256(standard: Standard) -> str:
    """The standard's content hash, computed once per (immutable) Standard object."""
    hit = _STANDARD_HASHES.get(id(standard))
    if hit is not None and hit[0] is standard:
        return hit[1]
    digest = content_sha256(standard)
    if len(_STANDARD_HASHES) >= 16:
        _STANDARD_HASHES.clear()
    _STANDARD_HASHES[id(standard)] = (standard, digest)  # the entry holds the object, so its id cannot be reused
    return digest
