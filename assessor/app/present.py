"""How the app words what it shows: a field's label instead of a JSON path, a timestamp as people read it,
an empty cell as a dash, and a result's box colour (never green for level 0)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

import streamlit as st

from assessor.core.problems import JsonPath

EMPTY = "—"
FIELDS: Mapping[str, str] = {
    "sha256": "SHA-256",
    "id": "Id",
    "url": "URL",
    "api": "API",
    "applies_when": "Applies when",
}


def field_label(path: JsonPath, names: Mapping[int, str] | None = None) -> str:
    """`['responses', 3, 'evidence', 0]` as 'DCRS-AC-04 › Evidence › item 1' (a response by its requirement
    id where `names` knows it); the document itself as 'Document'."""
    parts: list[str] = []
    for i, part in enumerate(path):
        if isinstance(part, int):
            known = names.get(part) if names and i == 1 and path[0] == "responses" else None
            if known:
                parts[-1] = known
            else:
                parts.append(f"item {part + 1}")
        else:
            parts.append(FIELDS.get(part, part.replace("_", " ").capitalize()))
    return " › ".join(parts) or "Document"


def when(moment: datetime | date | str | None) -> str:
    """A timestamp as people read it: '5 Dec 2026, 09:14 UTC' (a date alone: '5 Dec 2026'); empty as a dash."""
    if moment is None or moment == "":
        return EMPTY
    if isinstance(moment, str):
        try:
            return when(datetime.fromisoformat(moment))
        except ValueError:
            return moment
    if isinstance(moment, datetime):
        moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
        return f"{moment.day} {moment:%b %Y, %H:%M} UTC"
    return f"{moment.day} {moment:%b %Y}"


def cell(value: Any) -> Any:
    """A table cell: None and blank text shown as a dash, never as 'None'."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return EMPTY
    return value


def rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Table rows with every empty cell shown as a dash."""
    return [{k: cell(v) for k, v in record.items()} for record in records]


def result_box(level: int) -> Callable[..., Any]:
    """The box a result is shown in: green only from level 1; level 0 is a warning."""
    return st.success if level >= 1 else st.warning
