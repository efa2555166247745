"""Where a batch writes: each input's reports under results/, its record under records/, the log and summary."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from assessor.batch.options import Options
from assessor.core.atomic import clean_leftovers, temp_prefix
from assessor.core.problems import OutputError

RESULTS, RECORDS = "results", "records"
LOG, SUMMARY, CONTENT = "batch.jsonl", "summary.json", ".content"


# An input's outputs are named by text, not `pathlib.Path`, for the reason `discover` gives.


def result_name(name: str, kind: str) -> str:
    """Where the report of `kind` (json, pdf, xlsx) for the input named `name` (its path under the folder) goes,
    under the output folder: the input's full name kept, so a.yaml and a.json never share a report."""
    return f"{RESULTS}/{name}.{kind}"


def record_path(options: Options, name: str) -> str:
    """The record of the input named `name`."""
    return os.path.join(options.out, RECORDS, f"{name}.json")


def write(path: str | Path, data: bytes | str) -> str:
    """Write one output atomically (a temporary file renamed into place) and return its sha256. There is no
    fsync per file: a record names each output's sha256, so a file cut short by a crash is never taken as
    current on a re-run. The folder's leftovers of killed writers are removed once when the batch begins."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=temp_prefix(path), suffix=".tmp")
        try:
            os.fchmod(fd, 0o644)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    except OSError as err:
        raise OutputError(str(path), err.strerror or str(err)) from None
    return hashlib.sha256(payload).hexdigest()


def intact(out: Path, outputs: dict[str, str]) -> bool:
    """Whether every output a record names is present with the bytes it was written with."""
    for name, digest in outputs.items():
        try:
            if hashlib.sha256((out / name).read_bytes()).hexdigest() != digest:
                return False
        except OSError:
            return False
    return True


def tidy(out: Path) -> None:
    """Remove leftovers of killed writers from every folder of an earlier run's outputs (once per batch)."""
    for here, _folders, _files in os.walk(out):
        clean_leftovers(Path(here))
