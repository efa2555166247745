"""Helpers for the standards-integrity tests: a copy of the repository's library of versions (drafts included)
and small in-place edits of its files, the way a standards body edits them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

STANDARD = Path(__file__).resolve().parent.parent / "standard"
TK05_THRESHOLD = "        value: 30\n"  # DCRS-TK-05's rollback threshold, in minutes


def library_copy(target: Path) -> Path:
    """A copy of standard/ as it is in the working tree (published versions, drafts, index) at `target`."""
    return Path(shutil.copytree(STANDARD, target))


def replace_once(path: Path, old: str, new: str, start: str | None = None) -> None:
    """Replace the first `old` in the file at or after `start`; the text must be there."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old, text.index(start) if start else 0)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def set_map_entry(folder: Path, req: str, entry: str) -> None:
    """Replace the one-line mapping of `req` in folder/migration.yaml with `entry` (a YAML flow mapping)."""
    path = folder / "migration.yaml"
    pattern = re.compile(r"^  - \{source: " + re.escape(req) + r", .*\}$", re.MULTILINE)
    text = path.read_text(encoding="utf-8")
    assert pattern.search(text), req
    path.write_text(pattern.sub(lambda _: "  - " + entry, text, count=1), encoding="utf-8")


def tighten_rollback(folder: Path, minutes: int) -> None:
    """DCRS-TK-05's rollback threshold set to `minutes` in the version at `folder`, typed in its map."""
    replace_once(folder / "domains" / "TK.yaml", TK05_THRESHOLD, f"        value: {minutes}\n", "  - id: DCRS-TK-05")
    entry = "{source: DCRS-TK-05, targets: [DCRS-TK-05], changes: [threshold], relationship: subset-of}"
    set_map_entry(folder, "DCRS-TK-05", entry)
