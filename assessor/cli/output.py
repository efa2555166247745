"""How the CLI speaks: problems as text, JSON lines or GitHub annotations; quiet mode; exit codes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import click

from assessor.core.exit_codes import exit_codes_help
from assessor.core.problems import Problem, ProblemsError, json_path
from assessor.core.text import neutralised

PROBLEM_FORMATS = ("text", "json", "github")
EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    + exit_codes_help()
    + """

\b
Submissions: YAML (.yaml/.yml), JSON (.json) or the evidence workbook (.xlsx);
`-` reads YAML or JSON from standard input (--format yaml|json).
Problems print as text (default), JSON lines or GitHub Actions annotations (--problems)."""
)


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
