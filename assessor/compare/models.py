"""What a comparison says: for each step from one assessment to the next, per domain and per requirement."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from assessor.dcrs.base import StrictModel

Direction = Literal["improved", "regressed", "new", "removed", "changed"]


class Side(StrictModel):
    """One assessment compared: who, when, against which version."""

    label: str
    organisation: str
    assessment_date: str
    standard_version: str
    level: int
    score: float | None


class DomainChange(StrictModel):
    """A domain's level and score before and after (either side absent when the domain is new or gone)."""

    domain: str
    title: str
    level_before: int | None
    level_after: int | None
    score_before: float | None
    score_after: float | None
    direction: Direction | None


class RequirementChange(StrictModel):
    """A requirement whose supported status or credit moved, with every reason found."""

    requirement: str
    domain: str
    title: str
    before: str | None
    after: str | None
    credit_before: float | None
    credit_after: float | None
    direction: Direction
    why: list[str]
    changes: list[str] = Field(default_factory=list)
    """What the migration map says changed in the requirement (threshold, level, weight, ...), if anything."""


class Step(StrictModel):
    """From one assessment to the next."""

    before: Side
    after: Side
    through: str | None
    """How requirements of different versions were matched (the migration map), or None for one version."""
    rules: list[str] = Field(default_factory=list)
    """Scoring rules the later version adds, drops or runs with other parameters (different versions only)."""
    domains: list[DomainChange]
    requirements: list[RequirementChange]

    @property
    def unchanged(self) -> bool:
        return not self.requirements and all(d.direction is None for d in self.domains)


class Comparison(StrictModel):
    """Each consecutive pair of the assessments given, in the order given."""

    format: Literal["dcrs-comparison/1"] = "dcrs-comparison/1"
    steps: list[Step]
