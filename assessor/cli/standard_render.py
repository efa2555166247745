"""`dcr standard render`: the standard as a readable document, with a redline against an earlier version."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import check_outputs, existing_dir, force_option, standard_option
from assessor.cli.output import EXIT_CODES_HELP, problems_option, quiet_option, say


@click.command("render", epilog=EXIT_CODES_HELP)
@click.argument("version", required=False)
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the HTML here.")
@click.option("--pdf", "pdf_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the PDF here.")
@click.option("--against", default=None, metavar="OLD", help="Redline against this earlier version.")
@force_option
@standard_option
@problems_option
@quiet_option
def render(
    version: str | None,
    html_out: Path | None,
    pdf_out: Path | None,
    against: str | None,
    force: bool,
    standard_dir: Path | None,
) -> None:
    """Render VERSION (default: the latest published) for consultation as HTML and/or PDF."""
    import assessor

    if html_out is None and pdf_out is None:
        raise click.UsageError("give --html OUT and/or --pdf OUT")
    check_outputs({"--html": html_out, "--pdf": pdf_out}, [], force=force)
    doc = assessor.standard_document(version, against=against, standard=existing_dir(standard_dir))
    for out, kind in ((html_out, "html"), (pdf_out, "pdf")):
        if out is not None:
            assessor.render_standard(doc, out, kind=kind, replace=force)  # type: ignore[arg-type]
            say(f"Wrote {out}")
