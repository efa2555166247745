"""Repeated timing with warm-up: median and spread, never a single sample."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Seconds per run: median, fastest and slowest of `runs` runs after warm-up."""

    median: float
    low: float
    high: float
    runs: int

    def show(self) -> str:
        """'123.4 ms (120.1–130.9)' or '1.52 s (1.49–1.60)'."""
        scale, unit = (1000, "ms") if self.median < 1 else (1, "s")
        return f"{self.median * scale:.1f} {unit} ({self.low * scale:.1f}–{self.high * scale:.1f})"


@contextmanager
def own_garbage_only() -> Iterator[None]:
    """While timing, the collector skips what the bench process already holds: a run pays for collecting its own
    garbage, not for walking everything earlier rows left alive (the process grows past a gigabyte)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def cpu_seconds(work: Callable[[], object]) -> float:
    """The CPU time of this thread while `work` runs (steadier than wall time on a shared machine)."""
    start = time.thread_time()
    work()
    return time.thread_time() - start


def measure(work: Callable[[], object], *, repeat: int, warmup: int = 1) -> Timing:
    """Time `work` `repeat` times after `warmup` untimed runs."""
    for _ in range(warmup):
        work()
    samples = []
    with own_garbage_only():
        for _ in range(repeat):
            start = time.perf_counter()
            work()
            samples.append(time.perf_counter() - start)
    return Timing(statistics.median(samples), min(samples), max(samples), repeat)


def measure_pair(
    ours: Callable[[], object], floor: Callable[[], object], *, repeat: int, warmup: int = 1
) -> tuple[Timing, Timing]:
    """Time two pieces of work alternately, so drift in the machine's speed falls on both alike."""
    for _ in range(warmup):
        ours()
        floor()
    samples: tuple[list[float], list[float]] = ([], [])
    with own_garbage_only():
        for _ in range(repeat):
            for work, bucket in ((ours, samples[0]), (floor, samples[1])):
                start = time.perf_counter()
                work()
                bucket.append(time.perf_counter() - start)
    a, b = samples
    return (Timing(statistics.median(a), min(a), max(a), repeat), Timing(statistics.median(b), min(b), max(b), repeat))
