"""Canonical JSON and content hashes: the same content hashes alike whatever file format it came from."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel


def canonical_bytes(data: Any) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_sha256(model: BaseModel) -> str:
    """SHA-256 of a model's canonical JSON form."""
    return hashlib.sha256(canonical_bytes(model.model_dump(mode="json"))).hexdigest()


def pretty_json(model: BaseModel) -> str:
    """The stable, human-readable JSON the CLI writes: same model, same bytes.

    pydantic's serializer gives the same text as json.dumps(indent=2, ensure_ascii=False), several times faster
    (json.dumps drops to its pure-Python encoder whenever it indents).
    """
    return model.model_dump_json(indent=2) + "\n"
