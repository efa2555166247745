"""Canonical JSON and content hashes: the same content hashes alike whatever file format it came from.

Hashes are SHA-256 over the RFC 8785 JSON Canonicalization Scheme (JCS) form, so any language with a JCS
library can recompute them; results name the algorithm as HASH_ALG. The pre-JCS form (Python's json.dumps
with sorted keys, which writes 97.0 where JCS writes 97) is kept only to recognise old review bindings.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import rfc8785
from pydantic import BaseModel

HASH_ALG = "sha256-jcs"
"""The name results and reviews give the content hash: SHA-256 of the RFC 8785 canonical JSON."""
LEGACY_HASH_ALG = "sha256-pyjson"
"""The hash of DCR Assessor before 0.2: SHA-256 of json.dumps(sort_keys=True, separators=(",", ":"))."""


def canonical_bytes(data: Any) -> bytes:
    """RFC 8785 canonical JSON (sorted keys, no insignificant whitespace, ECMAScript numbers), UTF-8."""
    return rfc8785.dumps(data)


def legacy_canonical_bytes(data: Any) -> bytes:
    """The pre-JCS canonical form, only to recognise content hashed by older versions."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def content_sha256(model: BaseModel) -> str:
    """SHA-256 of a model's RFC 8785 canonical JSON form."""
    return sha256_hex(canonical_bytes(model.model_dump(mode="json")))


def pretty_json(model: BaseModel) -> str:
    """The stable, human-readable JSON the CLI writes: same model, same bytes.

    pydantic's serializer gives the same text as json.dumps(indent=2, ensure_ascii=False), several times faster
    (json.dumps drops to its pure-Python encoder whenever it indents).
    """
    return model.model_dump_json(indent=2) + "\n"
