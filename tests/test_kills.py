"""Nothing lost to a kill: kill -9 and SIGTERM at many points while a report or a workbook is being
written leave a complete file (the previous version or a whole new one) and, after the next start, no
temporary files. The kill delays are inputs spread over the write loop, not timing assertions."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import assessor
from assessor.core.atomic import write_atomic
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow
WRITER = Path(__file__).resolve().parent / "kill_writer.py"
EXAMPLE = next(p for p in EXAMPLES if p.name == "mature-lab.yaml")
# Drafts live in the store now: a killed save is a rolled-back transaction (tests/store).
KILLS = {"pdf": 6, "xlsx": 10, "json": 10, "workbook": 10}
SPREAD = {"pdf": 8.0, "xlsx": 2.0, "json": 0.5, "workbook": 2.0}  # seconds the kills spread over


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

    def ask(self, request: dict[str, object]) -> dict[str, int]:
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


@pytest.mark.parametrize("kind", sorted(KILLS))
def test_kills_never_lose_the_file(kind: str, tmp_path: Path, warm_writer: WarmWriter) -> None:
    """Every kill leaves a complete file and ends the writer; the next start removes any temporary file."""
    out = first_version(kind, tmp_path)
    for point in range(KILLS[kind]):
        sig = signal.SIGKILL if point % 2 == 0 else signal.SIGTERM
        pid = warm_writer.ask({"kind": kind, "out": str(out)})["pid"]
        try:
            time.sleep(SPREAD[kind] * (point + 0.5) / KILLS[kind])
            os.kill(pid, sig)
        finally:
            code = warm_writer.ask({"wait": pid})["code"]
        assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 128 + signal.SIGTERM)
        assert complete(kind, out), f"kill {point} ({sig.name}) left an incomplete {kind}"
        next_start(kind, out)
        assert not list(tmp_path.glob(".*.tmp")), f"temporary files remain after the next start ({kind})"
