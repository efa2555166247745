"""Check parsed data against the limits in one linear walk: sizes, counts, text a format cannot hold, numbers.

Every document (standard, submission, review, workbook, app draft) passes through here before any model sees
it, so a hostile value is refused with its location instead of costing time, memory or a crash later.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
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
    return list(_walk(data, (), "", 0, locate))


def text_problem(text: str, key: str) -> tuple[str, str] | None:
    """(code, message) when a string breaks a text limit or holds a character that cannot be kept."""
    limit = limits.text_limit(key)
    if len(text) > limit:
        return "text-too-long", f"{len(text):,} characters; at most {limit:,} are accepted here"
    bad = _BAD_CHARS.search(text)
    if bad:
        return "bad-character", f"holds the character U+{ord(bad.group()):04X} at position {bad.start() + 1}"
    if _COMBINING_RUN.search(text):
        return "bad-character", f"more than {limits.COMBINING_RUN} combining marks in a row"
    return None


def _walk(value: Any, path: JsonPath, key: str, depth: int, locate: Locate) -> Iterator[Problem]:
    if depth > limits.DEPTH:
        yield Problem(locate(path), "too-deep", f"nested more than {limits.DEPTH} levels")
    elif isinstance(value, dict):
        yield from _mapping(value, path, depth, locate)
    elif isinstance(value, list):
        yield from _list(value, path, key, depth, locate)
    elif isinstance(value, str):
        found = text_problem(value, key)
        if found:
            yield Problem(locate(path), *found)
    elif isinstance(value, float) and not math.isfinite(value):
        yield Problem(locate(path), "not-finite", "infinite or NaN numbers are not allowed")


def _mapping(value: dict[Any, Any], path: JsonPath, depth: int, locate: Locate) -> Iterator[Problem]:
    if len(value) > limits.KEYS_PER_MAPPING:
        message = f"{len(value):,} keys; at most {limits.KEYS_PER_MAPPING:,} are accepted"
        yield Problem(locate(path), "too-many-items", message)
        return
    for child_key, child in value.items():
        name = str(child_key)
        if len(name) > limits.KEY_CHARS or _BAD_CHARS.search(name):
            shown = name[:40] + ("…" if len(name) > 40 else "")
            yield Problem(locate(path), "bad-key", f"key {shown!r} is too long or holds a control character")
            continue
        yield from _walk(child, (*path, name), name, depth + 1, locate)


def _list(value: list[Any], path: JsonPath, key: str, depth: int, locate: Locate) -> Iterator[Problem]:
    limit = limits.list_limit(key)
    if len(value) > limit:
        yield Problem(locate(path), "too-many-items", f"{len(value):,} items; at most {limit:,} are accepted")
        return
    for index, child in enumerate(value):
        yield from _walk(child, (*path, index), key, depth + 1, locate)
