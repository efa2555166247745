"""The workflow in the app: people in the store, signing in as one of them, clicking a button by its label."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessor.app import session
from tests.conftest import ROOT


def as_user(name: str) -> AppTest:
    """A session signed in as a stored user, on the submissions page."""
    at = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60)
    at.session_state["identity"] = session.base_store().identity_for(name)
    at.run()
    at.switch_page("views/workflow.py").run()
    assert not at.exception
    return at


def as_admin() -> AppTest:
    """A single-user session (the local administrator) on the submissions page."""
    at = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60)
    at.run()
    at.switch_page("views/workflow.py").run()
    return at


def click(at: AppTest, label: str) -> AppTest:
    """Click the button with this label and check the page took it."""
    next(b for b in at.button if b.label == label).click().run()
    refused = [e.value for e in at.error if "refused" in e.value]
    assert not at.exception and not refused, refused
    return at


def people() -> None:
    """A lab member, a reviewer and an approver."""
    store = session.base_store()
    store.add_organisation("Northwind Labs")
    store.add_user("mia@northwind.example", ["member"], "Northwind Labs")
    store.add_user("rita@regulator.example", ["reviewer"])
    store.add_user("alex@regulator.example", ["approver"])


def review_file(at: AppTest, path: Path) -> AppTest:
    """Replace the review of the one submission shown with a review file, as its reviewer does."""
    uploader = next(u for u in at.get("file_uploader") if str(u.key).startswith("review-file-"))
    at.file_uploader(key=uploader.key).set_value((path.name, path.read_bytes(), "application/yaml")).run()
    saved = [e.value for e in at.error if "refused" in e.value]
    assert not at.exception and not saved, saved
    return at
