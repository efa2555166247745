"""The public API for many submissions at once: `batch` assesses every submission under a folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from assessor.api import load_standard
from assessor.batch.options import Options
from assessor.batch.records import Record
from assessor.batch.run import run
from assessor.batch.summary import Summary
from assessor.core.problems import UsageError
from assessor.dcrs.loader import default_standard_dir

__all__ = ["BatchRecord", "BatchSummary", "batch"]

BatchRecord = Record
BatchSummary = Summary


def batch(
    folder: Path | str,
    out: Path | str,
    *,
    jobs: int | None = None,
    pdf: bool = False,
    xlsx: bool = False,
    standard: Path | str | None = None,
    standard_version: str | None = None,
    on_record: Callable[[Record], None] | None = None,
) -> Summary:
    """Assess every submission (YAML, JSON, XLSX) under `folder` with `jobs` processes (default: every core),
    writing each result under `out` as it is made: results/NAME.json (and .pdf, .xlsx when asked), a record per
    input under records/, every record in batch.jsonl, the totals in summary.json. An input that fails is
    recorded with its located problems and the others go on; an input whose record is current (same bytes,
    same standard content, same tool version and options) is not assessed again. Each input is scored against
    the version it answers unless `standard_version` names one for all."""
    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    root = Path(standard) if standard is not None else default_standard_dir()
    load_standard(root, version=standard_version)  # an unknown version or an invalid standard fails before any work
    options = Options(folder, out, root.resolve(), standard_version, pdf, xlsx)
    return run(options, jobs if jobs is not None else (os.cpu_count() or 1), on_record)
