"""`dcr validate`: every problem in a submission (and its review), each with its location."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import (
    evidence_option,
    existing_file,
    format_option,
    review_option,
    standard_choice,
    standard_option,
    submission_argument,
    submission_source,
    version_option,
)
from assessor.cli.output import EXIT_CODES_HELP, OUTPUT, problems_option, quiet_option, show_problems


@click.command("validate", epilog=EXIT_CODES_HELP)
@submission_argument
@format_option
@review_option
@evidence_option
@standard_option
@version_option
@problems_option
@quiet_option
def validate(
    submission: Path,
    fmt: str | None,
    review_path: Path | None,
    evidence_dir: Path | None,
    standard_dir: Path | None,
    standard_version: str | None,
) -> None:
    """Check SUBMISSION (YAML, JSON, XLSX or - for standard input): every problem, each with its location."""
    from assessor.api import validate as validate_submission
    from assessor.core.problems import InvalidReview

    standard = standard_choice(standard_dir, standard_version)
    source = submission_source(submission, fmt)
    review = existing_file(review_path, "--review") if review_path else None
    checked = validate_submission(source, standard=standard, review=review, evidence=evidence_dir)
    show_problems(checked.warnings)
    sub = checked.require()[0]
    if not OUTPUT.quiet:
        click.echo(
            f"{submission} is valid: {len(sub.responses)} responses, {len(sub.evidence)} evidence items "
            f"({sub.standard.id} {sub.standard.version}); {len(checked.warnings)} warning(s)."
        )
    if review_path is None:
        return
    if checked.errors or checked.review is None:
        raise InvalidReview(checked.errors)
    if not OUTPUT.quiet:
        click.echo(
            f"{review_path} is valid: {len(checked.review.verdicts)} verdicts, "
            f"{len(checked.review.evidence)} evidence decisions."
        )
