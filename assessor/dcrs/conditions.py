"""Evaluate a standard's conditions (applies_when, scope caveats) against a deployment profile."""

from __future__ import annotations

from assessor.dcrs.models import Condition


def holds(condition: Condition | None, surfaces: frozenset[str]) -> bool:
    """True when every part of the condition holds for the profile's surfaces; no condition always holds."""
    if condition is None:
        return True
    if condition.surfaces_any is not None and not surfaces.intersection(condition.surfaces_any):
        return False
    if condition.surfaces_all is not None and not surfaces.issuperset(condition.surfaces_all):
        return False
    return not (condition.surfaces_none is not None and surfaces.intersection(condition.surfaces_none))


def describe(condition: Condition) -> str:
    """The condition in words, for reasons and reports."""
    parts = []
    if condition.surfaces_any:
        parts.append("a model is served on " + " or ".join(condition.surfaces_any))
    if condition.surfaces_all:
        parts.append("models are served on all of " + ", ".join(condition.surfaces_all))
    if condition.surfaces_none:
        parts.append("no model is served on " + " or ".join(condition.surfaces_none))
    return " and ".join(parts)
