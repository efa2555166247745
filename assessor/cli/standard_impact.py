"""`dcr standard impact`: a draft version's effect on a corpus of submissions."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import check_outputs, existing_dir, force_option, standard_option
from assessor.cli.output import EXIT_CODES_HELP, problems_option, quiet_option, say
from assessor.core.atomic import write_atomic


@click.command("impact", epilog=EXIT_CODES_HELP)
@click.argument("draft")
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder of submissions (default: the bundled fictional reference corpus).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Table and chart, or JSON.")
@click.option(
    "--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), help="Also write an HTML document."
)
@click.option("--pdf", "pdf_out", type=click.Path(dir_okay=False, path_type=Path), help="Also write a PDF/A document.")
@force_option
@standard_option
@problems_option
@quiet_option
def impact(
    draft: str,
    corpus: Path | None,
    fmt: str,
    html_out: Path | None,
    pdf_out: Path | None,
    force: bool,
    standard_dir: Path | None,
) -> None:
    """Re-score a corpus under DRAFT (a version number, or a version's folder) next to the version it revises:
    who moves, by how much, and which change (requirement, threshold, rule) moved each."""
    import assessor
    from assessor.core.canonical import pretty_json

    check_outputs({"--html": html_out, "--pdf": pdf_out}, [], force=force)
    result = assessor.standard_impact(draft, corpus=corpus, standard=existing_dir(standard_dir))
    click.echo(pretty_json(result) if fmt == "json" else assessor.impact_text(result), nl=False)
    if html_out is not None:
        write_atomic(html_out, assessor.impact_html(result), replace=force)
        say(f"Wrote {html_out}")
    if pdf_out is not None:
        write_atomic(pdf_out, assessor.impact_pdf(result), replace=force)
        say(f"Wrote {pdf_out}")
