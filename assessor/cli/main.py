"""The `dcr` root command and the entry point that turns every expected failure into a message and exit code."""

from __future__ import annotations

import os
import signal
import sys
import threading

import click

from assessor.cli.lazy import LazyGroup
from assessor.cli.output import EXIT_CODES_HELP, OUTPUT, Output, report_problems
from assessor.core.exit_codes import ExitCode
from assessor.core.problems import DcrError, ProblemsError

# Each command's module, imported only when that command runs (or help lists it).
COMMANDS = {
    "standard": "assessor.cli.standard:standard",
    "validate": "assessor.cli.validate:validate",
    "assess": "assessor.cli.assess:assess",
    "template": "assessor.cli.template:template",
    "review": "assessor.cli.review:review",
    "migrate": "assessor.cli.migrate:migrate",
    "sign": "assessor.cli.sign:sign",
    "verify": "assessor.cli.verify:verify",
    "trust": "assessor.cli.trust:trust",
    "app": "assessor.cli.app:app",
    "db": "assessor.cli.db:db",
    "users": "assessor.cli.users:users",
    "log": "assessor.cli.log:log",
    "batch": "assessor.cli.batch:batch",
    "portfolio": "assessor.cli.portfolio:portfolio",
    "public-summary": "assessor.cli.portfolio:public_summary",
    "compare": "assessor.cli.compare:compare",
}


# What `dcr --help` says of each command, so listing them imports none of them (one line each at 80 columns).
SUMMARIES = {
    "standard": "Validate, outline, diff, render and publish the standard.",
    "validate": "Check a submission: every problem, each with its location.",
    "assess": "Score a submission and write its reports.",
    "template": "Write a blank submission or the fillable evidence workbook.",
    "review": "Independent review: a skeleton, checks and sign-off.",
    "migrate": "Carry a submission to another version of the standard.",
    "sign": "Sign a PDF report (PAdES) or a JSON result (detached CMS).",
    "verify": "Verify a signed report or result, and what it embeds.",
    "trust": "The trust store: root certificates that vouch for signers.",
    "app": "Serve the front end (needs the app extra).",
    "db": "The store's database: schema upgrades, export and import.",
    "users": "The store's users and their roles.",
    "log": "The store's append-only event log.",
    "batch": "Assess every submission under a folder, in parallel.",
    "portfolio": "Organisations × domains across many results, with trends.",
    "public-summary": "What may be published of results, at a redaction level.",
    "compare": "Compare assessments: what improved, regressed or is new.",
}


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    summaries=SUMMARIES,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(package_name="dcr-assessor", prog_name="dcr")
def cli() -> None:
    """Assess deployment correction readiness against the DCRS standard."""


SIGTERM_GRACE = 5.0  # seconds


def _exit_on_sigterm() -> None:
    """SIGTERM unwinds like an exit, so a write in progress removes its temporary file and the old output stays."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)


_TERMINATED: list[int] = []  # the signal that asked us to stop, once one has


def terminated_code() -> int | None:
    """128 + the signal number once SIGTERM has asked the process to stop, else None."""
    return 128 + _TERMINATED[0] if _TERMINATED else None


def _terminate(signum: int, _frame: object) -> None:
    # The exit can be swallowed when the signal lands in a __del__ (WeasyPrint has some), or turned into another
    # error when it lands in a callback of a C extension (pydantic's serializer wraps it): the entry point then
    # still exits with the signal's code, and a grace timer ends the process if nothing unwinds at all. The next
    # write to the folder removes any temporary file left.
    _TERMINATED.append(signum)
    grace = threading.Timer(SIGTERM_GRACE, os._exit, args=(int(ExitCode.TERMINATED),))
    grace.daemon = True
    grace.start()
    sys.exit(ExitCode.TERMINATED)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning every expected failure into a message and an exit code."""
    OUTPUT.__dict__.update(vars(Output()))  # fresh settings for each in-process invocation (tests)
    _exit_on_sigterm()
    try:
        result = cli.main(args=argv, prog_name="dcr", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except ProblemsError as err:
        report_problems(err)
        sys.exit(err.exit_code)
    except DcrError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except Exception as err:  # a bug in dcr itself: one line, the traceback only on request
        if (code := terminated_code()) is not None:
            sys.exit(code)
        if os.environ.get("DCR_DEBUG"):
            raise
        click.echo(
            f"internal error (please report): {type(err).__name__}: {err}; DCR_DEBUG=1 shows the traceback",
            err=True,
        )
        sys.exit(ExitCode.INTERNAL)
    sys.exit(result if isinstance(result, int) else 0)
