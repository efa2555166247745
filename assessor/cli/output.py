"""How the CLI speaks: problems as text, JSON lines or GitHub annotations; quiet mode; exit codes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import click

from assessor.core.problems import Problem, ProblemsError, json_path
from assessor.core.text import neutralised

EXIT_OK, EXIT_BELOW, EXIT_USAGE, EXIT_STANDARD, EXIT_SUBMISSION, EXIT_INTERNAL = 0, 1, 2, 3, 4, 70
PROBLEM_FORMATS = ("text", "json", "github")
EXIT_CODES_HELP = """\b
Exit codes:
  0   success
  1   overall score below --fail-under (or `standard schema --check` found drift)
  2   usage error: a missing file or folder, a bad option
  3   the standard is invalid
  4   the submission or review is invalid
  5   `dcr verify`: tampered (the signature or an embedded file does not match)
  6   `dcr verify`: unsigned (nothing found altered, but no signature)
  7   `dcr verify`: signed, but a certificate does not chain to a trusted root (--trust or the trust store)
  8   `dcr verify`: intact, but no trust roots configured (nobody vouches for the signer)
  10  the store's database is unreachable, locked, or its driver is missing
  11  the database's schema is newer than this dcr (or not yet upgraded: `dcr db upgrade`)
  12  a save based on a stale version, or a clash with what is stored (refused; nothing written)
  13  `dcr log verify`: the event log's hash chain is broken (the first broken link is named)
  14  no such record for you, or not yours to change
  15  a workflow step the submission's state does not allow
  20  `dcr verify`: a timestamp or signing time outside the signing certificate's validity (predates it)
  21  `dcr verify`: a signer's certificate is revoked (by the revocation data the file carries)
  22  `dcr verify`: a signer's certificate has expired, with no timestamped revocation data to check it by
  23  `dcr verify`: a signer's certificate is not valid yet
  24  `dcr verify`: a signer's certificate is not for signing documents (key usage)
  25  `dcr sign`/`dcr assess --sign`: the time-stamping authority gave no timestamp (nothing written)
  73  an output cannot be written (permission, read-only, no space, name too long, standard output closed)
  70  internal error (a bug in dcr; DCR_DEBUG=1 shows the traceback)

\b
Submissions: YAML (.yaml/.yml), JSON (.json) or the evidence workbook (.xlsx);
`-` reads YAML or JSON from standard input (--format yaml|json).
Problems print as text (default), JSON lines or GitHub Actions annotations (--problems)."""


@dataclass
class Output:
    """The settings of this invocation that every command shares."""

    problems: str = "text"
    quiet: bool = False


OUTPUT = Output()


def say(message: str) -> None:
    """A status line (a summary, "Wrote …"): standard error, silenced by --quiet."""
    if not OUTPUT.quiet:
        click.echo(message, err=True)


def problem_record(problem: Problem) -> dict[str, Any]:
    """A problem as one JSON object: code, severity, location parts and the message."""
    loc = problem.location
    record: dict[str, Any] = {"code": problem.code, "severity": problem.severity, "file": loc.file}
    if loc.line:
        record["line"] = loc.line
    if loc.path:
        record["path"] = json_path(loc.path)
    if loc.cell:
        record["cell"] = loc.cell
    record["location"] = str(loc)
    record["message"] = problem.message
    return record


def _escape_github(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_problem(problem: Problem, fmt: str) -> str:
    """One problem in the chosen format."""
    if fmt == "json":
        return json.dumps(problem_record(problem), ensure_ascii=False)
    if fmt == "github":
        loc = problem.location
        props = [f"file={_escape_github(loc.file, prop=True)}"] if loc.file else []
        if loc.line:
            props.append(f"line={loc.line}")
        where = f" ({loc.cell or json_path(loc.path)})" if (loc.cell or loc.path) and not loc.line else ""
        kind = "error" if problem.severity == "error" else "warning"
        title = f"title={_escape_github(problem.code, prop=True)}"
        return f"::{kind} {','.join([*props, title])}::{neutralised(_escape_github(problem.message + where))}"
    return neutralised(str(problem))  # a file name or a quoted value cannot start a line of its own


def show_problems(problems: list[Problem]) -> None:
    """Each problem on its own line of standard error, in the chosen format."""
    for problem in problems:
        click.echo(format_problem(problem, OUTPUT.problems), err=True)


def report_problems(error: ProblemsError) -> None:
    """Every problem, then a count (the count only in text format, where a person reads it)."""
    show_problems(error.problems)
    if OUTPUT.problems == "text":
        count = len(error.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''}: the {error.what} is invalid.", err=True)


def set_problems(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        OUTPUT.problems = value
    return value


def set_quiet(_ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    OUTPUT.quiet = OUTPUT.quiet or value
    return value


problems_option = click.option(
    "--problems",
    type=click.Choice(PROBLEM_FORMATS),
    default=None,
    expose_value=False,
    is_eager=True,
    callback=set_problems,
    help="How to print problems: text (default), json (one object per line) or github (annotations).",
)
quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=set_quiet,
    help="Print problems and requested output only.",
)
