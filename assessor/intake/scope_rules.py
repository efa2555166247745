"""Semantic rules for the DCRS 1.2.0 evidence fields: model scope, activity dates, bounds and ranges.

They read each evidence item as written (`Context.raw`), one field at a time, so a bad value in one field
(a reading with both a value and a bound, an empty range) hides none of the item's other problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Protocol, TypeVar

from pydantic import TypeAdapter, ValidationError

from assessor.core.problems import Location, Problem
from assessor.dcrs.base import IsoDate
from assessor.dcrs.models import Standard
from assessor.intake.checked import CheckedSubmission
from assessor.intake.models import Submission

T = TypeVar("T")
_DATE: TypeAdapter[dt.date] = TypeAdapter(IsoDate)
_NUMBER: TypeAdapter[float] = TypeAdapter(float)


class Context(Protocol):
    """What these rules need of intake.rules.Context (a protocol, so the two modules stay acyclic)."""

    @property
    def sub(self) -> Submission: ...

    @property
    def standard(self) -> Standard: ...

    def at(self, *path: str | int) -> Location: ...

    def raw(self, section: str) -> Iterator[tuple[int, dict[str, Any]]]: ...

    @property
    def checked(self) -> CheckedSubmission: ...


def _valid(adapter: TypeAdapter[T], value: Any) -> T | None:
    """The value when it is well-formed on its own, else None (its own problem is reported elsewhere)."""
    if value is None:
        return None
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


def _name(item: dict[str, Any], index: int) -> str:
    return item["id"] if isinstance(item.get("id"), str) else f"evidence item {index + 1}"


def _names(value: Any) -> list[tuple[int, str]]:
    return [(i, n) for i, n in enumerate(value) if isinstance(n, str)] if isinstance(value, list) else []


def _readings(item: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    readings = item.get("metrics")
    for i, reading in enumerate(readings if isinstance(readings, list) else []):
        if isinstance(reading, dict):
            yield i, reading


def model_names_unique(ctx: Context) -> Iterator[Problem]:
    """Each model in the profile has its own name: evidence names models, so two alike would be one."""
    if "profile" in ctx.checked.broken:
        return
    seen: dict[str, int] = {}
    for index, model in enumerate(ctx.sub.profile.models):
        first = seen.setdefault(model.name, index)
        if first != index:
            message = f"model name {model.name!r} is already used by model {first + 1}"
            yield Problem(ctx.at("profile", "models", index, "name"), "duplicate-model", message)


def evidence_models_known(ctx: Context) -> Iterator[Problem]:
    """Models named by evidence items and readings are the profile's; a reading's are among its item's."""
    if "profile" in ctx.checked.broken:
        return
    known = {m.name for m in ctx.sub.profile.models}
    for index, item in ctx.raw("evidence"):
        name, covered = _name(item, index), item.get("models")
        for i, model in _names(covered):
            if model not in known:
                message = f"{name} names model {model!r}, which the deployment profile does not have"
                yield Problem(ctx.at("evidence", index, "models", i), "unknown-model", message)
        for m, reading in _readings(item):
            metric, where = reading.get("metric"), ("evidence", index, "metrics", m, "models")
            for i, model in _names(reading.get("models")):
                if model not in known:
                    message = f"{name}'s {metric} reading names model {model!r}, not in the profile"
                    yield Problem(ctx.at(*where, i), "unknown-model", message)
                elif isinstance(covered, list) and model not in covered:
                    message = f"{name}'s {metric} reading is about {model!r}, which the item does not cover"
                    yield Problem(ctx.at(*where, i), "reading-outside-item", message)


def activity_dates(ctx: Context) -> Iterator[Problem]:
    """An activity happens on or before the assessment and before the report of it was issued; a standing
    decision takes effect on or before the assessment."""
    if "assessment" in ctx.checked.broken:
        return
    on = ctx.sub.assessment.date
    for index, item in ctx.raw("evidence"):
        name = _name(item, index)
        performed, issued = _valid(_DATE, item.get("performed")), _valid(_DATE, item.get("date"))
        if performed is not None and performed > on:
            message = f"{name} was performed {performed.isoformat()}, after the assessment date {on.isoformat()}"
            yield Problem(ctx.at("evidence", index, "performed"), "performed-after-assessment", message)
        elif performed is not None and issued is not None and performed > issued:
            message = (
                f"{name} was performed {performed.isoformat()}, after its report was issued "
                f"({issued.isoformat()}): the evidence could not exist yet"
            )
            yield Problem(ctx.at("evidence", index, "performed"), "performed-after-issue", message)
        in_force = item.get("in_force")
        since = _valid(_DATE, in_force.get("since")) if isinstance(in_force, dict) else None
        if since is not None and since > on:
            message = f"{name} takes effect {since.isoformat()}, after the assessment date"
            yield Problem(ctx.at("evidence", index, "in_force", "since"), "in-force-after-assessment", message)


def models_released(ctx: Context) -> Iterator[Problem]:
    """A model released after the assessment date cannot have been assessed in production."""
    if "assessment" in ctx.checked.broken or "profile" in ctx.checked.broken:
        return
    on = ctx.sub.assessment.date
    for index, model in enumerate(ctx.sub.profile.models):
        if model.release_date is not None and model.release_date > on:
            message = f"{model.name} is released {model.release_date.isoformat()}, after the assessment date"
            yield Problem(
                ctx.at("profile", "models", index, "release_date"), "released-after-assessment", message, "warning"
            )


def bounds_in_range(ctx: Context) -> Iterator[Problem]:
    """A bound or range lies inside its metric's declared range."""
    metrics = {m.id: m for m in ctx.standard.manifest.metrics}
    for index, item in ctx.raw("evidence"):
        for i, reading in _readings(item):
            metric_id = reading.get("metric")
            metric = metrics.get(metric_id) if isinstance(metric_id, str) else None
            if metric is None:
                continue
            low, high = metric.minimum, metric.maximum
            for key in ("at_most", "at_least"):
                value = _valid(_NUMBER, reading.get(key))
                if value is not None and ((low is not None and value < low) or (high is not None and value > high)):
                    message = f"{metric.id} {key.replace('_', ' ')} {value:g} is outside its range"
                    yield Problem(ctx.at("evidence", index, "metrics", i, key), "metric-value", message)


SCOPE_RULES = (model_names_unique, evidence_models_known, activity_dates, models_released, bounds_in_range)
