"""Benchmark rows for `dcr batch`: throughput on one core and on two, a re-run, and memory as the batch grows."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import assessor
from assessor.intake.models import Submission
from bench.rows import ROOT, Row
from bench.timing import Timing, measure_pair


@dataclass(frozen=True)
class Megabytes(Timing):
    """Peak memory in MB: median, lowest and highest of `runs` runs (shown as MB, not as time)."""

    def show(self) -> str:
        return f"{self.median:.1f} MB ({self.low:.1f}–{self.high:.1f})"


def generated_folder(submissions: list[dict[str, Any]], copies: int = 1) -> Path:
    """A folder of JSON submissions: each generated one `copies` times, each copy a different organisation."""
    folder = Path(tempfile.mkdtemp(prefix="dcr-bench-batch-")) / "in"
    for copy in range(copies):
        (folder / f"{copy:03d}").mkdir(parents=True)
        for i, data in enumerate(submissions):
            data = {**data, "organisation": {**data["organisation"], "name": f"Lab {copy}-{i}"}}
            (folder / f"{copy:03d}" / f"{i:05d}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def batch_throughput(submissions: list[dict[str, Any]], repeat: int = 3) -> list[Row]:
    """batch-1: `assessor.batch` on one core vs reading, validating (pydantic) and writing the same documents;
    batch-2: two workers vs one; batch-rerun: a re-run with every result current vs the first run."""
    folder = generated_folder(submissions)
    n = len(submissions)
    one, floor = measure_pair(lambda: _batch(folder, 1), lambda: _floor(folder), repeat=repeat, warmup=1)
    two, one_again = measure_pair(lambda: _batch(folder, 2), lambda: _batch(folder, 1), repeat=repeat, warmup=0)
    machine = machine_scaling()
    kept = folder.parent / "kept"
    assessor.batch(folder, kept, jobs=1)
    rerun, first = measure_pair(lambda: assessor.batch(folder, kept, jobs=1), lambda: _batch(folder, 1), repeat=repeat)
    shutil.rmtree(folder.parent, ignore_errors=True)
    speedup = one_again.median / two.median
    return [
        Row("batch-1", f"dcr batch: {n:,} generated submissions → JSON, one core", one, floor,
            "read + pydantic validate + JSON write", "≤ 1.3× floor", one.median / floor.median <= 1.3,
            f"{n / one.median:,.0f}/s (floor {n / floor.median:,.0f}/s)"),
        Row("batch-2", f"dcr batch: {n:,} submissions, two workers", two, one_again,
            "the same batch on one core", "≥ 1.8× faster", speedup >= 1.8,
            f"speed-up {speedup:.2f}×; this machine's own two-process scaling of a pure-Python loop, same run: "
            f"{machine:.2f}×"),
        Row("batch-rerun", f"dcr batch re-run: {n:,} inputs all current", rerun, first,
            "the first run of the same batch", "≤ 0.25× first run", rerun.median / first.median <= 0.25),
    ]  # fmt: skip


SPIN = 20_000_000  # steps of the loop `machine_scaling` runs: about 1.5 s in one process


def machine_scaling(repeat: int = 3) -> float:
    """What two processes at once got from this machine in this run, to read the batch's speed-up beside: a
    pure-Python loop (no I/O, nothing shared) run twice in parallel against once alone, as the pair's speed-up;
    the median of `repeat` alternating pairs."""
    context = multiprocessing.get_context("fork")
    ratios = []
    for _ in range(repeat):
        with context.Pool(1) as pool:
            (alone,) = pool.map(_spin, [SPIN])
        with context.Pool(2) as pool:
            both = pool.map(_spin, [SPIN, SPIN])
        ratios.append(2 * alone / max(both))
    return statistics.median(ratios)


def _spin(n: int) -> float:
    """Seconds a pure-Python loop of `n` steps takes in this process."""
    start, total = time.perf_counter(), 0
    for i in range(n):
        total += i & 7
    return time.perf_counter() - start


def batch_memory(submissions: list[dict[str, Any]], repeat: int = 2) -> Row:
    """batch-mem: peak resident memory of a whole `dcr batch` process (one core) over 10× the inputs vs 1×."""
    small, large = generated_folder(submissions), generated_folder(submissions, copies=10)
    peaks: dict[Path, list[float]] = {small: [], large: []}
    for _ in range(repeat):
        for folder in (small, large):
            peaks[folder].append(_peak_mb(folder))
    shutil.rmtree(small.parent, ignore_errors=True)
    shutil.rmtree(large.parent, ignore_errors=True)
    ours, floor = (Megabytes(sorted(p)[len(p) // 2], min(p), max(p), len(p)) for p in (peaks[large], peaks[small]))
    n = len(submissions)
    return Row("batch-mem", f"dcr batch peak memory: {10 * n:,} submissions", ours, floor,
               f"the same at {n:,}", "no higher", ours.median <= floor.median,
               "peak resident memory (VmHWM) of the whole process, --jobs 1")  # fmt: skip


def _peak_mb(folder: Path) -> float:
    out = folder.parent / "out"
    # VmHWM is the peak of this process's own memory. ru_maxrss is not: Linux carries it across fork and exec,
    # so a child of this (by then gigabyte-sized) bench process would report the parent's size.
    code = (
        "import re, assessor\n"
        f"assessor.batch({str(folder)!r}, {str(out)!r}, jobs=1)\n"
        "print(re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()).group(1))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    shutil.rmtree(out, ignore_errors=True)
    return int(done.stdout.split()[-1]) / 1024


def _batch(folder: Path, jobs: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="dcr-bench-out-"))
    summary = assessor.batch(folder, out, jobs=jobs)
    assert summary.failed == 0 and summary.reused == 0, summary.line()
    shutil.rmtree(out, ignore_errors=True)


def _floor(folder: Path) -> None:
    out = Path(tempfile.mkdtemp(prefix="dcr-bench-floor-"))
    for path in sorted(folder.rglob("*.json")):
        model = Submission.model_validate_json(path.read_bytes())
        (out / path.name).write_text(json.dumps(model.model_dump(mode="json"), indent=2), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)


def impact_corpus(count: int, repeat: int = 2) -> Row:
    """impact: `standard_impact` of a draft (one threshold tightened) over `count` generated 1.2.0 submissions
    vs scoring the same, already validated, submissions under both versions."""
    import random

    from assessor.scoring.engine import score
    from bench.synthetic import random_submission
    from tests.test_impact import draft_library

    work = Path(tempfile.mkdtemp(prefix="dcr-bench-impact-"))
    library = draft_library(work, 20)
    current, draft = assessor.load_standard(library, version="1.2.0"), assessor.load_standard(library, version="1.3.0")
    corpus = work / "corpus"
    corpus.mkdir()
    generated = [random_submission(current, random.Random(seed)) for seed in range(count)]
    for i, data in enumerate(generated):
        (corpus / f"{i:05d}.json").write_text(json.dumps(data), encoding="utf-8")
    models = [Submission.model_validate(d) for d in generated]

    def twice() -> None:
        for submission in models:
            score(current, submission)
            score(draft, submission)

    ours, floor = measure_pair(lambda: assessor.standard_impact("1.3.0", corpus=corpus, standard=library), twice,
                               repeat=repeat, warmup=0)  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)
    ratio = ours.median / floor.median
    return Row("impact", f"dcr standard impact: {count:,} generated submissions", ours, floor,
               "scoring them under both versions", "≤ 2.2× floor", ratio <= 2.2)  # fmt: skip
