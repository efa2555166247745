"""Optional fields added after DCRS 1.0.0, kept out of every dump while unset.

Content hashes and result JSON are computed from model dumps; a field that 1.0.0 documents never set must not
appear in them, so a published version's hashes and golden results keep their bytes.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field


def _unset(value: object) -> bool:
    return value is None


def since_1_1(description: str) -> Any:
    """An optional field (default None) that dumps leave out while it is None."""
    return Field(default=None, exclude_if=_unset, description=description)
