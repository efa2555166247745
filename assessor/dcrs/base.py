"""The one strict base model every document model builds on."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict

SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$"

SemVer = Annotated[str, Field(pattern=SEMVER_PATTERN, examples=["1.0.0"])]
# Dates arrive as ISO strings from YAML and JSON alike; strict mode would refuse a string.
IsoDate = Annotated[date, Strict(False)]
NonEmptyStr = Annotated[str, Field(min_length=1)]

# The implementation scale is a fixed vocabulary (the submission schema enumerates it);
# what each status is worth is data in the standard's manifest.
ScoredStatus = Literal["fully", "largely", "partially", "not_implemented"]
ResponseStatus = Literal["fully", "largely", "partially", "not_implemented", "not_applicable"]
SCORED_ORDER: tuple[ScoredStatus, ...] = ("not_implemented", "partially", "largely", "fully")

# Where a model is made available; requirements' applies_when conditions are written over these.
Surface = Literal["api", "consumer_app", "fine_tuning_api", "cloud_partners", "enterprise_on_prem", "open_weights"]
SURFACES: tuple[Surface, ...] = (
    "api",
    "consumer_app",
    "fine_tuning_api",
    "cloud_partners",
    "enterprise_on_prem",
    "open_weights",
)


class StrictModel(BaseModel):
    """Unknown keys are errors, types are not coerced, and instances are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def status_rank(status: ScoredStatus) -> int:
    """Position of a scored status on the scale, 0 = not implemented."""
    return SCORED_ORDER.index(status)


def lower_status(a: ScoredStatus, b: ScoredStatus) -> ScoredStatus:
    """The weaker of two scored statuses."""
    return a if status_rank(a) <= status_rank(b) else b
