"""Drafts of work in progress, kept in a workspace folder so nothing is lost to a refresh or a restart.

A draft holds raw submission data (possibly invalid while being edited) as JSON, written atomically. Every
save carries the version it was based on; a save based on an older version than the stored one (another tab
or session saved in between) is refused with the stored draft, so no edit silently overwrites another.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from assessor.core.atomic import clean_leftovers, write_atomic
from assessor.core.problems import JsonPath

WORKSPACE_ENV = "DCR_WORKSPACE"
_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class Draft:
    """One piece of work: its kind ('submission' or 'review'), a title, and the data being edited."""

    id: str
    title: str
    data: dict[str, Any]
    kind: str = "submission"
    source: str = ""
    updated: str = field(default_factory=lambda: _now())
    version: int = 0  # how many saves the stored copy has had; a save must be based on the latest


class StaleDraft(Exception):
    """A save was based on an older version than the stored one; `current` is the stored draft."""

    def __init__(self, current: Draft) -> None:
        super().__init__(f"draft {current.id} was saved elsewhere (now version {current.version})")
        self.current = current


def default_workspace() -> Path:
    """$DCR_WORKSPACE, or the platform's user data folder for the app."""
    override = os.environ.get(WORKSPACE_ENV)
    return Path(override) if override else Path(user_data_dir("dcr-assessor", appauthor=False)) / "drafts"


class DraftStore:
    """Drafts as <id>.json files in one folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        clean_leftovers(root)  # temporary files of a server killed while saving

    def create(self, data: dict[str, Any], title: str, *, kind: str = "submission", source: str = "") -> Draft:
        """A new draft, saved at once."""
        draft = Draft(uuid.uuid4().hex, title, data, kind, source)
        self.save(draft)
        return draft

    def save(self, draft: Draft) -> None:
        """Write the draft atomically as the next version, stamping the time; StaleDraft (nothing written)
        when the stored copy is newer than the version this one was based on."""
        self.root.mkdir(parents=True, exist_ok=True)
        with _locked(self.root / ".lock"):  # compare and write as one step, across threads and processes
            stored = self.load(draft.id)
            if stored is not None and stored.version != draft.version:
                raise StaleDraft(stored)
            updated, version = _now(), draft.version + 1
            payload = {"id": draft.id, "title": draft.title, "kind": draft.kind, "source": draft.source,
                       "updated": updated, "version": version, "data": draft.data}  # fmt: skip
            text = json.dumps(payload, indent=1, ensure_ascii=False, default=str) + "\n"
            write_atomic(self._path(draft.id), text)
        draft.updated, draft.version = updated, version

    def load(self, draft_id: str) -> Draft | None:
        """The draft, or None when the id is malformed, unknown or its file is unreadable."""
        if not _ID.match(draft_id or ""):
            return None
        try:
            raw = json.loads(self._path(draft_id).read_text(encoding="utf-8"))
            return Draft(
                raw["id"],
                raw["title"],
                raw["data"],
                raw.get("kind", "submission"),
                raw.get("source", ""),
                raw["updated"],
                int(raw.get("version", 0)),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def list(self, kind: str | None = None) -> list[Draft]:
        """Every readable draft (of one kind, if given), most recently updated first."""
        if not self.root.is_dir():
            return []
        drafts = [d for p in self.root.glob("*.json") if (d := self.load(p.stem)) is not None]
        return sorted((d for d in drafts if kind is None or d.kind == kind), key=lambda d: d.updated, reverse=True)

    def delete(self, draft_id: str) -> None:
        """Remove a draft; unknown ids are ignored."""
        if _ID.match(draft_id or ""):
            self._path(draft_id).unlink(missing_ok=True)

    def _path(self, draft_id: str) -> Path:
        return self.root / f"{draft_id}.json"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def changed_paths(old: Any, new: Any, path: JsonPath = ()) -> list[JsonPath]:
    """The paths of the values that differ between two versions of a draft's data (leaves, in order)."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old) + [k for k in new if k not in old]
        return [p for k in keys for p in changed_paths(old.get(k), new.get(k), (*path, k))]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [p for i, (a, b) in enumerate(zip(old, new, strict=True)) for p in changed_paths(a, b, (*path, i))]
    return [] if old == new else [path]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
