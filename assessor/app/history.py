"""History: every change to a record from the store's event log (who, when, field, old → new), and restoring
an earlier version of a draft as a new version (itself an event, so nothing is lost)."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from assessor.app import present, session, state
from assessor.app.drafts import Draft, from_record
from assessor.app.text import md
from assessor.store import Forbidden, StaleRecord

CELL = 120  # characters of a value shown in the table


def render() -> None:
    """The history page for the open draft (or a submission picked from the list)."""
    st.title("History")
    restored = st.session_state.pop("restored", None)
    if restored is not None:
        st.success(md("Version {version} restored, saved as a new version.", version=restored))
    records = _records()
    if not records:
        st.info("Open a draft (Overview or Self-assessment) or a submission to see its history.")
        return
    labels = list(records)
    chosen = st.selectbox("Record", labels, key="history-record")
    kind, record_id = records[chosen or labels[0]]
    events = session.scoped().history(kind, record_id)
    st.caption(md("{count} change(s), oldest first. The log is append-only and hash-chained (`dcr log verify`).",
                  count=len(events)))  # fmt: skip
    st.dataframe(present.rows(rows(events)), hide_index=True, width="stretch")
    if kind == "draft":
        _restore(record_id, events)


def _records() -> dict[str, tuple[str, str]]:
    """The records this session can look back on: its open drafts, then the submissions in its scope."""
    found: dict[str, tuple[str, str]] = {}
    for kind in ("submission", "review"):
        draft: Draft | None = st.session_state.get(f"open:{kind}")
        if draft is not None:
            found[f"Open {kind} draft: {draft.title}"] = ("draft", draft.id)
    for submission in session.scoped().submissions():
        found[f"Submission: {submission['title']} ({submission['state'].replace('_', ' ')})"] = (
            "submission", submission.id)  # fmt: skip
    return found


def rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per changed field: version, when, who, what, field, old and new value."""
    table = []
    for event in events:
        for change in event["changes"] or [{"field": ""}]:
            table.append({"version": event["version"], "when": present.when(event["at"]), "who": event["actor"],
                          "action": event["action"], "field": str(change.get("field", ""))[2:] or "(record)",
                          "old": _shown(change, "old"), "new": _shown(change, "new")})  # fmt: skip
    return table


def _shown(change: dict[str, Any], side: str) -> str:
    if side not in change:
        return "—"
    value = change[side]
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= CELL else text[: CELL - 1] + "…"


def _restore(draft_id: str, events: list[dict[str, Any]]) -> None:
    current = max((e["version"] for e in events), default=0)
    earlier = sorted({e["version"] for e in events if e["version"] < current and e["action"] != "delete"})
    if not earlier:
        return
    st.subheader("Restore an earlier version")
    version = st.selectbox("Version", earlier[::-1], key="history-version")
    st.caption("Restoring saves that version's content as a new version; the versions in between stay here.")
    if st.button(f"Restore version {version}", key="history-restore") and version is not None:
        _do_restore(draft_id, int(version), current)


def _do_restore(draft_id: str, version: int, based_on: int) -> None:
    try:
        restored = from_record(session.scoped().restore("draft", draft_id, version, based_on))
    except StaleRecord as stale:
        st.warning(md("Not restored: {why}. The table now shows the newer change.", why=str(stale)))
        return
    except Forbidden as refused:
        st.error(md("Not restored: {why}.", why=str(refused)))
        return
    state.forget_widgets(restored.id)
    state.open_draft(restored)
    st.session_state["restored"] = version
    st.rerun()
