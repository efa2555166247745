"""Drafts of work in progress, kept in the store so nothing is lost to a refresh, a restart or another tab.

The app edits a `Draft`: a plain copy of a stored draft (id, title, kind, source, data and the version it was
loaded at). Every save carries that version; the store refuses a save based on an older version (another tab,
session or app process saved in between) and hands back the stored draft, so no edit silently overwrites another.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from assessor.core.problems import JsonPath
from assessor.store import NotFound, Record, StaleRecord, Store
from assessor.store.listing import PER_PAGE, DraftPage

WORKSPACE_ENV = "DCR_WORKSPACE"


@dataclass
class Draft:
    """One piece of work: its kind ('submission' or 'review'), a title, and the data being edited."""

    id: str
    title: str
    data: dict[str, Any]
    kind: str = "submission"
    source: str = ""
    updated: str = ""
    version: int = 1  # the stored version this copy was loaded at; a save must be based on the latest
    organisation_id: str | None = None
    created_by: str = ""


class StaleDraft(Exception):
    """A save was based on an older version than the stored one; `current` is the stored draft."""

    def __init__(self, current: Draft) -> None:
        super().__init__(f"draft {current.id} was saved elsewhere (now version {current.version})")
        self.current = current


def default_workspace() -> Path:
    """$DCR_WORKSPACE, or the folder where earlier versions of the app kept file drafts (imported on first start)."""
    override = os.environ.get(WORKSPACE_ENV)
    return Path(override) if override else Path(user_data_dir("dcr-assessor", appauthor=False)) / "drafts"


def from_record(record: Record | dict[str, Any]) -> Draft:
    """A stored draft (a Record, or the mapping a StaleRecord carries) as the app's Draft."""
    f = record.as_dict() if isinstance(record, Record) else record
    return Draft(f["id"], f["title"], f["data"], f["kind"], f["source"], f["updated"], f["version"],
                 f["organisation_id"], f["created_by"])  # fmt: skip


class StoreDrafts:
    """The drafts one identity may see, over the store (every call is scoped there)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, data: dict[str, Any], title: str, *, kind: str = "submission", source: str = "") -> Draft:
        """A new draft for the identity's organisation, saved at once."""
        return from_record(self.store.create_draft(data, title, kind=kind, source=source))

    def save(self, draft: Draft) -> None:
        """Save the draft's data and title as the next version; StaleDraft (nothing written) when the stored
        copy is newer than the version this one was based on."""
        try:
            saved = self.store.save_draft(draft.id, draft.version, data=draft.data, title=draft.title)
        except StaleRecord as stale:
            raise StaleDraft(from_record(stale.current)) from stale
        draft.updated, draft.version = saved.updated, saved.version

    def load(self, draft_id: str) -> Draft | None:
        """The draft, or None when the id is unknown or outside the identity's scope."""
        try:
            return from_record(self.store.draft(str(draft_id or "")))
        except NotFound:
            return None

    def page(self, kind: str, *, search: str = "", page: int = 1, per_page: int = PER_PAGE) -> DraftPage:
        """One page of the drafts in scope (summaries without data), searched by title, newest first."""
        return self.store.draft_page(kind, search=search, page=page, per_page=per_page)

    def where(self, kind: str, *, source: str | None = None, created_by: str | None = None,
              data: dict[str, Any] | None = None) -> list[Draft]:  # fmt: skip
        """The drafts in scope of a kind with this source, creator and/or exact data, newest first."""
        return [from_record(r) for r in self.store.drafts_where(kind, source=source, created_by=created_by, data=data)]

    def list(self, kind: str | None = None) -> list[Draft]:
        """The drafts in scope (of one kind, if given), most recently updated first."""
        return [from_record(r) for r in self.store.drafts(kind)]

    def delete(self, draft: Draft) -> None:
        """Remove a draft (its history stays in the event log); StaleDraft when it changed meanwhile."""
        try:
            self.store.delete_draft(draft.id, draft.version)
        except StaleRecord as stale:
            raise StaleDraft(from_record(stale.current)) from stale
        except NotFound:
            return


def changed_paths(old: Any, new: Any, path: JsonPath = ()) -> list[JsonPath]:
    """The paths of the values that differ between two versions of a draft's data (leaves, in order)."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old) + [k for k in new if k not in old]
        return [p for k in keys for p in changed_paths(old.get(k), new.get(k), (*path, k))]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [p for i, (a, b) in enumerate(zip(old, new, strict=True)) for p in changed_paths(a, b, (*path, i))]
    return [] if old == new else [path]
