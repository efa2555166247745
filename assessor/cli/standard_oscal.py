"""`dcr standard export|import`: the standard as OSCAL 1.2.3 (catalog, mapping collections) and back."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import check_outputs, existing_dir, existing_file, force_option, output_path, standard_option
from assessor.cli.output import problems_option, quiet_option, say


@click.command("export")
@click.option(
    "--oscal",
    "catalog_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="OUT.json",
    help="Write the standard as an OSCAL 1.2.3 catalog.",
)
@click.option(
    "--oscal-mapping",
    "mapping_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="FOLDER",
    help="Write OSCAL mapping collections into FOLDER (which must exist): the standard to each framework its "
    "crosswalk cites, and the previous version to this one (from the migration map).",
)
@click.option("--standard-version", "version", default=None, metavar="X.Y.Z", help="Version to export.")
@standard_option
@force_option
@problems_option
@quiet_option
def standard_export(
    catalog_out: Path | None, mapping_dir: Path | None, version: str | None, standard_dir: Path | None, force: bool
) -> None:
    """Export a version of the standard as OSCAL 1.2.3."""
    from assessor.api import load_standard
    from assessor.api_oscal import oscal_catalog, write_mappings, write_oscal

    if catalog_out is None and mapping_dir is None:
        raise click.UsageError("give --oscal OUT.json, --oscal-mapping FOLDER, or both")
    check_outputs({"--oscal": output_path(catalog_out, "--oscal")}, [], force=force)
    root = existing_dir(standard_dir, "--standard")
    standard = load_standard(root, version=version)
    if catalog_out is not None:
        write_oscal(oscal_catalog(standard), catalog_out, replace=force)
        say(f"Wrote {catalog_out}")
    if mapping_dir is not None:
        folder = existing_dir(mapping_dir, "--oscal-mapping") or mapping_dir
        for path in write_mappings(standard, folder, library=root, replace=force):
            say(f"Wrote {path}")


@click.command("import")
@click.option(
    "--oscal",
    "catalog_in",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar="IN.json",
    help="An OSCAL 1.2.3 catalog written by `dcr standard export --oscal`.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="FOLDER",
    help="Write the standard as a version folder (manifest.yaml, domains/, glossary.yaml); it must not exist.",
)
@problems_option
@quiet_option
def standard_import(catalog_in: Path, out: Path | None) -> None:
    """Read an OSCAL catalog back into the standard's data: every problem is reported at its JSON path."""
    from assessor.api_oscal import read_oscal_catalog, write_standard_folder

    standard = read_oscal_catalog(existing_file(catalog_in, "--oscal"))
    m = standard.manifest
    if out is not None:
        if out.exists():
            raise click.BadParameter(f"{out} exists: give a new folder", param_hint="--out")
        output_path(out, "--out")
        for path in write_standard_folder(standard, out):
            say(f"Wrote {path}")
    say(f"{m.id} {m.version}: {len(standard.domains)} domains, {len(standard.requirements())} requirements read.")
