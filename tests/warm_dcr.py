"""A warm interpreter for the hostile corpus: `dcr` and the upload check imported once, each case run in a child
forked from it.

A child is its own process, with the corpus's caps, its own folder, environment and standard streams, and it ends
with the status a fresh `python -m assessor ARGS` (or `python SCRIPT ARGS`) would give: an uncaught exception
prints its traceback and exits 1; exit handlers run and streams are flushed, but the modules are not torn down
(`warm_cli.end_as_interpreter`). Only the interpreter's start-up and imports are shared; they
cost more than most cases do, above all under coverage, which traces every import again in every fresh process.

Protocol: one JSON request per line on standard input ({"argv", "cwd", "env", "out", "err", "memory", "cpu",
"wall"}), one JSON reply per line on standard output ({"code"}: the exit code as subprocess gives it, negative
for a signal). Requests and replies go through the file descriptors directly, so no Python stream of the server
holds buffered data a child could inherit.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import runpy
import select
import signal
import sys
import time
from pathlib import Path
from typing import Any, NoReturn

from untraced import install_untraced_heavy_calls  # this script's own folder is first on sys.path
from warm_cli import end_as_interpreter

# What the corpus's commands load, imported before any fork.
WARM = (
    "assessor.cli.main",
    *("assessor.cli." + name for name in ("validate", "assess", "review", "migrate", "verify", "standard")),
    "assessor.app.uploads",
    "assessor.reports.xlsx",
    "openpyxl",
)


def main() -> None:
    """Serve requests until standard input ends."""
    sys.path[0] = str(Path.cwd())  # not this folder: a fresh `python -m` looks in its working folder first
    for module in WARM:
        importlib.import_module(module)
    install_untraced_heavy_calls()  # under coverage, the PDF layout is not traced (tests/untraced.py)
    pending = b""
    while True:
        while b"\n" not in pending:
            chunk = os.read(0, 65536)
            if not chunk:
                return
            pending += chunk
        line, pending = pending.split(b"\n", 1)
        out, err = os.pipe(), os.pipe()  # pipes, as subprocess gives: /dev/fd/1 is a stream, not a file
        request = {**json.loads(line), "close": [out[0], err[0]]}
        pid = os.fork()
        if pid == 0:
            _run(request, out[1], err[1])  # never returns
        os.close(out[1])
        os.close(err[1])
        code = _wait(pid, request["wall"], {out[0]: request["out"], err[0]: request["err"]})
        os.write(1, json.dumps({"code": code}).encode() + b"\n")


def _run(request: dict[str, Any], out: int, err: int) -> NoReturn:
    """In the child: caps, folder, environment and streams of a fresh process, then the command itself."""
    resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
    resource.setrlimit(resource.RLIMIT_CPU, (request["cpu"], request["cpu"]))
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for unused in request["close"]:
        os.close(unused)
    nothing = os.open(os.devnull, os.O_RDONLY)
    for source, fd in ((nothing, 0), (out, 1), (err, 2)):
        os.dup2(source, fd)
        os.close(source)
    argv = request["argv"]
    if argv[:2] == ["-m", "assessor"]:
        sys.path[0] = request["cwd"]
        sys.argv = ["-m", *argv[2:]]
        end_as_interpreter(lambda: runpy.run_module("assessor", run_name="__main__", alter_sys=True))
    sys.path[0] = str(Path(argv[0]).resolve().parent)
    sys.argv = list(argv)
    end_as_interpreter(lambda: runpy.run_path(argv[0], run_name="__main__"))


def _wait(pid: int, wall: float, streams: dict[int, str]) -> int:
    """The child's exit code, its streams copied to their files meanwhile; a child still running after `wall`
    seconds (a hung read) is killed."""
    deadline: float | None = time.monotonic() + wall
    files = {fd: Path(path).open("wb") for fd, path in streams.items()}  # noqa: SIM115 - closed below
    while files:
        left = None if deadline is None else max(deadline - time.monotonic(), 0)
        ready = select.select(list(files), [], [], left)[0]
        if not ready:
            os.kill(pid, signal.SIGKILL)
            deadline = None
        for fd in ready:
            if chunk := os.read(fd, 65536):
                files[fd].write(chunk)
            else:
                files.pop(fd).close()
                os.close(fd)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


if __name__ == "__main__":
    main()
