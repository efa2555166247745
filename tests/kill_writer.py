"""A warm writer to be killed: each child forked from it writes one kind of output over and over until a signal
stops it, so a kill lands in the write loop and not in start-up.

    python tests/kill_writer.py

Protocol: one JSON request per line on standard input, one JSON reply per line on standard output.
{"kind": "pdf"|"xlsx"|"json"|"workbook", "out": PATH} forks a writer and replies {"pid"} once it writes;
{"wait": PID} replies {"code"}: that writer's exit status as subprocess gives it (negative for a signal).
SIGTERM is handled as `dcr` handles it (an orderly exit with 128 + the signal). The assessment is made once,
before any fork; a child ends as `warm_cli.end_as_interpreter` ends it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from untraced import install_untraced_heavy_calls  # this script's own folder is first on sys.path
from warm_cli import end_as_interpreter

import assessor
from assessor.cli.main import _exit_on_sigterm, terminated_code
from assessor.core.atomic import write_atomic
from assessor.intake.workbook_template import workbook_template

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "mature-lab.yaml"


def writer(kind: str, out: Path, result: assessor.Result) -> Callable[[int], None]:
    """One write of `kind` to `out`; the argument makes each write's content differ where it can."""
    if kind == "pdf":
        return lambda _i: assessor.write_pdf(result, out)
    if kind == "xlsx":
        return lambda _i: assessor.write_xlsx(result, out)
    if kind == "json":
        return lambda _i: assessor.write_json(result, out)
    if kind == "workbook":
        return lambda _i: write_atomic(out, workbook_template(result.standard, result.submission))
    raise ValueError(f"no writer for {kind}")


def main() -> None:
    """Serve requests until standard input ends."""
    install_untraced_heavy_calls()  # under coverage, the PDF layout is not traced (tests/untraced.py)
    result = assessor.assess(EXAMPLE)
    for line in sys.stdin:
        request: dict[str, Any] = json.loads(line)
        if "wait" in request:
            reply = {"code": os.waitstatus_to_exitcode(os.waitpid(request["wait"], 0)[1])}
        else:
            reply = {"pid": _start(writer(request["kind"], Path(request["out"]), result))}
        print(json.dumps(reply), flush=True)


def _start(write: Callable[[int], None]) -> int:
    """Fork a child that writes until killed; its pid once it has started writing."""
    ready, started = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(ready)
        _write_until_killed(write, started)
    os.close(started)
    with os.fdopen(ready, "rb") as signal_:
        assert signal_.read() == b"ready", "the writer ended before it started"
    return pid


def _write_until_killed(write: Callable[[int], None], started: int) -> NoReturn:
    """In the child: write until a signal stops it, as `dcr` would."""
    nothing = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):  # the server's own streams are its protocol
        os.dup2(nothing, fd)
    os.close(nothing)

    def loop() -> None:
        _exit_on_sigterm()
        os.write(started, b"ready")
        os.close(started)
        i = 0
        try:
            while True:
                write(i)
                i += 1
        except Exception:
            if (code := terminated_code()) is not None:  # SIGTERM surfaced as another error (see cli.main)
                sys.exit(code)
            raise

    end_as_interpreter(loop)


if __name__ == "__main__":
    main()
