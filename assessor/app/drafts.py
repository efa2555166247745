"""Drafts of work in progress, kept in a workspace folder so nothing is lost to a refresh or a restart.

A draft holds raw submission data (possibly invalid while being edited) as JSON, written atomically.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from assessor.core.atomic import write_atomic

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


def default_workspace() -> Path:
    """$DCR_WORKSPACE, or the platform's user data folder for the app."""
    override = os.environ.get(WORKSPACE_ENV)
    return Path(override) if override else Path(user_data_dir("dcr-assessor", appauthor=False)) / "drafts"


class DraftStore:
    """Drafts as <id>.json files in one folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def create(self, data: dict[str, Any], title: str, *, kind: str = "submission", source: str = "") -> Draft:
        """A new draft, saved at once."""
        draft = Draft(uuid.uuid4().hex, title, data, kind, source)
        self.save(draft)
        return draft

    def save(self, draft: Draft) -> None:
        """Write the draft atomically, stamping the time."""
        draft.updated = _now()
        payload = {"id": draft.id, "title": draft.title, "kind": draft.kind, "source": draft.source,
                   "updated": draft.updated, "data": draft.data}  # fmt: skip
        write_atomic(self._path(draft.id), json.dumps(payload, indent=1, ensure_ascii=False, default=str) + "\n")

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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
