"""Evidence files in the app: a lab uploads a file for an item of its register (stored once, by its sha256, in
the store; size-limited), and anyone who may see the work (the lab, its assigned reviewers) opens the stored
file from the register."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assessor.app import session, state
from assessor.app.drafts import Draft, from_record
from assessor.app.text import md
from assessor.app.uploads import safe_name
from assessor.core.limits import EVIDENCE_FILE_BYTES
from assessor.core.problems import DcrError, InvalidSubmission
from assessor.store import StaleRecord

LIMIT_MB = EVIDENCE_FILE_BYTES // (1024 * 1024)


def upload_panel(draft: Draft) -> None:
    """Attach a file to one register item: stored by content, linked from the item by its sha256."""
    ids = [str(e["id"]) for e in draft.data.get("evidence", []) if isinstance(e, dict) and e.get("id")]
    st.markdown(md("**Evidence files** — kept in the store by their SHA-256, up to {limit} MB each.", limit=LIMIT_MB))
    if not ids:
        st.caption("Add an item to the register first; a file is attached to one item.")
    else:
        item = st.selectbox("Register item", ids, key=f"evidence-item-{draft.id}")
        uploaded = st.file_uploader("File for this item", key=f"evidence-file-{draft.id}", max_upload_size=LIMIT_MB)
        done = st.session_state.setdefault("evidence-uploaded", set())
        if uploaded is not None and item and uploaded.file_id not in done:
            done.add(uploaded.file_id)
            _attach(draft, item, uploaded.name, uploaded.getvalue())
    notice = st.session_state.pop(f"evidence-notice-{draft.id}", None)
    if notice:
        st.success(md("{notice}", notice=notice))
    stored_files(draft.data.get("evidence", []), key=f"evidence-open-{draft.id}")


def _attach(draft: Draft, item: str, name: str, content: bytes) -> None:
    try:
        saved = session.scoped().add_evidence(draft.id, draft.version, item, safe_name(name), content)
    except InvalidSubmission as err:
        st.error(
            md("{name} was not stored: {why}", name=safe_name(name), why="; ".join(p.message for p in err.problems))
        )
        return
    except StaleRecord as stale:
        st.warning("This draft was saved elsewhere meanwhile; the stored version is open now. Attach the file again.")
        state.forget_widgets(draft.id)
        state.open_draft(from_record(stale.current))
        return
    except DcrError as err:
        st.error(md("The file was not stored: {why}", why=str(err)))
        return
    state.forget_widgets(draft.id)
    state.open_draft(from_record(saved))
    st.session_state[f"revision:{draft.id}"] = st.session_state.get(f"revision:{draft.id}", 0) + 1
    st.session_state[f"evidence-notice-{draft.id}"] = f"{safe_name(name)} stored and linked from {item}."
    st.rerun()


def stored_files(items: list[Any], *, key: str) -> None:
    """The register's items whose file is in the store (and visible to this identity), each one to open."""
    linked = [e for e in items if isinstance(e, dict) and isinstance(e.get("sha256"), str)]
    found = session.scoped().stored_evidence([e["sha256"] for e in linked]) if linked else {}
    shown = [e for e in linked if e["sha256"] in found]
    if not shown:
        return
    st.caption("Stored evidence files:")
    for n, item in enumerate(shown):
        name, size = found[item["sha256"]]
        left, right = st.columns([5, 2])
        left.markdown(md("{id} · {name} · {size} bytes · sha256 `{sha}`", id=item.get("id", ""), name=name,
                         size=f"{size:,}", sha=item["sha256"][:16]))  # fmt: skip
        right.download_button("Open the file", data=_reader(item["sha256"]), file_name=name, key=f"{key}-{n}",
                              mime="application/octet-stream", on_click="ignore")  # fmt: skip


def _reader(digest: str) -> Any:
    """The file's bytes, fetched from the store only when the button is pressed."""
    return lambda: session.scoped().evidence_file(digest)[1]
