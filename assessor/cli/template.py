"""`dcr template`: a blank submission (YAML) or the fillable evidence workbook, generated from the standard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from assessor.cli.inputs import (
    check_outputs,
    force_option,
    standard_choice,
    standard_from,
    standard_option,
    submission_source,
    version_option,
)
from assessor.cli.output import EXIT_CODES_HELP, problems_option, quiet_option, say


@click.command("template", epilog=EXIT_CODES_HELP)
@click.option(
    "--yaml",
    "yaml_out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write a YAML skeleton (- for standard output).",
)
@click.option("--xlsx", "xlsx_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the workbook.")
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Prefill the workbook from this submission (YAML, JSON or XLSX).",
)
@force_option
@standard_option
@version_option
@problems_option
@quiet_option
def template(
    yaml_out: Path | None,
    xlsx_out: Path | None,
    source: Path | None,
    force: bool,
    standard_dir: Path | None,
    standard_version: str | None,
) -> None:
    """Write a blank submission (YAML) or the fillable evidence workbook (XLSX), generated from the standard."""
    from assessor.api import validate
    from assessor.core.atomic import write_atomic, write_stdout

    if yaml_out is None and xlsx_out is None:
        raise click.UsageError("say what to write: --yaml OUT and/or --xlsx OUT")
    if source is not None and xlsx_out is None:
        raise click.UsageError("--from prefills the workbook: add --xlsx OUT")
    check_outputs({"--yaml": yaml_out, "--xlsx": xlsx_out}, [source], force=force)
    prefill, standard_model = None, None
    if source is not None:  # a prefilled workbook answers the version its source does, unless told otherwise
        checked = validate(submission_source(source, None), standard=standard_choice(standard_dir, standard_version))
        prefill, standard_model = checked.require()
    standard_model = standard_model or standard_from(standard_dir, standard_version)
    if yaml_out is not None:
        from assessor.intake.template_yaml import template_yaml

        text = template_yaml(standard_model, date.today())
        if str(yaml_out) == "-":
            write_stdout(text)
        else:
            write_atomic(yaml_out, text, replace=force)
            say(f"Wrote {yaml_out}")
    if xlsx_out is not None:
        from assessor.intake.workbook_template import workbook_template

        write_atomic(xlsx_out, workbook_template(standard_model, prefill), replace=force)
        say(f"Wrote {xlsx_out}" + (f", prefilled from {source}" if source else ""))
