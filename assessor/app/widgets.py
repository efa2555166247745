"""Widgets bound to a draft's data: each change is written into the draft and autosaved at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

from assessor.app import state
from assessor.app.drafts import Draft
from assessor.app.present import field_label
from assessor.app.text import plain
from assessor.core.problems import JsonPath, Problem, json_path


def key_for(draft: Draft, path: JsonPath) -> str:
    """A widget key unique to the draft and the data path it edits."""
    return f"{draft.id}:{json_path(path)}"


def get(data: Any, path: JsonPath) -> Any:
    """The value at a path, or None."""
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def put(data: dict[str, Any], path: JsonPath, value: Any) -> None:
    """Set a value at a path (dict keys only); None or blank text removes the key."""
    for part in path[:-1]:
        data = data.setdefault(str(part), {})
    if value is None or (isinstance(value, str) and not value.strip() and path[-1] != "narrative"):
        data.pop(str(path[-1]), None)
    else:
        data[str(path[-1])] = value


def commit(draft: Draft, path: JsonPath, key: str, convert: Callable[[Any], Any] | None = None) -> None:
    """on_change: copy the widget's value into the draft and autosave."""
    value = st.session_state[key]
    put(draft.data, path, convert(value) if convert else value)
    state.save(draft)


def _seed(key: str, value: Any) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def text(draft: Draft, label: str, path: JsonPath, *, area: bool = False, **kwargs: Any) -> None:
    """A text input (or area) bound to `path`."""
    key = key_for(draft, path)
    _seed(key, get(draft.data, path) or "")
    widget = st.text_area if area else st.text_input
    widget(label, key=key, on_change=commit, args=(draft, path, key), **kwargs)


def choice(draft: Draft, label: str, options: Sequence[str], path: JsonPath, **kwargs: Any) -> None:
    """A selectbox bound to `path`; the first option may stand for 'no value'."""
    key = key_for(draft, path)
    current = get(draft.data, path)
    _seed(key, current if current in options else options[0])
    st.selectbox(label, options, key=key, on_change=commit, args=(draft, path, key, _none_if_blank), **kwargs)


def day(draft: Draft, label: str, path: JsonPath) -> None:
    """A date input bound to `path`, stored as ISO text."""
    key = key_for(draft, path)
    raw = get(draft.data, path)
    _seed(key, _parse_date(raw))
    st.date_input(label, key=key, on_change=commit, args=(draft, path, key, _iso), format="YYYY-MM-DD")


def show_problems(problems: Sequence[Problem], *, names: dict[int, str] | None = None) -> None:
    """Problems as a readable list, each with its location."""
    for p in problems:
        where = _where(p, names or {})
        (st.error if p.severity == "error" else st.warning)(f"**{plain(where)}** — {plain(p.message)} `[{p.code}]`")


def _where(problem: Problem, names: dict[int, str]) -> str:
    loc = problem.location
    if loc.cell or loc.line:
        return str(loc)
    return field_label(loc.path, names)


def _none_if_blank(value: Any) -> Any:
    return None if value in ("", "—") else value


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else None


def _parse_date(raw: Any) -> date | None:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None
