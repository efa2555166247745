"""Editing the library's index (versions.yaml) as text, so its comments and layout stay as a person wrote them:
one entry per version (`- version:`, `status:`, optional `sha256:`), set or appended in place."""

from __future__ import annotations

import re

_ENTRY = re.compile(
    r"^  - version: (?P<version>\S+)\n    status: (?P<status>\S+)\n(?:    sha256: (?P<sha256>\S+)\n)?", re.MULTILINE
)


def entries(text: str) -> dict[str, tuple[str, str | None]]:
    """version -> (status, sha256 or None), as the index lists them."""
    return {m["version"]: (m["status"], m["sha256"]) for m in _ENTRY.finditer(text)}


def set_entry(text: str, version: str, status: str, sha256: str | None) -> str:
    """The index with `version`'s entry replaced, or appended after the last entry."""
    block = f"  - version: {version}\n    status: {status}\n" + (f"    sha256: {sha256}\n" if sha256 else "")
    for match in _ENTRY.finditer(text):
        if match["version"] == version:
            return text[: match.start()] + block + text[match.end() :]
    last = list(_ENTRY.finditer(text))
    if not last:
        raise ValueError("the index lists no versions to add after")
    end = last[-1].end()
    return text[:end] + block + text[end:]
