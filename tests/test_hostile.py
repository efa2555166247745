"""The hostile corpus: every case runs in its own capped subprocess and must end as its entry names.

Memory (address space) and CPU caps are safety limits, so a regression fails its case instead of taking the
machine down; nothing here asserts on time.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.hostile import BUILDERS, EXAMPLE, HOSTILE

pytestmark = pytest.mark.slow  # every case is its own capped subprocess

CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
MEMORY_CAP = 2 * 1024**3  # bytes of address space
CPU_CAP = 60  # seconds of CPU
WALL_CAP = 300  # seconds; only for a hung child (a FIFO read would block forever)
KINDS = {"standard", "yaml", "json", "xlsx", "review", "upload", "verify", "migration", "output"}
CLASSES = {"crash", "exhaustion", "altered", "accepted", "injection", "leftover"}


def _caps() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_CAP, CPU_CAP))


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


def run_case(case: dict[str, Any], folder: Path) -> tuple[int, list[dict[str, Any]], str]:
    """Build the case's inputs in `folder`, run it capped; exit code, problem records, and all of stderr."""
    params = dict(case.get("params", {}))
    argv = BUILDERS[case["build"]](folder, **params)
    if argv[1:3] == ["-m", "assessor"]:
        argv = [*argv, "--problems", "json"]
    done = subprocess.run(argv, cwd=folder, capture_output=True, text=True, errors="replace", timeout=WALL_CAP,
                          preexec_fn=_caps, check=False)  # fmt: skip
    records = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    return done.returncode, records, done.stderr + done.stdout


def test_corpus_is_large_and_complete() -> None:
    """At least 80 cases; every input kind and every class of attack is represented; ids are unique."""
    assert len(CASES) >= 80
    assert {c["kind"] for c in CASES} == KINDS
    assert {c["class"] for c in CASES} == CLASSES
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert all(c["build"] in BUILDERS and "exit" in c["expect"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_case(case: dict[str, Any], tmp_path: Path, base_workbook: Path) -> None:
    """The case exits with its expected code and problem codes, with no traceback and no partial output."""
    expect = case["expect"]
    code, records, stderr = run_case(case, tmp_path)
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
