"""`dcr standard new-version`, `pin` and `publish`: authoring versions of the standard in a library folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from assessor.cli.inputs import existing_dir, standard_option
from assessor.cli.output import EXIT_CODES_HELP, problems_option, quiet_option, say


@click.command("new-version", epilog=EXIT_CODES_HELP)
@click.argument("version")
@standard_option
@problems_option
@quiet_option
def new_version(version: str, standard_dir: Path | None) -> None:
    """Start draft VERSION (X.Y.Z or X.Y.Z-PRE): copy the newest version, scaffold its migration map."""
    import assessor

    folder = assessor.standard_new_version(version, standard=existing_dir(standard_dir))
    say(f"Created draft {version} in {folder}; edit it and its migration.yaml, then `dcr standard pin {version}`.")


@click.command("pin", epilog=EXIT_CODES_HELP)
@click.argument("version")
@standard_option
@problems_option
@quiet_option
def pin(version: str, standard_dir: Path | None) -> None:
    """Record draft VERSION's content hash in versions.yaml."""
    import assessor

    digest = assessor.standard_pin(version, standard=existing_dir(standard_dir))
    say(f"Pinned {version}: sha256 {digest}")


@click.command("publish", epilog=EXIT_CODES_HELP)
@click.argument("version")
@click.option(
    "--released",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Release date written into the version's manifest (default: today).",
)
@standard_option
@problems_option
@quiet_option
def publish(version: str, released: datetime | None, standard_dir: Path | None) -> None:
    """Publish pinned draft VERSION once the versioning rules pass: its manifest says published (and when), its
    pin is recorded again, and earlier releases become superseded."""
    import assessor

    on = released.date() if released is not None else None
    superseded = assessor.standard_publish(version, standard=existing_dir(standard_dir), released=on)
    say(f"Published {version}" + (f"; superseded {', '.join(superseded)}" if superseded else "") + ".")
