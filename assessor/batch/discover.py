"""Finding the inputs of a batch: every file under a folder, in a stable order, one folder at a time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUBMISSION_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


@dataclass(frozen=True)
class Input:
    """One file found: its path, its name relative to the folder searched, and whether its suffix is one a
    submission can have."""

    path: Path
    name: str
    candidate: bool


def inputs(folder: Path, skip: Path | None = None) -> Iterator[Input]:
    """Every regular file under `folder` (hidden files and folders, and the `skip` folder, left out), sorted
    by name within each folder; lazy, so a folder of any size is walked in constant memory."""
    skipped = os.path.realpath(skip) if skip is not None else None
    for here, folders, files in os.walk(folder):
        folders[:] = sorted(d for d in folders if not d.startswith(".") and _keep(Path(here) / d, skipped))
        for name in sorted(f for f in files if not f.startswith(".")):
            path = Path(here) / name
            if path.is_file():
                yield Input(path, path.relative_to(folder).as_posix(), path.suffix.lower() in SUBMISSION_SUFFIXES)


def count(folder: Path, skip: Path | None = None) -> int:
    """How many files `inputs` will yield (for a progress bar)."""
    return sum(1 for _ in inputs(folder, skip))


def _keep(path: Path, skipped: str | None) -> bool:
    return skipped is None or os.path.realpath(path) != skipped
