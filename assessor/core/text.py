"""Text meant for one line, text that shows nothing, and neutralising what a terminal or a report must not obey.

A name or a title is one line: a line break, a C0 or C1 control character or a bidirectional override in it
could forge a line of a summary, rewrite a terminal, or reorder what a reader sees. Such text is refused where
it enters (`single_line_problem`) and escaped wherever it is shown (`neutralised`). Text made only of spaces and
invisible characters (zero-width spaces, joiners, fillers) is empty text (`is_blank`).
"""

from __future__ import annotations

import json
import re
import unicodedata

# Line breaks beyond \n and \r: vertical tab, form feed, file/group/record separators, NEL, U+2028, U+2029.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Bidirectional controls: marks, embeddings, overrides and isolates.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
# What a multi-line text shown in a report may not carry: controls other than tab and line feed, bidi controls.
_UNSHOWABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
# Characters that render as nothing although Unicode does not class them as spaces or format characters.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def single_line_problem(text: str) -> str | None:
    """Why `text` cannot stand as one line (a line break, a control character, a bidi control), or None."""
    match = _UNSAFE.search(text)
    if match is None:
        return None
    char = match.group()
    kind = "a line break" if char in _BREAKS else "a bidirectional control" if char in _BIDI else "a control character"
    return f"holds {kind} ({_escape(char)}) where one line of text is meant"


def neutralised(text: str) -> str:
    """`text` with every line break, control character and bidi control shown as a visible escape (\\u202e)."""
    return _UNSAFE.sub(lambda m: _escape(m.group()), text)


def shown(text: str) -> str:
    """Multi-line `text` as a report may show it: tabs and line feeds kept, every other control character and
    every bidi control as a visible escape, so nothing reorders or hides what a reader sees."""
    return _UNSHOWABLE.sub(lambda m: _escape(m.group()), text)


def is_blank(text: str) -> bool:
    """Whether `text` shows nothing: only spaces, separators, format characters (zero-width) and fillers."""
    return all(_invisible(char) for char in text)


def _invisible(char: str) -> bool:
    return char.isspace() or char in _FILLERS or unicodedata.category(char) in {"Cf", "Cc", "Zs", "Zl", "Zp", "Mn"}


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_clip(value: object, width: int = 60) -> str:
    """A value as one short line of JSON for a message, cut with an ellipsis past `width` characters."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= width else text[: width - 1] + "…"
