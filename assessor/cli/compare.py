"""`dcr compare`: each assessment against the next, per domain and requirement, and why."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import check_outputs, existing_dir, force_option, standard_option
from assessor.cli.output import EXIT_CODES_HELP, problems_option, quiet_option, say
from assessor.core.atomic import write_atomic


@click.command("compare", epilog=EXIT_CODES_HELP)
@click.argument("assessments", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="How to print the comparison."
)
@click.option("--xlsx", "xlsx_out", type=click.Path(dir_okay=False, path_type=Path), help="Also write a workbook.")
@click.option("--pdf", "pdf_out", type=click.Path(dir_okay=False, path_type=Path), help="Also write a PDF/A report.")
@force_option
@standard_option
@problems_option
@quiet_option
def compare(
    assessments: tuple[Path, ...],
    fmt: str,
    xlsx_out: Path | None,
    pdf_out: Path | None,
    force: bool,
    standard_dir: Path | None,
) -> None:
    """Compare ASSESSMENTS (result JSON files, or submissions to assess) each with the next: per domain and
    requirement what improved, regressed, is new or removed, and why (evidence, reasons, changes to the standard).
    Across versions of the standard, requirements are matched through the migration maps, and the output says so."""
    import assessor
    from assessor.core.canonical import pretty_json

    if len(assessments) < 2:
        raise click.UsageError("give at least two assessments to compare")
    check_outputs({"--xlsx": xlsx_out, "--pdf": pdf_out}, list(assessments), force=force)
    comparison = assessor.compare(list(assessments), standard=existing_dir(standard_dir))
    click.echo(pretty_json(comparison) if fmt == "json" else assessor.comparison_text(comparison), nl=False)
    if xlsx_out is not None:
        write_atomic(xlsx_out, assessor.comparison_xlsx(comparison), replace=force)
        say(f"Wrote {xlsx_out}")
    if pdf_out is not None:
        write_atomic(pdf_out, assessor.comparison_pdf(comparison), replace=force)
        say(f"Wrote {pdf_out}")
