"""Alembic, run programmatically: the schema's state in a database, and upgrading it to this dcr's head.

The revisions ship inside the package (`assessor/store/migrations/`), so an installed dcr upgrades any
database it opens; a database whose revision this dcr does not know is newer and is refused, never touched.
"""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from assessor.store.errors import SchemaMismatch

LOCK_KEY = 0x44435253  # "DCRS": one PostgreSQL advisory lock around upgrades, so two processes never race


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("assessor.store") / "migrations"))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this dcr knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The database's revision, or None for a database never upgraded."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def state(engine: Engine) -> str:
    """'current', 'empty' (never upgraded) or 'behind'; SchemaMismatch when the revision is unknown (newer)."""
    revision = current(engine)
    if revision is None:
        return "empty"
    if revision == head():
        return "current"
    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    if revision not in known:
        raise SchemaMismatch(
            f"the database's schema (revision {revision}) is newer than this dcr knows (up to {head()}): "
            "upgrade dcr-assessor; the database was not changed"
        )
    return "behind"


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Upgrade the database to head in one transaction; returns (revision before, revision after)."""
    before = current(engine)
    state(engine)  # refuses a newer schema before anything runs
    with engine.connect().execution_options(dcr_write=True) as connection, connection.begin():
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        command.upgrade(_config(connection), "head")
    return before, head()
