"""A writer to be killed: writes one kind of output to OUT over and over until a signal stops it.

    python tests/kill_writer.py pdf|xlsx|json|workbook OUT

Prints "ready" once everything is computed and writing starts, so the test's kill lands in the write
loop. SIGTERM is handled as `dcr` handles it (an orderly exit).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import assessor
from assessor.cli.main import _exit_on_sigterm, terminated_code
from assessor.core.atomic import write_atomic
from assessor.intake.workbook_template import workbook_template

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "mature-lab.yaml"


def writer(kind: str, out: Path) -> Callable[[int], None]:
    """One write of `kind` to `out`; the argument makes each write's content differ where it can."""
    result = assessor.assess(EXAMPLE)
    if kind == "pdf":
        return lambda _i: assessor.write_pdf(result, out)
    if kind == "xlsx":
        return lambda _i: assessor.write_xlsx(result, out)
    if kind == "json":
        return lambda _i: assessor.write_json(result, out)
    if kind == "workbook":
        return lambda _i: write_atomic(out, workbook_template(result.standard, result.submission))
    raise ValueError(f"no writer for {kind}")


def main(kind: str, out: str) -> None:
    """Write until killed."""
    _exit_on_sigterm()
    write = writer(kind, Path(out))
    print("ready", flush=True)
    i = 0
    try:
        while True:
            write(i)
            i += 1
    except Exception:
        if (code := terminated_code()) is not None:  # SIGTERM surfaced as another error (see cli.main)
            sys.exit(code)
        raise


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
