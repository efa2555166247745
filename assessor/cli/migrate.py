"""`dcr migrate`: carry a submission to another version of the standard, showing what it does to the result."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import (
    check_outputs,
    existing_dir,
    force_option,
    format_option,
    standard_option,
    submission_argument,
    submission_source,
)
from assessor.cli.output import problems_option, quiet_option, say, show_problems
from assessor.core.problems import InvalidSubmission


@click.command("migrate")
@submission_argument
@format_option
@click.option("--to", "to_version", required=True, metavar="X.Y.Z", help="Version of the standard to migrate to.")
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the migrated submission: .yaml, .json or .xlsx (keep the input's format where you can).",
)
@click.option(
    "--report",
    "report_fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the migration report on standard output.",
)
@force_option
@standard_option
@problems_option
@quiet_option
def migrate(
    submission: Path,
    fmt: str | None,
    to_version: str,
    out: Path,
    report_fmt: str,
    force: bool,
    standard_dir: Path | None,
) -> None:
    """Carry SUBMISSION (YAML, JSON, XLSX or -) to version --to across the migration map; print level and score under
    both versions with the requirements that moved them, and the answers marked for review, left unanswered or
    dropped."""
    from assessor.api import migrate as run
    from assessor.api import validate, write_submission
    from assessor.reports.migration import render_json, render_text

    check_outputs({"--out": out}, [submission], force=force)
    result = run(submission_source(submission, fmt), to_version=to_version, standard=existing_dir(standard_dir))
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:  # what the target version cannot hold: refused, nothing written
        click.echo(f"Not written: version {to_version} cannot hold the migrated submission as it stands.", err=True)
        raise InvalidSubmission(errors)
    write_submission(result.submission, out, standard=result.new_standard, replace=force)
    # The warnings as the written file holds them, each at its line there (the draft itself has no lines).
    show_problems(validate(out, standard=existing_dir(standard_dir)).warnings)
    render = render_json if report_fmt == "json" else render_text
    click.echo(render(result.migrated, result.effect), nl=False)
    say(f"Wrote {out} ({result.migrated.from_version} -> {result.migrated.to_version})")
