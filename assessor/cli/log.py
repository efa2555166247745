"""`dcr log verify`: check the store's hash-chained event log."""

from __future__ import annotations

import click

from assessor.cli.db import database_option


@click.group("log")
def log() -> None:
    """The store's append-only event log."""


@log.command("verify")
@database_option
def verify(url: str | None) -> None:
    """Check every event's hash and link, then every record against its events; exit 13 naming the first broken
    link (an edited, deleted or reordered event) or every record changed past the store."""
    from assessor import api_store

    count = api_store.verify_log(url)
    name = api_store.database_name(url)
    click.echo(f"{name}: event log intact ({count:,} events); every record is what its events say")
