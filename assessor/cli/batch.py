"""`dcr batch`: assess every submission under a folder in parallel, streaming results to an output folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assessor.cli.inputs import existing_dir, standard_option, version_option
from assessor.cli.output import EXIT_CODES_HELP, problems_option, quiet_option, say
from assessor.core.exit_codes import ExitCode


@click.command("batch", epilog=EXIT_CODES_HELP)
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the results (created; a re-run into it skips inputs whose results are current).",
)
@click.option("--pdf", is_flag=True, help="Also write each submission's PDF/A-3 report.")
@click.option("--xlsx", is_flag=True, help="Also write each submission's report workbook.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: every core).")
@standard_option
@version_option
@problems_option
@quiet_option
def batch(
    folder: Path,
    out: Path,
    pdf: bool,
    xlsx: bool,
    jobs: int | None,
    standard_dir: Path | None,
    standard_version: str | None,
) -> None:
    """Assess every submission (YAML, JSON, XLSX) under FOLDER; exit 4 when any failed.

    Each input's problems are printed as it finishes; the others go on. OUT receives results/NAME.json (and
    .pdf, .xlsx), a record per input, batch.jsonl (every record) and summary.json (totals and duplicates)."""
    import assessor
    from assessor.cli.batch_progress import Progress

    with Progress(folder, out) as progress:
        summary = assessor.batch(
            folder, out, jobs=jobs, pdf=pdf, xlsx=xlsx, standard=existing_dir(standard_dir),
            standard_version=standard_version, on_record=progress.record,
        )  # fmt: skip
    for group in summary.duplicates:
        say(f"Same content: {', '.join(group)}")
    say(summary.line())
    if summary.failed:
        sys.exit(ExitCode.INVALID_SUBMISSION)
