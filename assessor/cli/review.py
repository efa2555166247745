"""`dcr review …`: start an independent review of a submission."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from assessor.cli.inputs import (
    check_outputs,
    existing_file,
    force_option,
    standard_choice,
    standard_option,
    submission_source,
    version_option,
)
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
@force_option
@standard_option
@version_option
@problems_option
@quiet_option
def review_init(
    submission: Path, out: Path, force: bool, standard_dir: Path | None, standard_version: str | None
) -> None:
    """Write a review skeleton bound to SUBMISSION: a verdict per answer, a decision per evidence item."""
    from assessor.api import validate
    from assessor.core.atomic import write_atomic
    from assessor.review.template import review_yaml

    check_outputs({"--output": out}, [submission], force=force)
    checked = validate(submission_source(submission, None), standard=standard_choice(standard_dir, standard_version))
    sub, standard_model = checked.require()
    write_atomic(out, review_yaml(standard_model, sub, submission.name, date.today()), replace=force)
    say(f"Wrote {out}: {len(sub.responses)} verdicts and {len(sub.evidence)} evidence decisions to make.")


@review.command("rebind")
@click.argument("review_file", metavar="REVIEW", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("submission", type=click.Path(dir_okay=False, path_type=Path))
@standard_option
@version_option
@problems_option
@quiet_option
def review_rebind(review_file: Path, submission: Path, standard_dir: Path | None, standard_version: str | None) -> None:
    """Move REVIEW's binding from the pre-0.2 hash to the RFC 8785 hash of SUBMISSION, which must be exactly
    the content reviewed; the file is rewritten in place, comments kept."""
    from assessor.api import rebind_review

    new = rebind_review(existing_file(review_file, "REVIEW"), submission=submission_source(submission, None),
                        standard=standard_choice(standard_dir, standard_version))  # fmt: skip
    say(f"Re-bound {review_file} to the submission's RFC 8785 hash {new}.")
