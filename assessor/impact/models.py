"""What an impact analysis reports."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from assessor.compare.models import RequirementChange
from assessor.dcrs.base import StrictModel
from assessor.dcrs.versions import VersionStatus


class ModelMove(StrictModel):
    """One model's level and score under the current version and under the draft, where either moved."""

    model: str
    level_before: int
    level_after: int
    score_before: float | None
    score_after: float | None


class Mover(StrictModel):
    """One submission scored under the current version and under the draft."""

    submission: str
    organisation: str
    level_before: int
    level_after: int
    score_before: float | None
    score_after: float | None
    delta: float
    causes: list[str]
    requirements: list[RequirementChange]
    models: list[ModelMove] = Field(default_factory=list)
    """The models whose own level or score moved; a model can move where the headline (the weakest) does not."""


class Cause(StrictModel):
    """One change of the standard and the submissions it moved."""

    change: str
    submissions: list[str]


class Skipped(StrictModel):
    """A corpus file that could not be scored, and why."""

    submission: str
    problems: list[str]


class Impact(StrictModel):
    """The corpus under the current version and under the draft."""

    format: Literal["dcrs-impact/1"] = "dcrs-impact/1"
    current: str
    draft: str
    draft_status: VersionStatus = "draft"
    """The candidate's status in its library: the impact of a published version is said to be one."""
    through: str
    rules: list[str]
    scored: int
    movers: list[Mover]
    causes: list[Cause]
    skipped: list[Skipped] = Field(default_factory=list)
