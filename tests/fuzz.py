"""`make fuzz`: run every fuzz target for a time box and report the inputs tried and the crashes found.

    python -m tests.fuzz [SECONDS]      (default $FUZZ_SECONDS or 300, shared among the targets)

Exits 1 when any target crashed, printing the smallest input hypothesis found for it. Uses hypothesis;
when atheris is installed, the text and byte targets it can drive (YAML, JSON, uploads) run under atheris
(coverage-guided) instead, each in its own process.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
import warnings
from typing import Any

from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis.errors import HypothesisWarning

from tests.fuzz_targets import TARGETS

ROUND = 200  # examples per hypothesis run; rounds repeat until the target's share of the time is used
ATHERIS_TARGETS = ("yaml-text", "json-text", "upload")


def fuzz(name: str, seconds: float) -> tuple[int, list[str]]:
    """Inputs tried and crashes found for one target within `seconds`."""
    target, strategy = TARGETS[name]
    tried = 0
    crashes: list[str] = []

    stop = time.monotonic() + seconds

    @settings(max_examples=ROUND, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              verbosity=Verbosity.quiet)  # fmt: skip
    @given(strategy())
    def run(value: Any) -> None:
        nonlocal tried
        if time.monotonic() > stop:
            raise _TimeUp
        tried += 1
        target(value)

    while time.monotonic() < stop:
        try:
            run()
        except _TimeUp:
            break
        except Exception as crash:  # hypothesis re-raises the shrunk failing example
            crashes.append(f"{type(crash).__name__}: {crash}"[:2000])
            break
    return tried, crashes


class _TimeUp(BaseException):
    """The target's share of the time box is used (a BaseException, so hypothesis does not shrink it)."""


def fuzz_atheris(name: str, seconds: float) -> tuple[int, list[str]]:
    """Inputs tried and crashes found for one target run by atheris in its own process."""
    argv = [sys.executable, "-m", "tests.fuzz_atheris", name, str(max(int(seconds), 1))]
    done = subprocess.run(argv, capture_output=True, text=True, errors="replace", check=False)
    runs = re.findall(r"number_of_executed_units: (\d+)", done.stderr) or re.findall(r"Done (\d+) runs", done.stderr)
    crashes = [] if done.returncode == 0 else [done.stderr[-2000:]]
    return (int(runs[-1]) if runs else 0), crashes


def main(argv: list[str]) -> int:
    """Fuzz every target for its share of the time box; the exit code says whether anything crashed."""
    warnings.simplefilter("ignore", HypothesisWarning)  # reprs of large generated inputs
    total = float(argv[1]) if len(argv) > 1 else float(os.environ.get("FUZZ_SECONDS", "300"))
    share = total / len(TARGETS)
    atheris = importlib.util.find_spec("atheris") is not None
    engine = "atheris (text and bytes) and hypothesis" if atheris else "hypothesis"
    print(f"fuzzing {len(TARGETS)} targets for {total:.0f} s ({share:.0f} s each) with {engine}")
    failed = 0
    inputs = 0
    for name in TARGETS:
        tried, crashes = fuzz_atheris(name, share) if atheris and name in ATHERIS_TARGETS else fuzz(name, share)
        inputs += tried
        failed += len(crashes)
        print(f"  {name:<12} {tried:>8,} inputs  {len(crashes)} crash(es)")
        for crash in crashes:
            print(f"    {crash}")
    print(f"{inputs:,} inputs tried, {failed} crash(es)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
