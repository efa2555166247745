"""Review tables: a decision per evidence item, and the reviewer's own findings; every change autosaved."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from assessor.app import evidence_files, state
from assessor.app.drafts import Draft
from assessor.app.editors import table_editor
from assessor.intake.models import Submission

DECISIONS = ["not_examined", "accepted", "rejected"]


def evidence_decisions(draft: Draft, submission: Submission) -> None:
    """One row per evidence item of the submission: its decision and a note."""
    current = {d.get("evidence"): d for d in draft.data.get("evidence", []) if isinstance(d, dict)}
    rows = []
    for e in submission.evidence:
        made = current.get(e.id, {})
        rows.append({"evidence": e.id, "type": e.type, "title": e.title,
                     "decision": made.get("decision", "not_examined"), "note": made.get("note", "")})  # fmt: skip
    config = {
        "evidence": st.column_config.TextColumn("Evidence", disabled=True),
        "type": st.column_config.TextColumn("Type", disabled=True),
        "title": st.column_config.TextColumn("Title", disabled=True),
        "decision": st.column_config.SelectboxColumn("Decision", options=DECISIONS, required=True),
        "note": st.column_config.TextColumn("Note (required when rejected)"),
    }
    edited = table_editor(draft, "decisions", pd.DataFrame(rows), config, fixed=True)
    decisions = [
        {"evidence": r["evidence"], "decision": r.get("decision") or "not_examined", "note": r.get("note") or ""}
        for r in edited
    ]
    if decisions != draft.data.get("evidence"):
        draft.data["evidence"] = decisions
        state.save(draft)
    evidence_files.stored_files(
        [e.model_dump(mode="json") for e in submission.evidence], key=f"review-files-{draft.id}"
    )


def reviewer_findings(draft: Draft, requirement_ids: list[str]) -> None:
    """The reviewer's own findings: title, detail, severity and, optionally, the requirement concerned."""
    columns = ["title", "detail", "severity", "requirement"]
    rows = [{c: f.get(c) for c in columns} for f in draft.data.get("findings", [])]
    config = {
        "title": st.column_config.TextColumn("Title", required=True),
        "detail": st.column_config.TextColumn("Detail", required=True, width="large"),
        "severity": st.column_config.SelectboxColumn("Severity", options=["high", "medium", "low"], required=True),
        "requirement": st.column_config.SelectboxColumn("Requirement", options=requirement_ids),
    }
    edited = table_editor(
        draft, "findings", pd.DataFrame(rows, columns=["title", "detail", "severity", "requirement"]), config
    )
    findings: list[dict[str, Any]] = [{k: v for k, v in r.items() if v not in (None, "")} for r in edited]
    if findings != draft.data.get("findings", []):
        draft.data["findings"] = findings
        state.save(draft)
