"""A word-level redline of two texts: removed words struck through, added words underlined, all escaped."""

from __future__ import annotations

import difflib

from markupsafe import Markup, escape


def redline(old: str, new: str) -> Markup:
    """`new` with the words `old` had and it lacks in <del>, and the words it adds in <ins>."""
    a, b = old.split(), new.split()
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
        if op == "equal":
            parts.append(str(escape(" ".join(b[j1:j2]))))
    return Markup(" ".join(parts))
