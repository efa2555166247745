"""A batch's totals: how many inputs ended how, which share content, and whether any failed."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from assessor.batch.options import Options
from assessor.batch.records import Record
from assessor.core.version import __version__


@dataclass
class Summary:
    """Counts by outcome (reused results counted apart), and the groups of inputs with the same content."""

    counts: Counter[str] = field(default_factory=Counter)
    reused: int = 0
    duplicates: list[list[str]] = field(default_factory=list)

    def add(self, record: Record) -> None:
        """Count one record."""
        self.counts[record.status] += 1
        self.reused += record.reused

    @property
    def failed(self) -> int:
        """Inputs that failed validation or could not be assessed."""
        return self.counts["invalid"] + self.counts["error"]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        """One sentence for a person."""
        parts = [
            f"{self.total} files",
            f"{self.counts['assessed']} assessed",
            f"{self.reused} unchanged since the last run",
        ]
        parts += [f"{self.counts[k]} {k}" for k in ("invalid", "error", "not-a-submission") if self.counts[k]]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} groups of duplicates")
        return ", ".join(parts) + "."


def summary_json(summary: Summary, options: Options) -> str:
    """The summary as stable JSON (no times, nothing that depends on the order inputs finished in)."""
    data = {
        "tool_version": __version__,
        "standard_version": options.version,
        "reports": options.reports().split(","),
        "files": summary.total,
        "counts": dict(sorted(summary.counts.items())),
        "reused": summary.reused,
        "failed": summary.failed,
        "duplicates": summary.duplicates,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
