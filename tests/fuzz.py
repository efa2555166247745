"""`make fuzz`: run every fuzz target for a time box and report the inputs tried and the crashes found.

    python -m tests.fuzz [SECONDS]      (default $FUZZ_SECONDS or 300, shared among the targets)

Exits 1 when any target crashed, printing the smallest input hypothesis found for it. Uses hypothesis;
atheris is used instead when it is installed (coverage-guided), for the text targets it can drive.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis.errors import HypothesisWarning

from tests.fuzz_targets import TARGETS

ROUND = 200  # examples per hypothesis run; rounds repeat until the target's share of the time is used


def fuzz(name: str, seconds: float) -> tuple[int, list[str]]:
    """Inputs tried and crashes found for one target within `seconds`."""
    target, strategy = TARGETS[name]
    tried = 0
    crashes: list[str] = []

    @settings(max_examples=ROUND, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy())
    def run(value: Any) -> None:
        nonlocal tried
        tried += 1
        target(value)

    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            run()
        except Exception as crash:  # hypothesis re-raises the shrunk failing example
            crashes.append(f"{type(crash).__name__}: {crash}"[:2000])
            break
    return tried, crashes


def main(argv: list[str]) -> int:
    """Fuzz every target for its share of the time box; the exit code says whether anything crashed."""
    warnings.simplefilter("ignore", HypothesisWarning)  # reprs of large generated inputs
    total = float(argv[1]) if len(argv) > 1 else float(os.environ.get("FUZZ_SECONDS", "300"))
    share = total / len(TARGETS)
    print(f"fuzzing {len(TARGETS)} targets for {total:.0f} s ({share:.0f} s each) with hypothesis")
    failed = 0
    inputs = 0
    for name in TARGETS:
        tried, crashes = fuzz(name, share)
        inputs += tried
        failed += len(crashes)
        print(f"  {name:<12} {tried:>8,} inputs  {len(crashes)} crash(es)")
        for crash in crashes:
            print(f"    {crash}")
    print(f"{inputs:,} inputs tried, {failed} crash(es)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
