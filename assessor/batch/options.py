"""What a batch is asked to do: read from one folder, write to another, which reports, which standard."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """Everything a worker needs to assess one input (plain data, so it crosses into worker processes)."""

    folder: Path
    out: Path
    standard_root: Path
    version: str | None = None
    """Assess every input against this version; by default each against the version it answers."""
    pdf: bool = False
    xlsx: bool = False

    def reports(self) -> str:
        """The reports asked for, as part of the freshness key."""
        return ",".join(kind for kind, wanted in (("json", True), ("pdf", self.pdf), ("xlsx", self.xlsx)) if wanted)
