"""Canonical JSON and content hashes: the same content hashes alike whatever file format it came from."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel

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
    """The stable, human-readable JSON the CLI writes: same model, same bytes."""
    return json.dumps(model.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
