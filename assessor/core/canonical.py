"""Canonical JSON and content hashes: the same content hashes alike whatever file format it came from.

Hashes are SHA-256 over the RFC 8785 JSON Canonicalization Scheme (JCS) form, so any language with a JCS
library can recompute them; results name the algorithm as HASH_ALG. The pre-JCS form (Python's json.dumps
with sorted keys, which writes 97.0 where JCS writes 97) is kept only to recognise old review bindings.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from typing import Any

import rfc8785
from pydantic import BaseModel

HASH_ALG = "sha256-jcs"
"""The name results and reviews give the content hash: SHA-256 of the RFC 8785 canonical JSON."""
LEGACY_HASH_ALG = "sha256-pyjson"
"""The hash of DCR Assessor before 0.2: SHA-256 of json.dumps(sort_keys=True, separators=(",", ":"))."""


def canonical_bytes(data: Any) -> bytes:
    """RFC 8785 canonical JSON (sorted keys, no insignificant whitespace, ECMAScript numbers), UTF-8.

    Plain data whose numbers and keys print alike in both (integers within the safe range, integral floats as
    integers, other floats whose shortest form has no exponent, keys below U+D800, so that code-point order is
    UTF-16 order) goes through the C JSON encoder, whose string escapes are RFC 8785's; anything else goes
    through the rfc8785 library, which also raises for what JCS cannot represent. A property test holds the
    two to the same bytes."""
    try:
        prepared = _jcs_ready(data)
    except _Unusual:
        return rfc8785.dumps(data)
    try:
        return _ENCODER.encode(prepared).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: let rfc8785 say what JCS says
        return rfc8785.dumps(data)


class _Unusual(Exception):
    """Data the fast path does not print exactly as RFC 8785 does."""


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":"))
_SAFE_INT = 2**53 - 1
_SUPPLEMENTARY_ORDER = re.compile("[\ud800-\U0010ffff]")


def _jcs_ready(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return value
    if kind is int:
        if -_SAFE_INT <= value <= _SAFE_INT:
            return value
        raise _Unusual
    if kind is float:
        return _jcs_float(value)
    if kind is list or kind is tuple:
        return [_jcs_ready(v) for v in value]
    if kind is dict:
        for key in value:
            if type(key) is not str or _SUPPLEMENTARY_ORDER.search(key):
                raise _Unusual
        return {k: _jcs_ready(v) for k, v in value.items()}
    raise _Unusual


def _jcs_float(value: float) -> float | int:
    if not math.isfinite(value):
        raise _Unusual
    if value.is_integer():
        if abs(value) <= _SAFE_INT:
            return int(value)
        raise _Unusual
    if "e" in repr(value):
        raise _Unusual
    return value


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
