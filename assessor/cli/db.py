"""`dcr db`: create or upgrade the store's schema, export it as JSON lines, import an export."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import click

from assessor.cli.inputs import STDIN, check_outputs, force_option
from assessor.cli.output import quiet_option, say

database_option = click.option(
    "--database",
    "url",
    default=None,
    metavar="URL",
    help="Database URL (default: $DCR_DATABASE_URL, else a SQLite file in the user's data folder).",
)


@click.group("db")
def db() -> None:
    """The store's database: schema upgrades, export and import."""


@db.command("upgrade")
@database_option
@quiet_option
def upgrade(url: str | None) -> None:
    """Create the database's schema or upgrade it to this dcr's (refused when the database is newer)."""
    from assessor import api_store

    before, after = api_store.upgrade_database(url)
    done = "already at" if before == after else f"upgraded from {before or 'nothing'} to"
    say(f"{api_store.database_name(url)}: {done} schema {after}")


@db.command("export")
@database_option
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default=None,
              help="Write the export here (default, or -: standard output).")  # fmt: skip
@force_option
@quiet_option
def export(url: str | None, out: Path | None, force: bool) -> None:
    """Every record, evidence file and event as JSON lines: a backup, or a move to another database."""
    from assessor import api_store
    from assessor.core.atomic import write_atomic, write_stdout

    check_outputs({"--output": out}, [], force=force)
    lines = api_store.export_database(url)
    if out is None or str(out) == STDIN:
        for line in lines:
            write_stdout(line)
        return
    text = "".join(lines)
    write_atomic(out, text, replace=force)
    say(f"Wrote {out} ({text.count(chr(10)) - 1:,} rows)")


@db.command("import")
@click.argument("export_file", type=click.File("r", encoding="utf-8"), metavar="EXPORT")
@database_option
@quiet_option
def import_(export_file: TextIO, url: str | None) -> None:
    """Load EXPORT (from `dcr db export`; - for standard input) into an empty database and check its chain."""
    from assessor import api_store

    count = api_store.import_database(export_file, url, where=export_file.name)
    say(f"{api_store.database_name(url)}: imported {count:,} rows; event log verified")
