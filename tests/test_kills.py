"""Nothing lost to a kill: kill -9 and SIGTERM while a report or a workbook is being made and written leave a
complete file (the previous version or a whole new one) and, after the next start, no temporary files.

Two kinds of kill: at each step of the atomic write, reached by a trap the writer springs on itself, so each
step is hit every run and the file's content says which version it holds; and at moments spread over making the
output (layout, workbook, JSON), where a signal lands inside libraries. The kill delays are inputs, not timing
assertions."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import assessor
from assessor.core.atomic import write_atomic
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow
WRITER = Path(__file__).resolve().parent / "kill_writer.py"
EXAMPLE = next(p for p in EXAMPLES if p.name == "mature-lab.yaml")
# Drafts live in the store now: a killed save is a rolled-back transaction (tests/store).
KINDS = ("json", "pdf", "workbook", "xlsx")
KILLS = 4  # kills at moments while the output is made, SIGKILL and SIGTERM in turn
SPREAD = {"pdf": 3.0, "xlsx": 1.0, "json": 0.4, "workbook": 1.0}  # seconds they spread over (one making or more)
# The steps of write_atomic kill_writer can trap, in the order a write reaches them; only the last is after the rename.
TRAPS = ("cleaning", "created", "half-written", "written", "synced", "renamed")
# Where kill -9 leaves the temporary file behind (SIGTERM unwinds and removes it), and how much of it is written.
LEFT_BEHIND = {"created": 0.0, "half-written": 0.5, "written": 1.0, "synced": 1.0}


def complete(kind: str, path: Path) -> bool:
    """Whether the file at `path` is a whole output of its kind."""
    data = path.read_bytes()
    if kind == "pdf":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    if kind in ("xlsx", "workbook"):
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    if kind == "json":
        return isinstance(json.loads(data), dict)
    raise ValueError(f"no kill test for {kind}")


def first_version(kind: str, folder: Path) -> Path:
    """The output as it exists before the killed writer starts."""
    out = folder / f"out.{'xlsx' if kind == 'workbook' else kind}"
    result = assessor.assess(EXAMPLE)
    write = {"pdf": assessor.write_pdf, "xlsx": assessor.write_xlsx, "json": assessor.write_json}
    if kind == "workbook":
        from assessor.intake.workbook_template import workbook_template

        write_atomic(out, workbook_template(result.standard, result.submission))
    else:
        write[kind](result, out)
    return out


def next_start(kind: str, out: Path) -> None:
    """What the next run does first: write to the same folder."""
    write_atomic(out.parent / "next-run.txt", "next run\n")


class WarmWriter:
    """The writer server of this test process (tests/kill_writer.py): each `start` forks one writer from it."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(WRITER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def ask(self, request: dict[str, object]) -> dict[str, Any]:
        """One request, its reply."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline()
        assert reply, "the writer server ended"
        return json.loads(reply)

    def close(self) -> None:
        """End the server (its input ends) and close both pipes."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def warm_writer() -> Iterator[WarmWriter]:
    """One writer server for this module's kills."""
    server = WarmWriter()
    yield server
    server.close()


def expected_code(sig: signal.Signals) -> int:
    """A writer's exit status after `sig`: killed by SIGKILL, or its orderly exit on SIGTERM."""
    return -signal.SIGKILL if sig == signal.SIGKILL else 128 + signal.SIGTERM


def sha256(path: Path) -> str:
    """The file's sha256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[Path]:
    """The temporary files of writes in `folder`."""
    return sorted(folder.glob(".*.tmp"))


@pytest.mark.parametrize("kind", KINDS)
def test_a_kill_at_every_step_of_the_write_loses_nothing(kind: str, tmp_path: Path, warm_writer: WarmWriter) -> None:
    """A kill at each step of the atomic write leaves the old file before the rename and the new one after it,
    the temporary file as far as it was written (kill -9) or removed (SIGTERM), and none after the next start."""
    out = first_version(kind, tmp_path)
    first, old = out.read_bytes(), sha256(out)
    for trap in TRAPS:
        for sig in (signal.SIGKILL, signal.SIGTERM):
            write_atomic(out, first)  # the version a kill after the rename replaced
            reply = warm_writer.ask({"kind": kind, "out": str(out), "trap": trap, "signal": int(sig)})
            assert reply["sha256"] != old, "the trapped write must differ from the file it replaces"
            code = warm_writer.ask({"wait": reply["pid"]})["code"]
            where = f"{kind}, {sig.name} at {trap}"
            assert code == expected_code(sig), f"{where}: exit status {code}"
            assert complete(kind, out), f"{where}: the file is incomplete"
            assert sha256(out) == (reply["sha256"] if trap == "renamed" else old), f"{where}: wrong version"
            left = leftovers(tmp_path)
            if sig == signal.SIGKILL and trap in LEFT_BEHIND:
                assert [p.stat().st_size for p in left] == [int(reply["size"] * LEFT_BEHIND[trap])], where
            else:
                assert left == [], f"{where}: temporary files remain"
            next_start(kind, out)
            assert leftovers(tmp_path) == [], f"{where}: temporary files remain after the next start"


@pytest.mark.parametrize("kind", KINDS)
def test_kills_while_the_output_is_made_lose_nothing(kind: str, tmp_path: Path, warm_writer: WarmWriter) -> None:
    """Every kill while the output is made and written over and over leaves a complete file and ends the writer;
    the next start removes any temporary file."""
    out = first_version(kind, tmp_path)
    for point in range(KILLS):
        sig = signal.SIGKILL if point % 2 == 0 else signal.SIGTERM
        pid = warm_writer.ask({"kind": kind, "out": str(out)})["pid"]
        try:
            time.sleep(SPREAD[kind] * (point + 0.5) / KILLS)
            os.kill(pid, sig)
        finally:
            code = warm_writer.ask({"wait": pid})["code"]
        assert code == expected_code(sig)
        assert complete(kind, out), f"kill {point} ({sig.name}) left an incomplete {kind}"
        next_start(kind, out)
        assert leftovers(tmp_path) == [], f"temporary files remain after the next start ({kind})"
