"""Table editors for the draft's lists (models, evidence register, metrics), autosaving every change.

Each editor keeps the table it started from in session state and lets st.data_editor hold the edits;
feeding edited data back in as the new base would apply the edits twice.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any, Literal

import pandas as pd
import streamlit as st

from assessor.app import state
from assessor.app.drafts import Draft
from assessor.dcrs.base import SURFACES


def models_editor(draft: Draft) -> None:
    """The models in scope, one checkbox per surface, with each model's version and release date."""
    current = draft.data.setdefault("profile", {}).setdefault("models", [])
    rows = [
        {
            "name": m.get("name", ""),
            "description": m.get("description", ""),
            "version": m.get("version"),
            "release_date": _cell(m.get("release_date"), "date"),
            **{s: s in m.get("surfaces", []) for s in SURFACES},
        }
        for m in current
    ]
    config = {
        "name": st.column_config.TextColumn("Model", required=True),
        "description": "Description",
        "version": st.column_config.TextColumn("Version"),
        "release_date": st.column_config.DateColumn("Released", format="YYYY-MM-DD"),
    }
    config |= {s: st.column_config.CheckboxColumn(s.replace("_", " "), default=False) for s in SURFACES}
    columns = ["name", "description", "version", "release_date", *SURFACES]
    edited = table_editor(draft, "models", pd.DataFrame(rows, columns=columns).astype({"version": "string"}), config)
    kept = {m.get("name"): {k: v for k, v in m.items() if k not in MODEL_FIELDS} for m in current}
    models = []
    for row in edited:
        model: dict[str, Any] = {"name": row.get("name") or ""}
        for key in ("description", "version", "release_date"):
            if row.get(key):
                model[key] = row[key]
        model["surfaces"] = [s for s in SURFACES if row.get(s) is True]
        models.append(model | kept.get(model["name"], {}))
    if models != current:
        draft.data["profile"]["models"] = models
        state.save(draft)


MODEL_FIELDS = {"name", "description", "version", "release_date", "surfaces"}
EVIDENCE_FIELDS = ["id", "type", "title", "description", "location", "sha256", "date", "owner", "performed"]
# Shown in date columns: the issue date and the date of the activity.
DATE_FIELDS = frozenset({"date", "performed"})
# Shown as text cells: who issued the item, and which models it is about ("organisation" for `models: []`).
SCOPE_FIELDS = ["issuer", "models"]
ORGANISATION = "organisation"


def evidence_editor(draft: Draft) -> None:
    """The evidence register; each item keeps its metrics, matched by id."""
    current = draft.data.setdefault("evidence", [])
    types = [t.id for t in state.standard().manifest.evidence_types]
    columns = [*EVIDENCE_FIELDS, *SCOPE_FIELDS]
    rows = [{**{f: _cell(e.get(f), f) for f in EVIDENCE_FIELDS}, **_scope_cells(e)} for e in current]
    frame = pd.DataFrame(rows, columns=columns).astype({f: "string" for f in SCOPE_FIELDS})
    config = {
        "id": st.column_config.TextColumn("Id", required=True),
        "type": st.column_config.SelectboxColumn("Type", options=types, required=True),
        "title": st.column_config.TextColumn("Title"),
        "description": st.column_config.TextColumn("Description"),
        "sha256": st.column_config.TextColumn("sha256 (optional)"),
        "owner": st.column_config.TextColumn("Owner"),
        "date": st.column_config.DateColumn("Issued", format="YYYY-MM-DD"),
        "performed": st.column_config.DateColumn("Performed", format="YYYY-MM-DD"),
        "location": st.column_config.TextColumn("Location (URL or path)"),
        "issuer": st.column_config.TextColumn("Issued by (organisation)"),
        "models": st.column_config.TextColumn(f"About models (comma-separated, or '{ORGANISATION}')"),
    }
    edited = table_editor(draft, "evidence", frame, config)
    # Fields the table does not show (metrics, surfaces, in_force, ...) stay with the item, matched by id.
    shown = {*EVIDENCE_FIELDS, *SCOPE_FIELDS}
    kept = {e.get("id"): {k: v for k, v in e.items() if k not in shown} for e in current}
    roles = {e.get("id"): (e.get("issuer") or {}).get("role") for e in current}
    items = []
    for row in edited:
        item = {f: row[f] for f in EVIDENCE_FIELDS if row.get(f) not in (None, "")}
        item |= _scope_fields(row, roles.get(item.get("id")))
        item |= kept.get(item.get("id"), {})
        items.append(item)
    if items != current:
        draft.data["evidence"] = items
        state.save(draft)


def _scope_cells(item: dict[str, Any]) -> dict[str, Any]:
    """An item's issuer and model scope as text cells."""
    issuer = item.get("issuer") or {}
    models = item.get("models")
    shown = None if models is None else (", ".join(models) if models else ORGANISATION)
    return {"issuer": issuer.get("organisation"), "models": shown}


def _scope_fields(row: dict[str, Any], role: Any) -> dict[str, Any]:
    """Text cells back as the item's issuer (keeping its role) and model scope."""
    fields: dict[str, Any] = {}
    if row.get("issuer"):
        fields["issuer"] = {"organisation": row["issuer"], **({"role": role} if role else {})}
    text = str(row.get("models") or "").strip()
    if text:
        fields["models"] = [] if text == ORGANISATION else [m.strip() for m in text.split(",") if m.strip()]
    return fields


def metrics_editor(draft: Draft) -> None:
    """Measured values, each attached to an evidence item by its id."""
    evidence = draft.data.setdefault("evidence", [])
    ids = [e.get("id") for e in evidence if e.get("id")]
    registry = state.standard().manifest.metrics
    rows = [_metric_row(e.get("id"), m) for e in evidence for m in e.get("metrics", [])]
    config = {
        "evidence": st.column_config.SelectboxColumn("Evidence id", options=ids, required=True),
        "metric": st.column_config.SelectboxColumn("Metric", options=[x.id for x in registry], required=True),
        "value": st.column_config.NumberColumn("Value"),
        "unit": st.column_config.SelectboxColumn("Unit", options=sorted({x.unit for x in registry}), required=True),
        # Optional since DCRS 1.1.0: what the reading measured, or why there is nothing to measure yet.
        "setting": st.column_config.SelectboxColumn("Setting", options=["live", "exercise"]),
        "coverage_percent": st.column_config.NumberColumn("Coverage %", min_value=0, max_value=100),
        "surfaces": st.column_config.TextColumn("Surfaces covered"),
        "sample_size": st.column_config.NumberColumn("Sample size", min_value=0, step=1),
        "nothing_to_measure": st.column_config.TextColumn("Nothing to measure yet (why)"),
        # From DCRS 1.2.0: a reading known only as a bound or a range, and the models it is about.
        "at_least": st.column_config.NumberColumn("At least"),
        "at_most": st.column_config.NumberColumn("At most"),
        "models": st.column_config.TextColumn("About models"),
    }
    # Text columns stay text even when every cell is empty (pandas would make them float NaN).
    frame = pd.DataFrame(rows, columns=METRIC_FIELDS).astype(
        {"setting": "string", "surfaces": "string", "nothing_to_measure": "string", "models": "string"}
    )
    edited = table_editor(draft, "metrics", frame, config)
    attached: dict[str, list[dict[str, Any]]] = {}
    for row in edited:
        if row.get("evidence") in ids:
            attached.setdefault(row["evidence"], []).append(_reading(row))
    orphans = [r for r in edited if r.get("evidence") not in ids]
    if orphans:
        st.warning(f"{len(orphans)} metric row(s) name no evidence id in the register; choose one to keep them.")
    changed = False
    for item in evidence:
        new = attached.get(item.get("id"), [])
        if new != item.get("metrics", []):
            changed = True
            item["metrics"] = new
            if not new:
                item.pop("metrics")
    if changed:
        state.save(draft)


METRIC_FIELDS = ["evidence", "metric", "value", "unit", "setting", "coverage_percent", "surfaces", "sample_size",
                 "nothing_to_measure", "at_least", "at_most", "models"]  # fmt: skip


def _metric_row(evidence_id: Any, reading: dict[str, Any]) -> dict[str, Any]:
    surfaces, models = reading.get("surfaces"), reading.get("models")
    return {
        "evidence": evidence_id,
        **reading,
        "surfaces": ", ".join(surfaces) if surfaces else None,
        "models": ", ".join(models) if models else None,
    }


def _reading(row: dict[str, Any]) -> dict[str, Any]:
    """A metrics row as submission data: empty optional cells are left out."""
    reading: dict[str, Any] = {"metric": row.get("metric"), "unit": row.get("unit")}
    for key in ("value", "coverage_percent", "at_least", "at_most"):
        if isinstance(row.get(key), int | float):
            reading[key] = float(row[key])
    if isinstance(row.get("sample_size"), int | float):
        reading["sample_size"] = int(row["sample_size"])
    surfaces = [s for s in re.split(r"[,;\s]+", str(row.get("surfaces") or "")) if s]
    if surfaces:
        reading["surfaces"] = surfaces
    models = [m.strip() for m in str(row.get("models") or "").split(",") if m.strip()]
    if models:
        reading["models"] = models
    for key in ("setting", "nothing_to_measure"):
        if row.get(key):
            reading[key] = row[key]
    return reading


def table_editor(
    draft: Draft, name: str, frame: pd.DataFrame, config: dict[str, Any], *, fixed: bool = False
) -> list[dict[str, Any]]:
    """st.data_editor over `frame` (kept as the base for this draft), returning plain row dicts."""
    key = f"{draft.id}:{name}-editor"
    base = st.session_state.setdefault(f"{key}:base", frame)
    rows: Literal["fixed", "dynamic"] = "fixed" if fixed else "dynamic"
    edited = st.data_editor(base, key=key, num_rows=rows, column_config=config, hide_index=True, width="stretch")
    return [{k: _plain(v) for k, v in row.items()} for row in edited.to_dict("records")]


def _cell(value: Any, field: str) -> Any:
    """A field's value as its table column holds it: the date columns hold dates (None where unreadable)."""
    if field in DATE_FIELDS and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return value


def _plain(value: Any) -> Any:
    """A table cell as submission data: NaN/NaT are empty, dates are ISO text, whole floats stay floats."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value
