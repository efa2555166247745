"""Column widths from content for the PDF's long tables, computed once in Python so WeasyPrint can lay them
out with the fast fixed algorithm (automatic layout measures every cell twice, which dominated rendering).

As CSS's automatic layout does: each column gets at least its longest word, then the room left is shared in
proportion to how much more its longest cell would take.
"""

from __future__ import annotations

from collections.abc import Sequence

LINE = 130  # characters across the page at a table's size; only the proportions matter
PAD = 4  # a cell's padding, in characters


def column_widths(
    columns: Sequence[Sequence[str]], *, nowrap: Sequence[int] = (), scale: Sequence[float] | None = None
) -> list[float]:
    """Percentages (summing to 100) for columns given as their cells' text, header first; cells of the
    `nowrap` columns never break, and `scale` widens a column whose font is wider (bold monospace ids)."""
    factor = scale or [1.0] * len(columns)
    least = [
        factor[i] * max((len(c) if i in nowrap else _word(c) for c in col), default=1) + PAD
        for i, col in enumerate(columns)
    ]
    most = [max(factor[i] * max((len(c) for c in col), default=1) + PAD, least[i]) for i, col in enumerate(columns)]
    most = [min(m, max(LINE * 0.45, n)) for m, n in zip(most, least, strict=True)]
    if sum(most) <= LINE:
        return _percent(most)
    room = max(LINE - sum(least), 0)
    extra = [m - n for m, n in zip(most, least, strict=True)]
    total = sum(extra) or 1
    return _percent([n + room * e / total for n, e in zip(least, extra, strict=True)])


def _word(cell: str) -> int:
    return max((len(w) for w in cell.split()), default=1)


def _percent(widths: Sequence[float]) -> list[float]:
    total = sum(widths)
    return [round(100 * w / total, 1) for w in widths]
