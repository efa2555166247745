"""The PDF's cost budget: what one report shows in full, so no submission can make rendering slow.

Text is capped (the attached submission keeps every character), unbroken runs get break opportunities so
nothing is clipped at the page edge, and a huge evidence register is listed only up to a count.
"""

from __future__ import annotations

import re
from typing import TypeVar

from assessor.core.limits import REPORT_EVIDENCE_ROWS, REPORT_RUN, REPORT_TEXT

T = TypeVar("T")
_LONG_RUN = re.compile(rf"\S{{{REPORT_RUN + 1},}}")
_BREAK = "\u200b"  # zero-width space: a line may break here, nothing is drawn


def shown_text(text: str) -> str:
    """`text` as the PDF shows it: at most REPORT_TEXT characters, long runs breakable."""
    if len(text) > REPORT_TEXT:
        rest = len(text) - REPORT_TEXT
        text = f"{text[:REPORT_TEXT]}… [{rest:,} more characters in the attached submission]"
    return _LONG_RUN.sub(lambda m: _breakable(m.group()), text)


def shown_rows(rows: list[T]) -> tuple[list[T], int]:
    """The evidence rows the PDF lists, and how many it leaves to the attachment."""
    return rows[:REPORT_EVIDENCE_ROWS], max(len(rows) - REPORT_EVIDENCE_ROWS, 0)


def _breakable(run: str) -> str:
    return _BREAK.join(run[i : i + REPORT_RUN] for i in range(0, len(run), REPORT_RUN))
