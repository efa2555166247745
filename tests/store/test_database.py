"""The database itself: migrations match the tables, and bad databases get clear errors, never a fallback."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from assessor.store import SchemaMismatch, StoreConfigError, StoreUnavailable, migrate, open_store
from assessor.store.engine import make_engine, parse_url
from assessor.store.schema import metadata
from tests.conftest import CliResult


def test_migrations_create_exactly_the_declared_tables(db_url: str) -> None:
    """After `upgrade`, Alembic finds no difference between the database and the tables in schema.py."""
    store = open_store(db_url, upgrade=True)
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    store.close()
    assert differences == []


def test_newer_schema_is_refused_untouched(db_url: str, dcr: Callable[..., CliResult]) -> None:
    """A database at a revision this dcr does not know is refused (exit 11) and left as it was."""
    store = open_store(db_url, upgrade=True)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(SchemaMismatch, match="newer"):
        open_store(db_url)
    result = dcr("db", "upgrade", "--database", db_url)
    assert result.code == 11 and "newer" in result.err and "Traceback" not in result.err
    engine = make_engine(parse_url(db_url))
    assert migrate.current(engine) == "9999"
    engine.dispose()


def test_shared_database_is_not_upgraded_silently(postgres_server: str) -> None:
    """A PostgreSQL database never upgraded is refused with the command to run, until `dcr db upgrade`."""
    from tests.store.postgres import fresh_database

    url = fresh_database(postgres_server)
    with pytest.raises(SchemaMismatch, match="dcr db upgrade"):
        open_store(url)
    store = open_store(url, upgrade=True)
    assert store.verify_log() == 0
    store.close()


def test_default_sqlite_is_created_on_first_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without configuration the store is a SQLite file in the user's data folder, created and upgraded."""
    monkeypatch.delenv("DCR_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    store = open_store()
    assert store.url.get_backend_name() == "sqlite" and (tmp_path / "dcr-assessor" / "dcr.sqlite3").is_file()
    store.close()


@pytest.mark.parametrize(
    ("url", "words"),
    [("not a url", "not a database URL"), ("mysql://h/db", "unsupported database"),
     ("postgresql+psycopg2://h/db", "unsupported driver"), ("sqlite://", "name a database file")],
)  # fmt: skip
def test_malformed_urls_are_usage_errors(url: str, words: str, dcr: Callable[..., CliResult]) -> None:
    """A URL the store cannot use is exit 2 with a message, never a fallback to the default database."""
    with pytest.raises(StoreConfigError, match=words):
        open_store(url)
    result = dcr("users", "list", "--database", url)
    assert result.code == 2 and words in result.err and "Traceback" not in result.err


def test_unreachable_server_is_exit_10_without_the_password(dcr: Callable[..., CliResult]) -> None:
    """A PostgreSQL URL nobody listens on is a clear 'cannot reach' (exit 10) with the password hidden."""
    result = dcr("log", "verify", "--database", "postgresql://u:hunter2@127.0.0.1:9/x")
    assert result.code == 10 and "cannot reach" in result.err and "hunter2" not in result.err


def test_locked_sqlite_database_is_a_clear_error(tmp_path: Path) -> None:
    """A database another process holds locked is refused after the timeout as locked, not a traceback."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    store = open_store(url, timeout=0.2)
    holder = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailable, match="locked"):
            store.create_draft({}, "blocked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.create_draft({}, "after").version == 1


def test_unopenable_sqlite_file_is_a_clear_error(tmp_path: Path) -> None:
    """A path that is a folder is 'cannot open', exit 10."""
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(StoreUnavailable) as refused:
        open_store(f"sqlite:///{tmp_path / 'dir.sqlite3'}")
    assert refused.value.exit_code == 10
