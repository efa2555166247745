"""The standard's content hash, the fingerprint every result names."""

from __future__ import annotations

from assessor.core.canonical import content_sha256
from assessor.core.memo import PerObject
from assessor.dcrs.models import Standard

_STANDARD_HASHES: PerObject[Standard, str] = PerObject(content_sha256)


def standard_sha256(standard: Standard) -> str:
    """The standard's content hash, computed once per (immutable) Standard object."""
    return _STANDARD_HASHES(standard)
