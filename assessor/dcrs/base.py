"""The one strict base model every document model builds on."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict

from assessor.core.limits import DATE_MAX, DATE_MIN
from assessor.core.semver import SEMVER_PATTERN
from assessor.core.text import is_blank

SemVer = Annotated[str, Field(pattern=SEMVER_PATTERN, examples=["1.0.0"])]
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_only(value: Any) -> Any:
    """Only YYYY-MM-DD text or a date: lax mode would read a number as Unix seconds."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


def _in_date_range(value: date) -> date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValueError(f"dates must fall between {DATE_MIN.isoformat()} and {DATE_MAX.isoformat()}")
    return value


# Dates arrive as ISO strings from YAML and JSON alike; strict mode would refuse a string.
IsoDate = Annotated[date, Strict(False), BeforeValidator(_iso_only), AfterValidator(_in_date_range)]


def _shows_something(value: str) -> str:
    if is_blank(value):
        raise ValueError("holds only invisible characters (spaces, zero-width characters): give the text")
    return value


# Text that must say something: empty text, and text only of spaces or zero-width characters, are refused.
NonEmptyStr = Annotated[str, Field(min_length=1), AfterValidator(_shows_something)]

# The implementation scale is a fixed vocabulary (the submission schema enumerates it);
# what each status is worth is data in the standard's manifest.
ScoredStatus = Literal["fully", "largely", "partially", "not_implemented"]
ResponseStatus = Literal["fully", "largely", "partially", "not_implemented", "not_applicable"]
SCORED_ORDER: tuple[ScoredStatus, ...] = ("not_implemented", "partially", "largely", "fully")
_RANK: dict[str, int] = {status: rank for rank, status in enumerate(SCORED_ORDER)}

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
    """Unknown keys are errors, types are not coerced, and instances are immutable. A model's validator is built
    when first used, so a command pays only for the models it validates (`dcr validate` never builds a result's
    or a review's)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with `update` applied unvalidated, as pydantic's; a shallow copy is made in one step (scoring
        copies models often, and these have neither extra fields nor private attributes)."""
        if deep or self.__pydantic_private__ is not None:
            return super().model_copy(update=update, deep=deep)
        changes = update or {}
        copied = object.__new__(type(self))
        object.__setattr__(copied, "__dict__", {**self.__dict__, **changes})
        object.__setattr__(copied, "__pydantic_extra__", None)
        object.__setattr__(copied, "__pydantic_fields_set__", self.__pydantic_fields_set__ | changes.keys())
        object.__setattr__(copied, "__pydantic_private__", None)
        return copied

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """An instance made of values taken from models already validated (so each of its field's type), not
        validated again: what `cls(**values)` makes, several times faster. Every field without a plain default
        must be given."""
        defaults, required = _field_defaults(cls)
        if not required <= values.keys():
            raise TypeError(f"{cls.__name__}.trusted needs {', '.join(sorted(required - values.keys()))}")
        made = object.__new__(cls)
        object.__setattr__(made, "__dict__", {**defaults, **values})
        object.__setattr__(made, "__pydantic_extra__", None)
        object.__setattr__(made, "__pydantic_fields_set__", set(values))
        object.__setattr__(made, "__pydantic_private__", None)
        return made


@functools.cache
def _field_defaults(cls: type[BaseModel]) -> tuple[dict[str, Any], frozenset[str]]:
    """A model's fields in order with their plain defaults (None where there is none), and the fields without
    one (no default, or a default made by a factory)."""
    fields = cls.model_fields
    required = frozenset(n for n, f in fields.items() if f.is_required() or f.default_factory is not None)
    return {n: None if n in required else f.default for n, f in fields.items()}, required


def status_rank(status: ScoredStatus) -> int:
    """Position of a scored status on the scale, 0 = not implemented."""
    return _RANK[status]


def lower_status(a: ScoredStatus, b: ScoredStatus) -> ScoredStatus:
    """The weaker of two scored statuses."""
    return a if status_rank(a) <= status_rank(b) else b
