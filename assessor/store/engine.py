"""Which database, and connecting to it: the URL, the engine, and database errors as clear store errors.

`DCR_DATABASE_URL` names the database (PostgreSQL through psycopg 3 for several processes); without it the
store is a SQLite file in the user's data folder. A URL that cannot be used is an error, never a silent
fallback to another database.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from assessor.store.errors import StoreConfigError, StoreUnavailable

DATABASE_ENV = "DCR_DATABASE_URL"
TIMEOUT_ENV = "DCR_DATABASE_TIMEOUT"
DEFAULT_TIMEOUT = 10.0  # seconds to wait for a lock or a connection
DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}


def default_url() -> str:
    """$DCR_DATABASE_URL, or a SQLite file in the platform's user data folder."""
    configured = os.environ.get(DATABASE_ENV)
    if configured is not None:
        return configured
    return f"sqlite:///{Path(user_data_dir('dcr-assessor', appauthor=False)) / 'dcr.sqlite3'}"


def default_timeout() -> float:
    """$DCR_DATABASE_TIMEOUT (seconds to wait for a lock or a connection), else 10; StoreConfigError when it is
    not a positive number."""
    configured = os.environ.get(TIMEOUT_ENV, "").strip()
    if not configured:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(configured)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 3600:
        raise StoreConfigError(f"{TIMEOUT_ENV}={configured!r}: give the seconds to wait, between 0 and 3600")
    return seconds


def parse_url(text: str) -> URL:
    """A usable database URL: SQLite or PostgreSQL (postgresql:// means psycopg 3); anything else is refused."""
    try:
        url = make_url(text.strip())
    except ArgumentError as err:
        raise StoreConfigError(f"not a database URL: {text!r} (expected sqlite:///FILE or postgresql://…)") from err
    backend = url.get_backend_name()
    if backend not in DRIVERS:
        raise StoreConfigError(f"unsupported database {backend!r} in {shown(url)}: use sqlite or postgresql")
    if backend == "postgresql" and url.drivername in {"postgresql", "postgresql+psycopg"}:
        return url.set(drivername="postgresql+psycopg")
    if backend == "postgresql":
        raise StoreConfigError(f"unsupported driver {url.drivername!r}: use postgresql:// (psycopg 3)")
    if not url.database or url.database == ":memory:":
        raise StoreConfigError(f"{shown(url)}: name a database file (sqlite:///PATH)")
    return url


def shown(url: URL) -> str:
    """The URL with its password hidden, for messages."""
    return url.render_as_string(hide_password=True)


def make_engine(url: URL, timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """An engine for the URL: SQLite in WAL mode, writes taking the write lock at BEGIN (BEGIN IMMEDIATE), so
    a read-then-write never deadlocks; PostgreSQL with a connect timeout."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, timeout)
    try:
        return create_engine(url, connect_args={"connect_timeout": max(1, int(timeout))}, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as err:
        raise StoreUnavailable("PostgreSQL needs its driver: pip install 'dcr-assessor[postgres]'") from err


def _sqlite_engine(url: URL, timeout: float) -> Engine:
    assert url.database is not None
    Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": timeout})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        dbapi_connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        with contextlib.suppress(Exception):  # a read-only or locked file keeps its journal mode
            dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        writing = connection.get_execution_options().get("dcr_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


@contextlib.contextmanager
def database_errors(url: URL) -> Iterator[None]:
    """Database failures as StoreUnavailable naming the database and the cause (locked, unreachable)."""
    try:
        yield
    except OperationalError as err:
        raise StoreUnavailable(f"{shown(url)}: {_cause(err)}") from err
    except DBAPIError as err:
        if err.connection_invalidated:
            raise StoreUnavailable(f"{shown(url)}: the connection was lost ({_first_line(err)})") from err
        raise


def _cause(err: DBAPIError) -> str:
    text = _first_line(err)
    if "locked" in text or "busy" in text:
        return f"the database is locked by another process ({text})"
    if "unable to open" in text or "readonly" in text.replace("-", ""):
        return f"cannot open the database file ({text})"
    return f"cannot reach the database ({text})"


def _first_line(err: DBAPIError) -> str:
    return str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
