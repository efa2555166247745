"""Semantic rules for the DCRS 1.2.0 evidence fields: model scope, activity dates, bounds and ranges."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from assessor.core.problems import Location, Problem
from assessor.dcrs.models import Standard
from assessor.intake.models import EvidenceItem, Submission


class Context(Protocol):
    """What these rules need of intake.rules.Context (a protocol, so the two modules stay acyclic)."""

    @property
    def sub(self) -> Submission: ...

    @property
    def standard(self) -> Standard: ...

    def at(self, *path: str | int) -> Location: ...

    def evidence(self) -> Iterator[tuple[int, EvidenceItem]]: ...


def model_names_unique(ctx: Context) -> Iterator[Problem]:
    """Each model in the profile has its own name: evidence names models, so two alike would be one."""
    seen: dict[str, int] = {}
    for index, model in enumerate(ctx.sub.profile.models):
        first = seen.setdefault(model.name, index)
        if first != index:
            message = f"model name {model.name!r} is already used by model {first + 1}"
            yield Problem(ctx.at("profile", "models", index, "name"), "duplicate-model", message)


def evidence_models_known(ctx: Context) -> Iterator[Problem]:
    """Models named by evidence items and readings are the profile's; a reading's are among its item's."""
    known = {m.name for m in ctx.sub.profile.models}
    for index, item in ctx.evidence():
        for i, name in enumerate(item.models or []):
            if name not in known:
                message = f"{item.id} names model {name!r}, which the deployment profile does not have"
                yield Problem(ctx.at("evidence", index, "models", i), "unknown-model", message)
        for m, reading in enumerate(item.metrics):
            for i, name in enumerate(reading.models or []):
                if name not in known:
                    message = f"{item.id}'s {reading.metric} reading names model {name!r}, not in the profile"
                    yield Problem(ctx.at("evidence", index, "metrics", m, "models", i), "unknown-model", message)
                elif item.models is not None and name not in item.models:
                    message = f"{item.id}'s {reading.metric} reading is about {name!r}, which the item does not cover"
                    yield Problem(ctx.at("evidence", index, "metrics", m, "models", i), "reading-outside-item", message)


def activity_dates(ctx: Context) -> Iterator[Problem]:
    """An activity happens on or before the assessment and before the report of it was issued."""
    on = ctx.sub.assessment.date
    for index, item in ctx.evidence():
        if item.performed is not None and item.performed > on:
            message = (
                f"{item.id} was performed {item.performed.isoformat()}, after the assessment date {on.isoformat()}"
            )
            yield Problem(ctx.at("evidence", index, "performed"), "performed-after-assessment", message)
        elif item.performed is not None and item.performed > item.date:
            message = (
                f"{item.id} was performed {item.performed.isoformat()}, after its report was issued "
                f"({item.date.isoformat()}): the evidence could not exist yet"
            )
            yield Problem(ctx.at("evidence", index, "performed"), "performed-after-issue", message)
        if item.in_force is not None and item.in_force.since > on:
            message = f"{item.id} takes effect {item.in_force.since.isoformat()}, after the assessment date"
            yield Problem(ctx.at("evidence", index, "in_force", "since"), "in-force-after-assessment", message)


def models_released(ctx: Context) -> Iterator[Problem]:
    """A model released after the assessment date cannot have been assessed in production."""
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
    for index, item in ctx.evidence():
        for i, reading in enumerate(item.metrics):
            metric = metrics.get(reading.metric)
            if metric is None:
                continue
            for key in ("at_most", "at_least"):
                value = getattr(reading, key)
                low, high = metric.minimum, metric.maximum
                if value is not None and ((low is not None and value < low) or (high is not None and value > high)):
                    message = f"{metric.id} {key.replace('_', ' ')} {value:g} is outside its range"
                    yield Problem(ctx.at("evidence", index, "metrics", i, key), "metric-value", message)


SCOPE_RULES = (model_names_unique, evidence_models_known, activity_dates, models_released, bounds_in_range)
