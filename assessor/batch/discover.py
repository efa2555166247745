"""Finding the inputs of a batch: every file under a folder, in a stable order, one folder at a time.

Paths here are text, not `pathlib.Path`: on Python 3.11 a Path interns each part of its name, and making one per
input adds and drops an entry of the interpreter's table of interned strings each time, which then reallocates
itself (about 1 MB at once) every few thousand inputs, so a batch's peak memory grew with its size."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assessor.core.documents import file_suffix

SUBMISSION_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


@dataclass(frozen=True)
class Input:
    """One file found: its path, its name relative to the folder searched, and whether its suffix is one a
    submission can have."""

    path: str
    name: str
    candidate: bool


def inputs(folder: Path, skip: Path | None = None) -> Iterator[Input]:
    """Every regular file under `folder` (hidden files and folders, and the `skip` folder, left out), sorted
    by name within each folder; lazy, so a folder of any size is walked in constant memory."""
    skipped = os.path.realpath(skip) if skip is not None else None
    for here, folders, files in os.walk(folder):
        folders[:] = sorted(d for d in folders if not d.startswith(".") and _keep(os.path.join(here, d), skipped))
        within = os.path.relpath(here, folder).replace(os.sep, "/")
        for name in sorted(f for f in files if not f.startswith(".")):
            path = os.path.join(here, name)
            if os.path.isfile(path):
                yield Input(path, name if within == "." else f"{within}/{name}", is_candidate(name))


def is_candidate(name: str) -> bool:
    """Whether a file's name ends as a submission's can."""
    return file_suffix(name) in SUBMISSION_SUFFIXES


def count(folder: Path, skip: Path | None = None) -> int:
    """How many files `inputs` will yield (for a progress bar)."""
    return sum(1 for _ in inputs(folder, skip))


def _keep(path: str, skipped: str | None) -> bool:
    return skipped is None or os.path.realpath(path) != skipped
