"""A database the app cannot use is a clear message on the page: no traceback, nothing shown from elsewhere,
and never a silent fallback to the embedded SQLite file (no file appears in the user's data folder)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from assessor.app import session
from assessor.store import open_store
from tests.conftest import EXAMPLES, ROOT


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's data folder (where a fallback database would appear) and an empty workspace."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("DCR_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.setenv("DCR_DATABASE_TIMEOUT", "0.3")
    monkeypatch.delenv("DCR_EXAMPLE", raising=False)
    st.cache_resource.clear()
    yield tmp_path
    st.cache_resource.clear()


def _page(url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DCR_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60)
    return at.run()


def _shown(at: AppTest) -> str:
    return " ".join(e.value for e in at.error).replace("\\", "")  # shown as text: punctuation escaped


def _no_fallback(home: Path) -> None:
    assert not list((home / "data").rglob("*.sqlite3"))


def test_an_unreachable_database_is_a_message(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PostgreSQL server nobody listens on: 'cannot reach' with the password hidden, no drafts, no fallback."""
    at = _page("postgresql://dcr:hunter2@127.0.0.1:9/dcr", monkeypatch)
    assert not at.exception and "cannot reach the database" in _shown(at)
    assert "hunter2" not in _shown(at) and not [b for b in at.button if b.label == "Open"]
    _no_fallback(home)


def test_a_newer_schema_is_a_message_and_left_untouched(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database written by a newer dcr: the page says to upgrade dcr-assessor; the database keeps its revision."""
    url = f"sqlite:///{home / 'team.sqlite3'}"
    store = open_store(url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    at = _page(url, monkeypatch)
    assert not at.exception and "newer than this dcr knows" in _shown(at)
    with sqlite3.connect(home / "team.sqlite3") as check:
        assert check.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
    _no_fallback(home)


def test_a_malformed_url_is_a_message(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unsupported database URL names the problem on the page instead of opening another database."""
    at = _page("mysql://db.internal/dcr", monkeypatch)
    assert not at.exception and "unsupported database" in _shown(at)
    _no_fallback(home)


@pytest.mark.slow
def test_a_locked_database_refuses_the_save_with_a_message(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holding the SQLite file's write lock: the upload says the database is locked, nothing is
    written, and the same upload works once the lock is gone."""
    url = f"sqlite:///{home / 'team.sqlite3'}"
    at = _page(url, monkeypatch)
    holder = sqlite3.connect(home / "team.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        at.file_uploader(key="overview-upload").set_value((EXAMPLES[0].name, EXAMPLES[0].read_bytes(), "text/yaml"))
        at.run()
        assert not at.exception and "locked by another process" in _shown(at)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert session.base_store().drafts() == []
    at.file_uploader(key="overview-upload").set_value((EXAMPLES[0].name, EXAMPLES[0].read_bytes(), "text/yaml"))
    at.run()
    assert not at.exception and len(session.base_store().drafts()) == 1
    session.base_store().close()
    _no_fallback(home)


def test_a_bad_lock_timeout_is_a_message(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$DCR_DATABASE_TIMEOUT that is not a number of seconds is named on the page."""
    monkeypatch.setenv("DCR_DATABASE_TIMEOUT", "soon")
    at = _page(f"sqlite:///{home / 'team.sqlite3'}", monkeypatch)
    assert not at.exception and "DCR_DATABASE_TIMEOUT" in _shown(at)
    _no_fallback(home)
