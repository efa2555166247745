"""Evidence files through the app: uploaded for a register item, stored by sha256, linked from the register,
refused with a clear message over the limit, and opened by the lab and by the assigned reviewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessor.app import session
from assessor.core import limits
from assessor.core.canonical import sha256_hex
from tests.app_helpers import start, stored_drafts, upload, workspace
from tests.conftest import EXAMPLES
from tests.workflow_helpers import as_admin, as_user, click, people

__all__ = ["workspace"]  # the fixture, imported so pytest finds it here
DRILL = b"%PDF-1.7\n% shutdown drill after-action report\n"


def _evidence_tab(at: AppTest) -> AppTest:
    at.switch_page("views/self_assessment.py").run()
    at.session_state["self-tabs"] = "Evidence"
    return at.run()


def _attach(at: AppTest, item: str, name: str, content: bytes) -> AppTest:
    key = next(s.key for s in at.selectbox if s.key and s.key.startswith("evidence-item-"))
    at.selectbox(key=key).set_value(item).run()
    uploader = next(u for u in at.get("file_uploader") if u.key and u.key.startswith("evidence-file-"))
    uploader.set_value((name, content, "application/pdf"))  # type: ignore[attr-defined]
    return at.run()


def _opened(at: AppTest) -> list[str]:
    return [d.label for d in at.get("download_button") if d.label == "Open the file"]  # type: ignore[attr-defined]


@pytest.mark.slow
def test_an_uploaded_file_is_stored_by_hash_and_linked_from_its_item(workspace: Path) -> None:
    """The file lands in the store once, its item carries its sha256, and the register offers to open it."""
    at = _evidence_tab(upload(start(workspace), EXAMPLES[0]))
    (draft,) = stored_drafts().list()
    item = draft.data["evidence"][0]["id"]
    _attach(at, item, "drill report.pdf", DRILL)
    assert not at.exception and any("stored and linked" in s.value for s in at.success)
    (saved,) = stored_drafts().list()
    linked = next(e for e in saved.data["evidence"] if e["id"] == item)
    assert linked["sha256"] == sha256_hex(DRILL) and saved.version == draft.version + 1
    assert session.base_store().evidence_file(sha256_hex(DRILL)) == ("drill_report.pdf", DRILL)
    assert _opened(at) == ["Open the file"]
    assert at.session_state["open:submission"].version == saved.version  # the next edit is not stale


def test_a_file_over_the_limit_is_refused_with_the_limit_named(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file over the evidence limit gets a message naming its size and the limit; nothing is stored."""
    monkeypatch.setattr(limits, "EVIDENCE_FILE_BYTES", 1_000)
    monkeypatch.setattr("assessor.store.evidence.EVIDENCE_FILE_BYTES", 1_000)
    at = _evidence_tab(upload(start(workspace), EXAMPLES[0]))
    (draft,) = stored_drafts().list()
    _attach(at, draft.data["evidence"][0]["id"], "huge.bin", b"x" * 1_001)
    errors = " ".join(e.value for e in at.error).replace("\\", "")  # shown as text: punctuation escaped
    assert not at.exception and "1,001 bytes" in errors and "1,000" in errors and "not stored" in errors
    (after,) = stored_drafts().list()
    assert after.version == draft.version and session.base_store().stored_evidence([sha256_hex(b"x" * 1_001)]) == {}


@pytest.mark.slow
def test_the_assigned_reviewer_opens_the_submitted_file(workspace: Path) -> None:
    """After submission and assignment the reviewer's Submissions page offers the stored file; the file opens."""
    people()
    mia = as_user("mia@northwind.example")
    upload(mia, EXAMPLES[0])
    _evidence_tab(mia)
    (draft,) = stored_drafts().list()
    _attach(mia, draft.data["evidence"][0]["id"], "drill.pdf", DRILL)
    mia.switch_page("views/workflow.py").run()
    click(mia, "Submit for review")
    admin = as_admin()
    admin.text_input(key=next(t.key for t in admin.text_input if t.key.startswith("assign-"))).set_value(
        "rita@regulator.example"
    )
    click(admin, "Assign")
    rita = as_user("rita@regulator.example")
    assert _opened(rita) == ["Open the file"]
    rita_store = session.base_store().as_identity(session.base_store().identity_for("rita@regulator.example"))
    assert rita_store.evidence_file(sha256_hex(DRILL))[1] == DRILL


@pytest.mark.slow
def test_the_auditor_review_page_opens_the_stored_file(workspace: Path) -> None:
    """In single-user mode the review's evidence tab lists the submission's stored file to open."""
    at = _evidence_tab(upload(start(workspace), EXAMPLES[0]))
    (draft,) = stored_drafts().list()
    _attach(at, draft.data["evidence"][0]["id"], "drill.pdf", DRILL)
    at.switch_page("views/review.py").run()
    next(b for b in at.button if b.label == "Start a review").click().run()
    at.session_state["review-tabs"] = "Evidence"
    at.run()
    assert not at.exception and _opened(at) == ["Open the file"]
