"""A throwaway PostgreSQL server from Debian's packages, for the store's tests: a cluster in a temporary folder,
run as an unprivileged user (CI runs as root, and PostgreSQL refuses root), listening on 127.0.0.1 only."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path(os.environ.get("DCR_PG_BIN", "/usr/lib/postgresql/15/bin"))
USER = "nobody"


def available() -> bool:
    """Whether Debian's PostgreSQL server programs are installed."""
    return (BIN / "initdb").is_file() and (BIN / "pg_ctl").is_file()


def _as_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", USER, "--", *argv] if os.geteuid() == 0 else argv


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server() -> Iterator[str]:
    """Start a cluster and yield the URL of its `postgres` database; always stop it and remove its folder."""
    base = Path(tempfile.mkdtemp(prefix="dcr-pg-"))
    data, port = base / "data", _free_port()
    base.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(base, USER)
    subprocess.run(_as_user([str(BIN / "initdb"), "-D", str(data), "-U", "dcr", "--auth=trust", "-E", "UTF8",
                             "--no-sync"]), check=True, capture_output=True)  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off -c max_connections=60"
    start = [str(BIN / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-o", options, "-w", "start"]
    try:
        subprocess.run(_as_user(start), check=True, capture_output=True, timeout=60)
        yield f"postgresql://dcr@127.0.0.1:{port}/postgres"
    finally:
        stop = [str(BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_user(stop), check=False, capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    """A new, empty database for one test; its URL. Each is a schema of its own in one shared database, which the
    URL makes the connection's only search path: the store sees an empty database, and a test does not wait the
    quarter of a second PostgreSQL takes to create a database."""
    import psycopg

    shared, name = server_url.rsplit("/", 1)[0] + "/dcr_tests", f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = 'dcr_tests'").fetchone() is None:
            conn.execute('CREATE DATABASE "dcr_tests"')  # once per server (each test process starts its own)
    with psycopg.connect(shared, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    return f"{shared}?options=-csearch_path%3D{name}"
