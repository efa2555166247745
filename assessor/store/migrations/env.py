"""Alembic's environment for the store: always run programmatically (assessor.store.migrate) on the
connection it is handed, so the same code upgrades SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import context

from assessor.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
