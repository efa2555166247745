"""The `dcr` command line: a thin shell over the assessor package.

Exit codes: 0 success, 1 below --fail-under or stale output, 2 usage, 3 invalid standard,
4 invalid submission or review.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .problems import DcrError, ProblemsError

if TYPE_CHECKING:
    from .models.assessment import Assessment
    from .models.review import Review
    from .models.standard import Standard
    from .models.submission import Submission
    from .submission_loader import CheckedSubmission

EXIT_INTERNAL = 70

standard_option = click.option(
    "--standard",
    "standard_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the standard to use (default: the bundled DCRS, or $DCR_STANDARD).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="dcr-assessor", prog_name="dcr")
def cli() -> None:
    """Assess deployment correction readiness against the DCRS standard."""


@cli.group()
def standard() -> None:
    """Validate, outline and publish the standard."""


@standard.command("validate")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
def standard_validate(path: Path | None) -> None:
    """Check the standard in PATH (default: the bundled one): schema, then every semantic rule."""
    from .problems import InvalidStandard
    from .standard_loader import check_standard

    loaded = check_standard(_existing_dir(path))
    if loaded.problems:
        raise InvalidStandard(loaded.problems)
    s = loaded.standard
    click.echo(
        f"{s.manifest.id} {s.manifest.version} is valid: {len(s.domains)} domains, "
        f"{len(s.active_requirements())} active requirements."
    )


@standard.command("show")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
def standard_show(path: Path | None) -> None:
    """Print an outline of the standard: domains, requirement ids, levels, weights."""
    from .outline import outline
    from .standard_loader import load_standard

    click.echo(outline(load_standard(_existing_dir(path))))


@standard.command("schema")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder to write to.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the committed schemas are out of date.")
def standard_schema(out: Path | None, check: bool) -> None:
    """Write the JSON Schemas (Draft 2020-12) generated from the models."""
    from .schemas import drifted, write_schemas
    from .standard_loader import default_standard_dir

    folder = out or default_standard_dir() / "schema"
    if check:
        stale = drifted(folder)
        if stale:
            click.echo(f"out of date in {folder}: {', '.join(stale)} — run `make schema`", err=True)
            sys.exit(1)
        click.echo(f"schemas in {folder} are up to date")
        return
    for path in write_schemas(folder):
        click.echo(f"wrote {path}")


review_option = click.option(
    "--review",
    "review_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A review of the submission (YAML/JSON) to check and apply.",
)


@cli.command("validate")
@click.argument("submission", type=click.Path(dir_okay=False, path_type=Path))
@review_option
@standard_option
def validate(submission: Path, review_path: Path | None, standard_dir: Path | None) -> None:
    """Check a submission (YAML or JSON): every problem, each with its location."""
    from .problems import InvalidSubmission

    standard_model = _standard(standard_dir)
    checked = _check(submission, standard_model)
    for problem in checked.warnings:
        click.echo(str(problem), err=True)
    if checked.errors or checked.submission is None:
        raise InvalidSubmission(checked.errors)
    sub = checked.submission
    click.echo(
        f"{submission} is valid: {len(sub.responses)} responses, {len(sub.evidence)} evidence items "
        f"({sub.standard.id} {sub.standard.version}); {len(checked.warnings)} warning(s)."
    )
    if review_path is not None:
        review = _checked_review(review_path, sub, standard_model)
        click.echo(
            f"{review_path} is valid: {len(review.verdicts)} verdicts, {len(review.evidence)} evidence decisions."
        )


@cli.command("assess")
@click.argument("submission", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the result JSON here (- for stdout).",
)
@click.option(
    "--pdf", "pdf_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the PDF/A-3 report here."
)
@click.option("--xlsx", "xlsx_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the workbook here.")
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of templates (report.html.j2, report.css) that override the bundled ones.",
)
@review_option
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    help="Exit 1 if the overall score is below this.",
)
@standard_option
def assess(
    submission: Path,
    json_out: Path | None,
    pdf_out: Path | None,
    xlsx_out: Path | None,
    templates: Path | None,
    review_path: Path | None,
    fail_under: float | None,
    standard_dir: Path | None,
) -> None:
    """Score a submission, print a summary, and write any of the JSON, PDF and XLSX reports."""
    from .atomic import write_atomic
    from .canonical import pretty_json
    from .problems import InvalidSubmission
    from .scoring import score
    from .summary import summary

    standard_model = _standard(standard_dir)
    checked = _check(submission, standard_model)
    if checked.errors or checked.submission is None:
        raise InvalidSubmission(checked.errors)
    review = _checked_review(review_path, checked.submission, standard_model) if review_path else None
    result = score(standard_model, checked.submission, review)
    if pdf_out or xlsx_out:
        _write_reports(standard_model, checked.submission, result, pdf_out, xlsx_out, templates)
    to_stdout = json_out is not None and str(json_out) == "-"
    click.echo(summary(result, f"{standard_model.manifest.id} {standard_model.manifest.version}"), err=to_stdout)
    if json_out is not None:
        if to_stdout:
            click.echo(pretty_json(result), nl=False)
        else:
            write_atomic(json_out, pretty_json(result))
            click.echo(f"Wrote {json_out}")
    headline = result.verification.overall if result.verification else result.overall
    if fail_under is not None and (headline.score or 0.0) < fail_under:
        click.echo(f"Overall score is below {fail_under:g}.", err=True)
        sys.exit(1)


def _write_reports(
    standard_model: Standard,
    submission: Submission,
    result: Assessment,
    pdf_out: Path | None,
    xlsx_out: Path | None,
    templates: Path | None,
) -> None:
    from .report_context import build_context

    context = build_context(standard_model, submission, result)
    if pdf_out:
        from .pdf_report import write_pdf  # imports WeasyPrint only when a PDF is asked for

        write_pdf(context, pdf_out, templates)
        click.echo(f"Wrote {pdf_out}", err=True)
    if xlsx_out:
        from .xlsx_report import write_xlsx

        write_xlsx(context, xlsx_out)
        click.echo(f"Wrote {xlsx_out}", err=True)


@cli.command("template")
@click.option(
    "--yaml", "yaml_out", type=click.Path(dir_okay=False, path_type=Path), help="Write a YAML skeleton (- for stdout)."
)
@click.option(
    "--xlsx", "xlsx_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the fillable workbook."
)
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Prefill the workbook from this submission (YAML, JSON or XLSX).",
)
@standard_option
def template(yaml_out: Path | None, xlsx_out: Path | None, source: Path | None, standard_dir: Path | None) -> None:
    """Write a blank submission (YAML) or the fillable evidence workbook (XLSX), generated from the standard."""
    from datetime import date

    from .atomic import write_atomic

    if yaml_out is None and xlsx_out is None:
        raise click.UsageError("say what to write: --yaml OUT and/or --xlsx OUT")
    if source is not None and xlsx_out is None:
        raise click.UsageError("--from prefills the workbook: add --xlsx OUT")
    standard_model = _standard(standard_dir)
    if yaml_out is not None:
        from .template_yaml import template_yaml

        text = template_yaml(standard_model, date.today())
        if str(yaml_out) == "-":
            click.echo(text, nl=False)
        else:
            write_atomic(yaml_out, text)
            click.echo(f"Wrote {yaml_out}")
    if xlsx_out is not None:
        from .workbook_template import workbook_template

        prefill = _valid_submission(source, standard_model) if source else None
        write_atomic(xlsx_out, workbook_template(standard_model, prefill))
        click.echo(f"Wrote {xlsx_out}" + (f", prefilled from {source}" if source else ""))


def _valid_submission(path: Path, standard_model: Standard) -> Submission:
    from .problems import InvalidSubmission

    checked = _check(path, standard_model)
    if checked.errors or checked.submission is None:
        raise InvalidSubmission(checked.errors)
    return checked.submission


@cli.group()
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
def review_init(submission: Path, out: Path, standard_dir: Path | None) -> None:
    """Write a review skeleton bound to SUBMISSION: a verdict per answer, a decision per evidence item."""
    from datetime import date

    from .atomic import write_atomic
    from .review_template import review_yaml

    standard_model = _standard(standard_dir)
    sub = _valid_submission(submission, standard_model)
    write_atomic(out, review_yaml(standard_model, sub, submission.name, date.today()))
    click.echo(f"Wrote {out}: {len(sub.responses)} verdicts and {len(sub.evidence)} evidence decisions to make.")


def _checked_review(path: Path, submission: Submission, standard_model: Standard) -> Review:
    from .problems import InvalidReview
    from .review_loader import check_review

    checked = check_review(path, submission, standard_model)
    for problem in checked.warnings:
        click.echo(str(problem), err=True)
    if checked.errors or checked.review is None:
        raise InvalidReview(checked.errors)
    return checked.review


def _standard(standard_dir: Path | None) -> Standard:
    from .standard_loader import load_standard

    return load_standard(_existing_dir(standard_dir))


def _check(path: Path, standard_model: Standard) -> CheckedSubmission:
    from .problems import DocumentError, InvalidSubmission
    from .submission_loader import check_submission

    if not path.is_file():
        raise click.BadParameter(f"{path} does not exist or is not a file", param_hint="SUBMISSION")
    try:
        return check_submission(path, standard_model)
    except DocumentError as err:
        raise InvalidSubmission(err.problems) from None


def _existing_dir(path: Path | None) -> Path | None:
    if path is not None and not path.is_dir():
        raise click.BadParameter(f"{path} is not a folder", param_hint="PATH")
    return path


def report_problems(error: ProblemsError) -> None:
    """Every problem on its own line, then a count."""
    for problem in error.problems:
        click.echo(str(problem), err=True)
    count = len(error.problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''}: the {error.what} is invalid.", err=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning every expected failure into a message and an exit code."""
    try:
        result = cli.main(args=argv, prog_name="dcr", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
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
        if os.environ.get("DCR_DEBUG"):
            raise
        click.echo(
            f"internal error (please report): {type(err).__name__}: {err}; DCR_DEBUG=1 shows the traceback",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(result if isinstance(result, int) else 0)
