"""The app without sign-in over a shared database: refused unless DCR_SINGLE_USER=1 says one person serves it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assessor.app import session
from assessor.store import open_store
from tests.conftest import ROOT
from tests.store import postgres


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """A workspace of its own and cleared caches, so each page opens its own store."""
    monkeypatch.setenv("DCR_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("DCR_EXAMPLE", raising=False)
    monkeypatch.delenv("DCR_SINGLE_USER", raising=False)
    st.cache_resource.clear()
    yield monkeypatch
    _close()


def _close() -> None:
    """Close the store the last page opened (cached per URL), then forget it."""
    if os.environ.get("DCR_DATABASE_URL"):
        session.base_store().close()
    st.cache_resource.clear()


def _overview(url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    _close()
    monkeypatch.setenv("DCR_DATABASE_URL", url)
    return AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60).run()


def test_a_shared_database_without_sign_in_is_refused(
    app_env: pytest.MonkeyPatch, postgres_server: str, tmp_path: Path
) -> None:
    """Over PostgreSQL with no sign-in configured the page refuses, naming both ways out; with DCR_SINGLE_USER=1
    it serves the overview; over a SQLite file it serves it without being asked."""
    url = postgres.fresh_database(postgres_server)
    open_store(url, upgrade=True).close()  # a team's database, upgraded once per release
    refused = _overview(url, app_env)
    said = " ".join(e.value for e in refused.error).replace("\\", "")
    assert not refused.exception and "shared database without sign-in" in said and "DCR_SINGLE_USER=1" in said
    assert not refused.title
    app_env.setenv("DCR_SINGLE_USER", "1")
    assert not _overview(url, app_env).error
    app_env.delenv("DCR_SINGLE_USER")
    local = _overview(f"sqlite:///{tmp_path / 'own.sqlite3'}", app_env)
    assert not local.exception and not local.error and local.title
