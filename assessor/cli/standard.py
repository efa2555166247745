"""`dcr standard …`: validate, outline and publish the standard's schemas."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assessor.cli.inputs import existing_dir, output_path
from assessor.cli.output import problems_option, quiet_option, say


@click.group()
def standard() -> None:
    """Validate, outline and publish the standard."""


@standard.command("validate")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@problems_option
@quiet_option
def standard_validate(path: Path | None) -> None:
    """Check the standard in PATH (default: the bundled one): schema, then every semantic rule."""
    from assessor.core.problems import InvalidStandard
    from assessor.dcrs.loader import check_standard

    loaded = check_standard(existing_dir(path, "PATH"))
    if loaded.problems:
        raise InvalidStandard(loaded.problems)
    s = loaded.standard
    if not _quiet():
        click.echo(
            f"{s.manifest.id} {s.manifest.version} is valid: {len(s.domains)} domains, "
            f"{len(s.active_requirements())} active requirements."
        )


@standard.command("show")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
def standard_show(path: Path | None) -> None:
    """Print an outline of the standard: domains, requirement ids, levels, weights."""
    from assessor.api import load_standard
    from assessor.dcrs.outline import outline

    click.echo(outline(load_standard(existing_dir(path, "PATH"))))


@standard.command("schema")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder to write to.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the committed schemas are out of date.")
@quiet_option
def standard_schema(out: Path | None, check: bool) -> None:
    """Write the JSON Schemas (Draft 2020-12) generated from the models."""
    from assessor.dcrs.loader import default_standard_dir
    from assessor.schemas import drifted, write_schemas

    folder = out or default_standard_dir() / "schema"
    if check:
        stale = drifted(folder)
        if stale:
            click.echo(f"out of date in {folder}: {', '.join(stale)} — run `make schema`", err=True)
            sys.exit(1)
        say(f"schemas in {folder} are up to date")
        return
    output_path(folder / "x", "--out")
    for path in write_schemas(folder):
        say(f"Wrote {path}")


def _quiet() -> bool:
    from assessor.cli.output import OUTPUT

    return OUTPUT.quiet
