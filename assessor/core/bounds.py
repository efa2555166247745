"""Check parsed data against the limits in one linear walk: sizes, counts, text a format cannot hold, numbers.

Every document (standard, submission, review, workbook, app draft) passes through here before any model sees
it, so a hostile value is refused with its location instead of costing time, memory or a crash later.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from assessor.core import limits
from assessor.core.problems import JsonPath, Location, Problem

# Characters no document format here can carry unchanged: C0 controls but tab/newline/return, DEL,
# lone surrogates (not encodable as UTF-8) and the non-characters U+FFFE/U+FFFF.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_COMBINING_RUN = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u20d0-\u20ff\ufe20-\ufe2f]" + f"{{{limits.COMBINING_RUN + 1},}}"
)
Locate = Callable[[JsonPath], Location]


def bound_problems(data: Any, locate: Locate) -> list[Problem]:
    """Every limit `data` breaks, each located; an empty list when it is within bounds."""
    found: list[Problem] = []
    _Walk(locate, found).value(data, [], "", 0)
    return found


def text_problem(text: str, key: str) -> tuple[str, str] | None:
    """(code, message) when a string breaks a text limit or holds a character that cannot be kept."""
    limit = limits.text_limit(key)
    if len(text) > limit:
        return "text-too-long", f"{len(text):,} characters; at most {limit:,} are accepted here"
    if text.isascii() and text.isprintable():  # U+0020-U+007E only: nothing below can match
        return None
    bad = _BAD_CHARS.search(text)
    if bad:
        return "bad-character", f"holds the character U+{ord(bad.group()):04X} at position {bad.start() + 1}"
    if not text.isascii() and _COMBINING_RUN.search(text):  # combining marks are never ASCII
        return "bad-character", f"more than {limits.COMBINING_RUN} combining marks in a row"
    return None


class _Walk:
    """One depth-first walk; the path is a stack, made a tuple only to locate a problem."""

    def __init__(self, locate: Locate, found: list[Problem]) -> None:
        self.locate, self.found = locate, found

    def problem(self, path: list[str | int], code: str, message: str) -> None:
        self.found.append(Problem(self.locate(tuple(path)), code, message))

    def value(self, value: Any, path: list[str | int], key: str, depth: int) -> None:
        if depth > limits.DEPTH:
            self.problem(path, "too-deep", f"nested more than {limits.DEPTH} levels")
        elif isinstance(value, str):
            found = text_problem(value, key)
            if found:
                self.problem(path, *found)
        elif isinstance(value, dict):
            self.mapping(value, path, depth)
        elif isinstance(value, list):
            self.sequence(value, path, key, depth)
        elif isinstance(value, float) and not math.isfinite(value):
            self.problem(path, "not-finite", "infinite or NaN numbers are not allowed")

    def mapping(self, value: dict[Any, Any], path: list[str | int], depth: int) -> None:
        if len(value) > limits.KEYS_PER_MAPPING:
            message = f"{len(value):,} keys; at most {limits.KEYS_PER_MAPPING:,} are accepted"
            self.problem(path, "too-many-items", message)
            return
        shallow = depth < limits.DEPTH  # the children are within the depth limit
        for child_key, child in value.items():
            name = str(child_key)
            # Printable ASCII (U+0020-U+007E) holds no character refused here, so it skips the search.
            if len(name) > limits.KEY_CHARS or (
                not (name.isascii() and name.isprintable()) and _BAD_CHARS.search(name)
            ):
                shown = name[:40] + ("…" if len(name) > 40 else "")
                self.problem(path, "bad-key", f"key {shown!r} is too long or holds a control character")
                continue
            # The common leaves, plainly within every limit, are decided here without a call per leaf.
            if shallow and (
                (
                    type(child) is str
                    and child.isascii()
                    and child.isprintable()
                    and len(child) <= limits.text_limit(name)
                )
                or child is None
                or type(child) in _PLAIN
            ):
                continue
            path.append(name)
            self.value(child, path, name, depth + 1)
            path.pop()

    def sequence(self, value: list[Any], path: list[str | int], key: str, depth: int) -> None:
        limit = limits.list_limit(key)
        if len(value) > limit:
            self.problem(path, "too-many-items", f"{len(value):,} items; at most {limit:,} are accepted")
            return
        shallow, text = depth < limits.DEPTH, limits.text_limit(key)
        for index, child in enumerate(value):
            if shallow and (
                (type(child) is str and child.isascii() and child.isprintable() and len(child) <= text)
                or child is None
                or type(child) in _PLAIN
            ):
                continue
            path.append(index)
            self.value(child, path, key, depth + 1)
            path.pop()


# Leaves no limit applies to (floats are checked for being finite, so they are walked).
_PLAIN = frozenset({int, bool})
