"""The scoring engine's sentences in a terminal's words: status codes and comparisons as a person says them.

Results keep their codes (`not_implemented`, `needs <= 24`): they are data, and published versions' results never
change. Text output reads them here; reports have their own, fuller `reports.labels.prose`, which also names
metrics from the standard.
"""

from __future__ import annotations

import re

_STATUS_CODES = re.compile(r"\bnot_(implemented|applicable)\b")
_TARGETS = re.compile(r"\bneeds (<=|>=|<|>|==) ")
_TARGET_WORDS = {"<=": "at most", ">=": "at least", "<": "under", ">": "over", "==": "exactly"}
_COMPARISONS = re.compile(r" (<=|>=|!=|==) ")
SYMBOLS = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}


def worded(sentence: str) -> str:
    """An engine sentence with its status codes in words, 'needs <= 24' as 'needs at most 24', and any other
    comparison as its symbol ('coverage ≥ 50%')."""
    text = _STATUS_CODES.sub(r"not \1", sentence)
    text = _TARGETS.sub(lambda m: f"needs {_TARGET_WORDS[m.group(1)]} ", text)
    return _COMPARISONS.sub(lambda m: f" {SYMBOLS[m.group(1)]} ", text)
