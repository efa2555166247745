"""The standard's content hash, the fingerprint every result names."""

from __future__ import annotations

from assessor.core.canonical import content_sha256
from assessor.dcrs.models import Standard

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
