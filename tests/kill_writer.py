"""A warm writer to be killed: each child forked from it writes one kind of output, so a kill lands in the write
and not in start-up.

    python tests/kill_writer.py

Protocol: one JSON request per line on standard input, one JSON reply per line on standard output.
{"kind": "pdf"|"xlsx"|"json"|"workbook", "out": PATH} forks a writer that makes and writes that output over and
over until a signal stops it, and replies {"pid"} once it has started.
{"kind": ..., "out": PATH, "trap": STEP, "signal": N} forks a writer that writes the kind's output of another
example once, sending itself signal N at STEP of the atomic write (TRAP_CALLS and "half-written"), and
replies {"pid", "sha256", "size"} of what it writes.
{"wait": PID} replies {"code"}: that writer's exit status as subprocess gives it (negative for a signal).
SIGTERM is handled as `dcr` handles it (an orderly exit with 128 + the signal). The assessments are made before
any fork; a child ends as `warm_cli.end_as_interpreter` ends it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NoReturn

from untraced import install_untraced_heavy_calls  # this script's own folder is first on sys.path
from warm_cli import end_as_interpreter

import assessor
from assessor.cli.main import _exit_on_sigterm, terminated_code
from assessor.core import atomic
from assessor.core.atomic import write_atomic
from assessor.intake.workbook_template import workbook_template

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE, OTHER = EXAMPLES / "mature-lab.yaml", EXAMPLES / "developing-lab.yaml"
TRAP_NEVER_REACHED = 3  # a trap child's exit status when the write ended without reaching its step


def output(kind: str, result: assessor.Result) -> bytes:
    """The bytes of one output of `kind`, made as `dcr` makes them."""
    if kind == "pdf":
        return assessor.pdf_bytes(result)
    if kind == "xlsx":
        return assessor.xlsx_bytes(result)
    if kind == "json":
        return assessor.json_text(result).encode("utf-8")
    if kind == "workbook":
        return workbook_template(result.standard, result.submission)
    raise ValueError(f"no writer for {kind}")


def main() -> None:
    """Serve requests until standard input ends."""
    install_untraced_heavy_calls()  # under coverage, the PDF layout is not traced (tests/untraced.py)
    result, other = assessor.assess(EXAMPLE), assessor.assess(OTHER)
    made: dict[str, bytes] = {}  # the other example's output of each kind, made once
    for line in sys.stdin:
        request: dict[str, Any] = json.loads(line)
        if "wait" in request:
            reply = {"code": os.waitstatus_to_exitcode(os.waitpid(request["wait"], 0)[1])}
        elif "trap" in request:
            if request["kind"] not in made:
                made[request["kind"]] = output(request["kind"], other)
            data = made[request["kind"]]
            trapped = _trapped_write(Path(request["out"]), data, request["trap"], request["signal"])
            reply = {"pid": _start(trapped), "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        else:
            reply = {"pid": _start(_until_killed(Path(request["out"]), request["kind"], result))}
        print(json.dumps(reply), flush=True)


def _until_killed(out: Path, kind: str, result: assessor.Result) -> Callable[[], None]:
    def loop() -> None:
        while True:  # each time made anew and written, as `dcr` would
            write_atomic(out, output(kind, result))

    return loop


def _trapped_write(out: Path, data: bytes, trap: str, signum: int) -> Callable[[], None]:
    def write() -> None:
        _arm(trap, lambda: os.kill(os.getpid(), signum))
        write_atomic(out, data)
        sys.exit(TRAP_NEVER_REACHED)

    return write


# The steps a trap can stop at (tests/test_kills.py TRAPS): the call write_atomic makes at each, and whether the
# trap fires before or after it; "half-written" (half the bytes written) is `_HalfThenFire` below.
TRAP_CALLS: dict[str, tuple[object, str, str]] = {
    "cleaning": (atomic, "clean_leftovers", "before"),
    "created": (tempfile, "mkstemp", "after"),
    "written": (os, "fsync", "before"),
    "synced": (Path, "replace", "before"),
    "renamed": (Path, "replace", "after"),
}


def _arm(trap: str, fire: Callable[[], None]) -> None:
    """In a trap child: make `fire` run at `trap`, by wrapping the call write_atomic makes at that step."""
    if trap == "half-written":
        fdopen = os.fdopen
        os.fdopen = lambda *args, **kwargs: _HalfThenFire(fdopen(*args, **kwargs), fire)  # type: ignore[assignment]
        return
    owner, name, when = TRAP_CALLS[trap]
    call = getattr(owner, name)

    def trapped(*args: Any, **kwargs: Any) -> Any:
        if when == "before":
            fire()
        result = call(*args, **kwargs)
        if when == "after":
            fire()
        return result

    setattr(owner, name, trapped)


class _HalfThenFire:
    """A file whose one write puts half the bytes on disk, fires, then writes the rest."""

    def __init__(self, handle: IO[bytes], fire: Callable[[], None]) -> None:
        self.handle, self.fire = handle, fire

    def __enter__(self) -> _HalfThenFire:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        half = len(data) // 2
        self.handle.write(data[:half])
        self.handle.flush()
        self.fire()
        return half + self.handle.write(data[half:])

    def flush(self) -> None:
        self.handle.flush()

    def fileno(self) -> int:
        return self.handle.fileno()


def _start(body: Callable[[], None]) -> int:
    """Fork a child that runs `body` as `dcr` would run a write; its pid once it has started."""
    ready, started = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(ready)
        _run_child(body, started)
    os.close(started)
    with os.fdopen(ready, "rb") as signal_:
        assert signal_.read() == b"ready", "the writer ended before it started"
    return pid


def _run_child(body: Callable[[], None], started: int) -> NoReturn:
    """In the child: run `body` until it ends or a signal stops it, as `dcr` would."""
    nothing = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):  # the server's own streams are its protocol
        os.dup2(nothing, fd)
    os.close(nothing)

    def run() -> None:
        _exit_on_sigterm()
        os.write(started, b"ready")
        os.close(started)
        try:
            body()
        except Exception:
            if (code := terminated_code()) is not None:  # SIGTERM surfaced as another error (see cli.main)
                sys.exit(code)
            raise

    end_as_interpreter(run)


if __name__ == "__main__":
    main()
