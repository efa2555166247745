"""`dcr portfolio` and `dcr public-summary`: many results side by side, and what of them may be published."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import check_outputs, force_option
from assessor.cli.output import EXIT_CODES_HELP, problems_option, quiet_option, say

source_argument = click.argument("source", type=click.Path(file_okay=False, exists=True, path_type=Path))
json_option = click.option(
    "--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON here."
)
pdf_option = click.option("--pdf", "pdf_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the PDF.")


@click.command("portfolio", epilog=EXIT_CODES_HELP)
@source_argument
@json_option
@click.option("--xlsx", "xlsx_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the workbook.")
@pdf_option
@force_option
@problems_option
@quiet_option
def portfolio(source: Path, json_out: Path | None, xlsx_out: Path | None, pdf_out: Path | None, force: bool) -> None:
    """Organisations × domains from SOURCE (a `dcr batch` output folder, or a folder of result JSON files): levels
    and scores per domain and model, assurance and evidence basis, critical gaps, distribution, requirements most
    often failed, best observed practice and trends. Prints the matrix; writes any of JSON, XLSX and PDF."""
    import assessor

    outputs = {"--json": json_out, "--xlsx": xlsx_out, "--pdf": pdf_out}
    check_outputs(outputs, [source], force=force)
    built = assessor.portfolio(source)
    say(f"{len(built.organisations)} organisations, {built.assessments} assessments")
    for row in built.organisations:
        score = "n/a" if row.score is None else f"{row.score:g}"
        cells = " ".join(f"{c.domain}:L{c.level}" for c in row.domains)
        click.echo(f"{row.organisation}\t{row.assessment_date}\tL{row.level}\t{score}\t{cells}")
    for option, kind in (("--json", "json"), ("--xlsx", "xlsx"), ("--pdf", "pdf")):
        if (out := outputs[option]) is not None:
            assessor.write_portfolio(built, out, kind=kind, replace=force)  # type: ignore[arg-type]
            say(f"Wrote {out}")


@click.command("public-summary", epilog=EXIT_CODES_HELP)
@source_argument
@click.option(
    "--redaction",
    type=click.Choice(["aggregate", "named"]),
    required=True,
    help="aggregate: no organisation named; named: each organisation's headline level and score. Neither shows "
    "any evidence title, location or narrative.",
)
@json_option
@pdf_option
@force_option
@problems_option
@quiet_option
def public_summary(source: Path, redaction: str, json_out: Path | None, pdf_out: Path | None, force: bool) -> None:
    """What may be published of the results under SOURCE, at a declared redaction level (JSON and PDF)."""
    import assessor

    if json_out is None and pdf_out is None:
        raise click.UsageError("give --json OUT and/or --pdf OUT")
    check_outputs({"--json": json_out, "--pdf": pdf_out}, [source], force=force)
    summary = assessor.public_summary(assessor.portfolio(source), redaction=redaction)
    for out, kind in ((json_out, "json"), (pdf_out, "pdf")):
        if out is not None:
            assessor.write_portfolio(summary, out, kind=kind, replace=force)  # type: ignore[arg-type]
            say(f"Wrote {out}")
