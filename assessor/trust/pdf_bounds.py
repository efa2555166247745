"""A PDF's cost, measured before it is parsed: nesting depth of arrays and dictionaries, and indirect objects.

pyHanko parses nested arrays and dictionaries recursively, so a few kilobytes of `[[[[…` crash it; one linear
pass over the bytes (literal strings and stream data skipped) finds the depth and the object count first.
"""

from __future__ import annotations

import re

from assessor.core import limits

_TOKENS = re.compile(
    rb"<<|>>|\[|\]"  # nesting
    rb"|\((?:\\.|[^\\()])*\)"  # a literal string (not nesting)
    rb"|\bstream\r?\n"  # stream data follows: skipped to endstream
    rb"|\bobj\b",  # an indirect object
    re.DOTALL,
)
_ENDSTREAM = re.compile(rb"\bendstream\b")


def pdf_cost_problem(data: bytes) -> str | None:
    """Why the PDF is refused before parsing (nesting or objects beyond the limits), or None."""
    depth = deepest = objects = 0
    position = 0
    while match := _TOKENS.search(data, position):
        token, position = match.group(), match.end()
        if token in (b"<<", b"["):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limits.PDF_DEPTH:
                return f"it nests arrays and dictionaries more than {limits.PDF_DEPTH} deep"
        elif token in (b">>", b"]"):
            depth = max(0, depth - 1)
        elif token == b"obj":
            objects += 1
            if objects > limits.PDF_OBJECTS:
                return f"it holds more than {limits.PDF_OBJECTS:,} objects"
        elif token.startswith(b"stream"):
            end = _ENDSTREAM.search(data, position)
            position = end.end() if end else len(data)
    return None
