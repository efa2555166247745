"""Scores and changes of score as every document prints them: one decimal, a change with its sign."""

from __future__ import annotations


def points(value: float | None) -> str:
    """A score out of 100 with one decimal ("84.2"); "n/a" when there is none."""
    return "n/a" if value is None else f"{value:.1f}"


def change(value: float | None) -> str:
    """A change of score with its sign and one decimal ("+41.0", "-3.5"); "0.0" for none, "–" when unknown."""
    if value is None:
        return "–"
    return "0.0" if value == 0 else f"{value:+.1f}"
