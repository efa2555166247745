"""The app under AppTest: a workspace of its own, a started app, an uploaded file, what a page shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assessor.app import session
from assessor.app.drafts import StoreDrafts
from tests.conftest import ROOT


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh store (SQLite in the test's folder), an empty file-draft workspace and cleared Streamlit caches."""
    root = tmp_path / "workspace"
    monkeypatch.setenv("DCR_WORKSPACE", str(root))
    monkeypatch.setenv("DCR_DATABASE_URL", f"sqlite:///{tmp_path / 'dcr.sqlite3'}")
    monkeypatch.delenv("DCR_EXAMPLE", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield root
    session.base_store().close()
    st.cache_resource.clear()
    st.cache_data.clear()


def stored_drafts(_workspace: Path | None = None) -> StoreDrafts:
    """The drafts in the test's store as the local administrator sees them (the app's own store object)."""
    return StoreDrafts(session.base_store())


def start(workspace: Path) -> AppTest:
    """A running app on the overview page."""
    at = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def upload(at: AppTest, path: Path, content: bytes | None = None) -> AppTest:
    """Upload a file on the overview page."""
    at.switch_page("views/overview.py").run()
    at.file_uploader(key="overview-upload").set_value(
        (path.name, content or path.read_bytes(), "application/octet-stream")
    )
    return at.run()


def level_on_results(at: AppTest) -> str:
    """The readiness-level metric on the results page."""
    at.switch_page("views/results.py").run()
    assert not at.exception
    return next(m.value for m in at.metric if m.label == "Readiness level")


def open_in_new_session(draft_id: str) -> AppTest:
    """A second tab: its own session, opened on the draft's URL, on the profile tab."""
    tab = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60)
    tab.query_params["draft"] = draft_id
    tab.run()
    tab.switch_page("views/self_assessment.py").run()
    assert not tab.exception
    return tab
