"""The `dcr` command line: a thin shell over the assessor package.

Exit codes: 0 success, 1 below --fail-under or stale output, 2 usage, 3 invalid standard,
4 invalid submission or review.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .problems import DcrError, ProblemsError

EXIT_USAGE = 2

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
    sys.exit(result if isinstance(result, int) else 0)
