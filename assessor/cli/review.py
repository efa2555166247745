"""`dcr review …`: start an independent review of a submission."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from assessor.cli.inputs import output_path, standard_from, standard_option, submission_source
from assessor.cli.output import problems_option, quiet_option, say


@click.group()
def review() -> None:
    """Independent review of a submission."""


@review.command("init")
@click.argument("submission", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the review.",
)
@standard_option
@problems_option
@quiet_option
def review_init(submission: Path, out: Path, standard_dir: Path | None) -> None:
    """Write a review skeleton bound to SUBMISSION: a verdict per answer, a decision per evidence item."""
    from assessor.api import load_submission
    from assessor.core.atomic import write_atomic
    from assessor.review.template import review_yaml

    output_path(out, "--output")
    standard_model = standard_from(standard_dir)
    sub = load_submission(submission_source(submission, None), standard_model)
    write_atomic(out, review_yaml(standard_model, sub, submission.name, date.today()))
    say(f"Wrote {out}: {len(sub.responses)} verdicts and {len(sub.evidence)} evidence decisions to make.")
