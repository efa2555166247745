"""A warm `dcr` for the documentation's shell examples: the CLI imported once, each command run in a child forked
from it with the caller's own standard streams.

`serve(SOCKET)` listens on a Unix socket. The `dcr` an example calls is a small client (`client_script`) that
sends its arguments, working folder and environment with its standard input, output and error attached
(SCM_RIGHTS), and exits with the code the child ended with. The child is its own process: it takes the caller's
folder, environment and streams, runs `dcr` as the installed entry point does, and ends with the status that
process would (an uncaught exception prints its traceback and exits 1): exit handlers run (coverage saves there)
and streams are flushed, but the modules are not torn down one by one, which took longer than a short command.
Only the interpreter's start-up and imports are shared: under coverage they cost more than most commands do.
"""

from __future__ import annotations

import atexit
import importlib
import io
import json
import os
import socket
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import assessor.cli

CLI = Path(assessor.cli.__file__).parent

# What the examples' commands load, imported before any fork: every command but `app`, and the libraries they
# import on first use (reports, signatures, the store).
WARM = (
    *(f"assessor.cli.{path.stem}" for path in sorted(CLI.glob("*.py")) if path.stem not in ("app", "__init__")),
    "weasyprint",
    "openpyxl",
    "pyhanko.sign.signers",
    "pyhanko.sign.validation",
    "sqlalchemy",
    "alembic.command",
)
MESSAGE_BYTES = 1 << 20  # a request: arguments and environment


def serve(path: str) -> None:
    """Serve requests until `stop` asks the server to end."""
    for module in WARM:
        importlib.import_module(module)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    server.bind(path)
    server.listen()
    os.write(1, b"ready\n")
    while True:
        connection, _ = server.accept()
        message, fds, _, _ = socket.recv_fds(connection, MESSAGE_BYTES, 3)
        if not message:  # `stop`: end as any interpreter does, so coverage keeps what it measured here
            connection.close()
            server.close()
            return
        pid = os.fork()
        if pid == 0:
            server.close()
            connection.close()
            _run(json.loads(message), fds)  # never returns
        for fd in fds:
            os.close(fd)
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        connection.send(json.dumps({"code": code}).encode())
        connection.close()


def _run(request: dict[str, Any], fds: list[int]) -> NoReturn:
    """In the child: the caller's folder, environment and streams, then `dcr` as its entry point runs it."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for source, target in zip(fds, (0, 1, 2), strict=True):
        os.dup2(source, target)
        os.close(source)
    # Streams as a fresh interpreter makes them on these descriptors (stderr always line-buffered).
    encoding = sys.stdout.encoding
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        errors = "backslashreplace" if fd == 2 else "strict"
        raw = io.FileIO(fd, "r" if fd == 0 else "w", closefd=False)
        buffered = io.BufferedReader(raw) if fd == 0 else io.BufferedWriter(raw)
        stream = io.TextIOWrapper(buffered, encoding=encoding, errors=errors, line_buffering=fd == 2 or os.isatty(fd))
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)
    sys.argv = list(request["argv"])
    if "code" in request:  # `python -c CODE`
        sys.path[0] = ""
        end_as_interpreter(lambda: exec(compile(request["code"], "<string>", "exec"), {"__name__": "__main__"}))
    sys.path[0] = str(Path(sys.argv[0]).absolute().parent)
    from assessor.cli.main import main

    end_as_interpreter(main)


def end_as_interpreter(body: Callable[[], object]) -> NoReturn:
    """Run `body` as a script's top level and end this process with the status the interpreter would give:
    0, the code of SystemExit, or 1 after printing an uncaught exception's traceback. Exit handlers run (coverage
    saves there) and streams are flushed (120 if that fails, as the interpreter gives), but the modules are not
    torn down one by one: in a process forked from a warm one that took longer than a short command."""
    try:
        body()
        code = 0
    except SystemExit as end:
        code = _exit_code(end.code)
    except BaseException:
        traceback.print_exc()
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 120
    os._exit(code)


def _exit_code(code: object) -> int:
    """The status `sys.exit(code)` gives: None is 0, a number itself, anything else printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def stop(path: str) -> None:
    """Ask the server at `path` to end."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as connection:
        connection.connect(path)
        connection.send(b"")


def run_python(path: str, code: str, cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of `python -c CODE` run in a child of the server at `path`,
    with no standard input."""
    with (
        Path(os.devnull).open("rb") as nothing,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as connection,
    ):
        connection.connect(path)
        request = {"argv": ["-c"], "code": code, "cwd": str(cwd), "env": env}
        socket.send_fds(connection, [json.dumps(request).encode()], [nothing.fileno(), out.fileno(), err.fileno()])
        status = json.loads(connection.recv(4096))["code"]
        texts = []
        for stream in (out, err):
            stream.seek(0)
            texts.append(stream.read().decode("utf-8", errors="replace"))
    return status, texts[0], texts[1]


def client_script(path: str) -> str:
    """The text of a `dcr` that runs each command in a child of the server at `path` (a Python without `site`:
    it starts in milliseconds and is never measured)."""
    return f"""#!{sys.executable} -S
import json, os, signal, socket, sys
connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
connection.connect({path!r})
request = {{"argv": sys.argv, "cwd": os.getcwd(), "env": dict(os.environ)}}
socket.send_fds(connection, [json.dumps(request).encode()], [0, 1, 2])
code = json.loads(connection.recv(4096))["code"]
if code < 0:
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
sys.exit(code)
"""


if __name__ == "__main__":
    from untraced import install_untraced_heavy_calls  # run as a script: its own folder is first on sys.path

    install_untraced_heavy_calls()  # under coverage, the PDF layout is not traced (tests/untraced.py)
    serve(sys.argv[1])
