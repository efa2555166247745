"""Where a portfolio's results come from: a `dcr batch` output folder, or a folder of result JSON files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from assessor.batch.outputs import LOG
from assessor.batch.records import from_json
from assessor.core import limits
from assessor.core.problems import InvalidSubmission, Problem
from assessor.portfolio.build import Entry
from assessor.scoring.models import Assessment


def entries(folder: Path) -> Iterator[Entry]:
    """Every assessed result under `folder`: a batch's (with the evidence types each response cited) when the
    folder holds a batch log, else each `*.json` result file under it; InvalidSubmission names any result
    that cannot be read, all at once, after the readable ones."""
    problems: list[Problem] = []
    yield from (_batch(folder, problems) if (folder / LOG).is_file() else _results(folder, problems))
    if problems:
        raise InvalidSubmission(problems)


def _batch(folder: Path, problems: list[Problem]) -> Iterator[Entry]:
    with (folder / LOG).open(encoding="utf-8") as log:
        for number, line in enumerate(log, 1):
            try:
                record = from_json(line)
            except (ValueError, TypeError, KeyError):
                problems.append(Problem.at(f"{folder / LOG}:{number}", "unreadable-record", "not a batch record"))
                continue
            if record.status != "assessed":
                continue
            result = next((name for name in record.outputs if name.endswith(".json")), None)
            if result is not None and (assessment := _read(folder / result, problems)) is not None:
                yield Entry(assessment, record.evidence_types)


def _results(folder: Path, problems: list[Problem]) -> Iterator[Entry]:
    for path in sorted(folder.rglob("*.json")):
        if (assessment := _read(path, problems)) is not None:
            yield Entry(assessment)


def uploaded(files: Iterable[tuple[str, bytes]]) -> list[Entry]:
    """Results given as (name, bytes), e.g. uploads; InvalidSubmission names every one that is no result."""
    problems: list[Problem] = []
    found = [Entry(a) for name, data in files if (a := _parse(name, data, problems)) is not None]
    if problems:
        raise InvalidSubmission(problems)
    return found


def _read(path: Path, problems: list[Problem]) -> Assessment | None:
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.append(Problem.at(str(path), "unreadable-result", err.strerror or str(err)))
        return None
    return _parse(str(path), data, problems)


def _parse(name: str, data: bytes, problems: list[Problem]) -> Assessment | None:
    if len(data) > limits.FILE_BYTES:
        problems.append(Problem.at(name, "too-large", f"{len(data):,} bytes; the limit is {limits.FILE_BYTES:,}"))
        return None
    try:
        return Assessment.model_validate_json(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        problems.append(Problem.at(name, "not-a-result", f"not a DCRS result ({where}: {first['msg']})"))
    return None
