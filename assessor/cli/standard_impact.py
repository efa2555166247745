"""`dcr standard impact`: a draft version's effect on a corpus of submissions."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import existing_dir, standard_option
from assessor.cli.output import EXIT_CODES_HELP, problems_option, quiet_option


@click.command("impact", epilog=EXIT_CODES_HELP)
@click.argument("draft")
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder of submissions (default: the bundled fictional reference corpus).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Table and chart, or JSON.")
@standard_option
@problems_option
@quiet_option
def impact(draft: str, corpus: Path | None, fmt: str, standard_dir: Path | None) -> None:
    """Re-score a corpus under DRAFT (a version number, or a version's folder) next to the version it revises:
    who moves, by how much, and which change (requirement, threshold, rule) moved each."""
    import assessor
    from assessor.core.canonical import pretty_json

    result = assessor.standard_impact(draft, corpus=corpus, standard=existing_dir(standard_dir))
    click.echo(pretty_json(result) if fmt == "json" else assessor.impact_text(result), nl=False)
