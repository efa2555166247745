"""Running a batch: inputs found lazily, assessed in chunks by a pool of workers, each record streamed to the log
as it arrives; a bounded number of chunks in flight, so memory stays flat however many inputs there are."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import islice

from assessor.batch.discover import Input, inputs
from assessor.batch.duplicates import Duplicates
from assessor.batch.options import Options
from assessor.batch.outputs import CONTENT, LOG, SUMMARY, tidy, write
from assessor.batch.records import Record, to_json
from assessor.batch.summary import Summary, summary_json
from assessor.batch.worker import assess_chunk, assess_input, standards_for
from assessor.core.problems import Problem
from assessor.core.version import __version__

CHUNK = 8
"""Inputs sent to a worker at a time: enough to hide the cost of a round trip, few enough to balance."""
IN_FLIGHT_PER_WORKER = 3


def run(options: Options, jobs: int = 1, on_record: Callable[[Record], None] | None = None) -> Summary:
    """Assess every input under `options.folder` with `jobs` processes (1: in this process); each record is
    appended to the log and passed to `on_record` as it arrives; the summary is written at the end."""
    options.out.mkdir(parents=True, exist_ok=True)
    tidy(options.out)
    summary = Summary()
    with Duplicates(options.out / CONTENT) as duplicates, (options.out / LOG).open("w", encoding="utf-8") as log:
        for record in _records(options, jobs):
            log.write(to_json(record) + "\n")
            duplicates.add(record)
            summary.add(record)
            if on_record is not None:
                on_record(record)
        summary.duplicates = duplicates.groups()
    write(options.out / SUMMARY, summary_json(summary, options))
    return summary


def _records(options: Options, jobs: int) -> Iterator[Record]:
    found = inputs(options.folder, skip=options.out)
    if jobs <= 1:
        standards_for(options.standard_root)
        yield from (assess_input(options, i.name) if i.candidate else _other(i) for i in found)
        return
    yield from _parallel(options, jobs, found)


def _parallel(options: Options, jobs: int, found: Iterator[Input]) -> Iterator[Record]:
    standards_for(options.standard_root)  # loaded before the workers fork, so each starts with it
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(jobs, context, initializer=standards_for, initargs=(options.standard_root,))
    pending: set[Future[list[Record]]] = set()
    try:
        for chunk in iter(lambda: list(islice(found, CHUNK)), []):
            yield from (_other(i) for i in chunk if not i.candidate)
            names = [i.name for i in chunk if i.candidate]
            if names:
                pending.add(pool.submit(assess_chunk, options, names))
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (record for future in done for record in future.result())
        for future in pending:
            yield from future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _other(found: Input) -> Record:
    message = "not a submission file (a submission is .yaml, .yml, .json or .xlsx), skipped"
    problem = Problem.at(found.path, "not-a-submission", message)
    return Record(found.name, "not-a-submission", tool_version=__version__, problems=[_warning(problem)])


def _warning(problem: Problem) -> Problem:
    return Problem(problem.location, problem.code, problem.message, severity="warning")
