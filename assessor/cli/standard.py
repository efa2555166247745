"""`dcr standard …`: validate, outline and publish the standard's schemas."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assessor.cli.inputs import existing_dir, output_path
from assessor.cli.lazy import LazyGroup
from assessor.cli.output import problems_option, quiet_option, say, show_problems
from assessor.core.exit_codes import ExitCode
from assessor.dcrs.migration_models import CHANGE_KINDS

# Subcommands with modules of their own, imported when asked for.
SUBCOMMANDS = {
    "export": "assessor.cli.standard_oscal:standard_export",
    "import": "assessor.cli.standard_oscal:standard_import",
    "impact": "assessor.cli.standard_impact:impact",
    "new-version": "assessor.cli.standard_authoring:new_version",
    "pin": "assessor.cli.standard_authoring:pin",
    "publish": "assessor.cli.standard_authoring:publish",
    "render": "assessor.cli.standard_render:render",
}


@click.group(cls=LazyGroup, lazy=SUBCOMMANDS)
def standard() -> None:
    """Validate, outline and publish the standard."""


@standard.command("validate")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--standard-version",
    "version",
    default=None,
    metavar="X.Y.Z",
    help="Version to check in a library of versions (default: the latest published; with --against, the newest).",
)
@click.option(
    "--against",
    "against",
    default=None,
    metavar="OLD",
    help="Also check the versioning rules against OLD (a version of the library, or a version's folder): "
    "every old id in the migration map, the map matching the content, and the version bump.",
)
@problems_option
@quiet_option
def standard_validate(path: Path | None, version: str | None, against: str | None) -> None:
    """Check the standard in PATH (default: the bundled one): schema, every semantic rule, and the scoring rules
    its manifest declares."""
    from assessor.api import check_standard, check_versioning
    from assessor.core.problems import InvalidStandard
    from assessor.dcrs.library import index_problems
    from assessor.dcrs.loader import default_standard_dir
    from assessor.dcrs.versions import INDEX, library

    root = existing_dir(path, "PATH") or default_standard_dir()
    is_library = (root / INDEX).is_file()
    if against and is_library and version is None:
        version = library(root)[-1].version
    loaded = check_standard(root, version=version)
    problems = list(loaded.problems) + (index_problems(root) if is_library else [])
    if against and not loaded.errors:
        home = root if is_library else root.parent if (root.parent / INDEX).is_file() else None
        problems += check_versioning(against, loaded.root, standard=home)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InvalidStandard(problems)
    show_problems([p for p in problems if p.severity != "error"])
    s = loaded.standard
    if not _quiet():
        checked = f" and its versioning against {against}" if against else ""
        click.echo(
            f"{s.manifest.id} {s.manifest.version}{checked} is valid: {len(s.domains)} domains, "
            f"{len(s.active_requirements())} active requirements."
        )
        if is_library and version is None:  # the default checks the latest published version only: say so
            drafts = [v.version for v in library(root) if v.status == "draft"]
            click.echo("".join(f"Not checked: the draft {d} (dcr standard validate --standard-version {d}).\n"
                               for d in drafts), nl=False)  # fmt: skip


@standard.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md", "html"]),
    default="text",
    show_default=True,
    help="text for a terminal, md or html for a report (reworded text as a redline), json for programs.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(CHANGE_KINDS),
    help="Show only requirements with this kind of change (repeatable).",
)
@click.option(
    "--standard",
    "standard_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Library of versions (default: the bundled DCRS, or $DCR_STANDARD).",
)
def standard_diff(old: str, new: str, fmt: str, kinds: tuple[str, ...], standard_dir: Path | None) -> None:
    """What changed from version OLD to NEW, keyed by requirement id and typed by the migration map.

    OLD and NEW are version numbers in the library, or versions' folders."""
    from assessor.api import diff_standards
    from assessor.dcrs.diff_render import only_kinds, render

    result = diff_standards(old, new, standard=existing_dir(standard_dir, "--standard"))
    click.echo(render(only_kinds(result, kinds), fmt), nl=False)


@standard.command("show")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--standard-version",
    "version",
    default=None,
    metavar="X.Y.Z",
    help="Version to show from a library of versions (default: the latest published).",
)
def standard_show(path: Path | None, version: str | None) -> None:
    """Print an outline of the standard: domains, requirement ids, levels, weights."""
    from assessor.api import load_standard
    from assessor.dcrs.outline import outline

    click.echo(outline(load_standard(existing_dir(path, "PATH"), version=version)))


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
            sys.exit(ExitCode.BELOW_THRESHOLD)
        say(f"schemas in {folder} are up to date")
        return
    output_path(folder / "x", "--out")
    for path in write_schemas(folder):
        say(f"Wrote {path}")


def _quiet() -> bool:
    from assessor.cli.output import OUTPUT

    return OUTPUT.quiet
