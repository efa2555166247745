"""How `dcr batch` shows its progress: each failure's problems as it comes, and a bar only on a terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import Any

import click

from assessor.batch.discover import count
from assessor.batch.records import Record
from assessor.cli.output import OUTPUT, show_problems


class Progress:
    """Prints each record's problems; draws a progress bar on standard error when it is a terminal."""

    def __init__(self, folder: Path, out: Path) -> None:
        self.bar: Any = None
        if sys.stderr.isatty() and not OUTPUT.quiet:
            total = count(folder, skip=out)
            self.bar = click.progressbar(length=total, label="Assessing", file=sys.stderr)

    def record(self, record: Record) -> None:
        """One input done: its errors (and, unless quiet or unchanged, its warnings) shown; the bar moved on."""
        shown = [p for p in record.problems if p.severity == "error" or not (OUTPUT.quiet or record.reused)]
        if shown:
            if self.bar is not None:
                click.echo("", err=True)
            show_problems(shown)
        if self.bar is not None:
            self.bar.update(1)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.__exit__(kind, error, trace)
