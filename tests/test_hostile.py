"""The hostile corpus: every case runs in its own capped process and must end as its entry names.

Each case's process is forked from a warm interpreter (tests/warm_dcr.py) that has imported `dcr` once: its own
caps, folder, environment and streams, ending as a fresh `python -m assessor` would. Memory (address space) and
CPU caps are safety limits, so a regression fails its case instead of taking the machine down; nothing here
asserts on time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_yaml
from tests.hostile import BUILDERS, EXAMPLE, HOSTILE

pytestmark = pytest.mark.slow  # every case is its own capped process
WARM_DCR = Path(__file__).resolve().parent / "warm_dcr.py"

CASES: list[dict[str, Any]] = load_yaml((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
MEMORY_CAP = 2 * 1024**3  # bytes of address space
CPU_CAP = 60  # seconds of CPU
WALL_CAP = 300  # seconds; only for a hung child (a FIFO read would block forever)
KINDS = {"standard", "yaml", "json", "xlsx", "review", "upload", "verify", "migration", "output"}
CLASSES = {"crash", "exhaustion", "altered", "accepted", "injection", "leftover"}


class WarmDcr:
    """The warm interpreter of this test process: each `run` forks one capped child from it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder  # the children's standard streams: never in a case's own folder, which it may list
        self.process = subprocess.Popen(
            [sys.executable, str(WARM_DCR)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=folder
        )

    def run(self, argv: list[str], folder: Path) -> tuple[int, str, str]:
        """Exit code, standard output and standard error of `argv` (`python ...` without the interpreter)."""
        out, err = self.folder / "stdout", self.folder / "stderr"
        request = {"argv": argv, "cwd": str(folder), "env": dict(os.environ), "out": str(out), "err": str(err),
                   "memory": MEMORY_CAP, "cpu": CPU_CAP, "wall": WALL_CAP}  # fmt: skip
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline()
        assert reply, "the warm interpreter ended"
        texts = [path.read_bytes().decode("utf-8", errors="replace") for path in (out, err)]
        out.unlink()
        err.unlink()
        return json.loads(reply)["code"], texts[0], texts[1]

    def close(self) -> None:
        """End the interpreter (its input ends) and close both pipes."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()


@pytest.fixture(scope="session")
def warm_dcr(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmDcr]:
    """One warm interpreter for this test process's cases."""
    warm = WarmDcr(tmp_path_factory.mktemp("warm-dcr"))
    yield warm
    warm.close()


@pytest.fixture(scope="session")
def base_workbook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example prefilled into the evidence workbook, built once for every workbook case."""
    from assessor.dcrs.loader import load_standard
    from assessor.intake.loader import load_submission
    from assessor.intake.workbook_template import workbook_template

    standard = load_standard(version="1.0.0")
    path = tmp_path_factory.mktemp("workbook") / "filled.xlsx"
    path.write_bytes(workbook_template(standard, load_submission(EXAMPLE, standard)))
    os.environ["DCR_HOSTILE_WORKBOOK"] = str(path)
    yield path
    os.environ.pop("DCR_HOSTILE_WORKBOOK", None)


def run_case(case: dict[str, Any], folder: Path, warm: WarmDcr) -> tuple[int, list[dict[str, Any]], str]:
    """Build the case's inputs in `folder`, run it capped; exit code, problem records, and all of stderr."""
    params = dict(case.get("params", {}))
    argv = BUILDERS[case["build"]](folder, **params)
    assert argv[0] == sys.executable, argv
    if argv[1:3] == ["-m", "assessor"]:
        argv = [*argv, "--problems", "json"]
    code, stdout, stderr = warm.run(argv[1:], folder)
    records = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    return code, records, stderr + stdout


def test_corpus_is_large_and_complete() -> None:
    """At least 80 cases; every input kind and every class of attack is represented; ids are unique."""
    assert len(CASES) >= 80
    assert {c["kind"] for c in CASES} == KINDS
    assert {c["class"] for c in CASES} == CLASSES
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert all(c["build"] in BUILDERS and "exit" in c["expect"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_case(case: dict[str, Any], tmp_path: Path, base_workbook: Path, warm_dcr: WarmDcr) -> None:
    """The case exits with its expected code and problem codes, with no traceback and no partial output."""
    expect = case["expect"]
    code, records, stderr = run_case(case, tmp_path, warm_dcr)
    codes = [r["code"] for r in records]
    assert code == expect["exit"], stderr[-2000:]
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr[-2000:]
    for wanted in expect.get("codes", []):
        assert wanted in codes, (wanted, codes, stderr[-1000:])
    for unwanted in expect.get("absent", []):
        assert unwanted not in codes, (unwanted, codes)
    for wanted, count in expect.get("count", {}).items():
        assert codes.count(wanted) == count, (wanted, codes.count(wanted))
    assert not list(tmp_path.rglob("*.tmp")), "a temporary file was left behind"
    for name in expect.get("outputs", []):
        assert (tmp_path / name).is_file() and (tmp_path / name).stat().st_size > 0, name
    if code != 0:
        assert not list(tmp_path.glob("out.*")), "a refused input produced output"
