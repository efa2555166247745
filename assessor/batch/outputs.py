"""Where a batch writes: each input's reports under results/, its record under records/, the log and summary."""

from __future__ import annotations

import os
from pathlib import Path

from assessor.batch.options import Options
from assessor.core.atomic import clean_leftovers, write_atomic

RESULTS, RECORDS = "results", "records"
LOG, SUMMARY, CONTENT = "batch.jsonl", "summary.json", ".content"


def result_path(options: Options, name: str, kind: str) -> Path:
    """The report of `kind` (json, pdf, xlsx) for the input named `name` (its path under the folder): the
    input's full name kept, so a.yaml and a.json never share a report."""
    return options.out / RESULTS / f"{name}.{kind}"


def record_path(options: Options, name: str) -> Path:
    """The record of the input named `name`."""
    return options.out / RECORDS / f"{name}.json"


def write(path: Path, data: bytes | str) -> None:
    """Write one output atomically; the folder's leftovers were cleaned once when the batch began."""
    write_atomic(path, data, tidy=False)


def tidy(out: Path) -> None:
    """Remove leftovers of killed writers from every folder of an earlier run's outputs (once per batch)."""
    for here, _folders, _files in os.walk(out):
        clean_leftovers(Path(here))
