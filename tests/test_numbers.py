"""Scores and changes print alike in every document: one decimal, a change with its sign."""

from __future__ import annotations

import pytest

from assessor.reports.bars import bar_chart
from assessor.reports.numbers import change, points


@pytest.mark.parametrize(("value", "shown"), [(None, "n/a"), (0.0, "0.0"), (41.0, "41.0"), (26.914, "26.9")])
def test_a_score_has_one_decimal(value: float | None, shown: str) -> None:
    """A whole score and a fractional one print with the same single decimal."""
    assert points(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [(None, "–"), (0.0, "0.0"), (41.0, "+41.0"), (26.91, "+26.9"), (-3.45, "-3.5"), (0.04, "+0.0")]
)
def test_a_change_has_its_sign_and_one_decimal(value: float | None, shown: str) -> None:
    """A rise carries +, a fall -, no change 0.0; a change too small to show still says which way it went."""
    assert change(value) == shown


def test_a_chart_of_scores_prints_each_value_alike() -> None:
    """With decimals=1, +41 and +26.91 are written +41.0 and +26.9 beside their bars and in the text alternative."""
    svg = bar_chart("changes", [("A", 41.0), ("B", 26.91), ("C", None)], 50, minimum=-50, decimals=1)
    assert "A: +41.0; B: +26.9; C: n/a" in svg
    assert ">+41.0<" in svg and ">+26.9<" in svg


def test_a_chart_of_counts_keeps_whole_numbers() -> None:
    """Without decimals, a count prints as the whole number it is."""
    assert "A: 3; B: 1" in bar_chart("counts", [("A", 3), ("B", 1)], 4)
