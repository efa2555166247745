"""Parameter models shared by several rules."""

from __future__ import annotations

from assessor.dcrs.base import StrictModel


class NoParams(StrictModel):
    """A rule that takes no parameters."""
