"""The store's fixtures: every store test runs against SQLite and against a real PostgreSQL server."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessor.store import Identity, Store, open_store
from tests.conftest import ROOT, load_yaml
from tests.store import postgres

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One PostgreSQL cluster for the session, always stopped at the end (skipped without it, failed in CI)."""
    if not postgres.available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL server programs not found in {postgres.BIN}")
        pytest.skip("PostgreSQL server programs not installed")
    with postgres.server() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or a fresh database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return postgres.fresh_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """The store on that database, upgraded, as the local administrator."""
    opened = open_store(db_url, upgrade=True)
    yield opened
    opened.close()


def lab_data() -> dict[str, Any]:
    """The bundled mature-lab example as JSON data (what the app keeps in a draft)."""
    raw = load_yaml((ROOT / "examples" / "mature-lab.yaml").read_text(encoding="utf-8"))
    return dict(json.loads(json.dumps(raw, default=str)))


def as_user(store: Store, name: str) -> Store:
    """The store seen by a stored user."""
    return store.as_identity(store.identity_for(name))


@pytest.fixture
def team(store: Store) -> dict[str, Store]:
    """Two labs (a member each), two reviewers and an approver, each with its own view of the store."""
    for org in ("Meridian AI", "Kestrel AI"):
        store.add_organisation(org)
    store.add_user("mia", ["member"], "Meridian AI")
    store.add_user("kai", ["member"], "Kestrel AI")
    store.add_user("rita", ["reviewer"])
    store.add_user("ray", ["reviewer"])
    store.add_user("abe", ["approver"])
    return {name: as_user(store, name) for name in ("mia", "kai", "rita", "ray", "abe")} | {"admin": store}


__all__ = ["Identity", "as_user", "lab_data"]
