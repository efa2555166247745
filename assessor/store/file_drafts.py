"""Importing the app's file drafts (one `<id>.json` per draft in the workspace folder) into the store, once
and losslessly: id, title, kind, source, data, time and version are kept as they were."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from assessor.core.limits import FILE_BYTES
from assessor.store.drafts import KINDS
from assessor.store.records import within
from assessor.store.schema import SHORT, drafts, events
from assessor.store.store import Store

_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class DraftImport:
    """What an import did: drafts imported, already present, and files skipped with the reason."""

    imported: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def import_file_drafts(store: Store, folder: Path, organisation_id: str | None = None) -> DraftImport:
    """Import every draft file of `folder` not yet in the store (an `import` event each); unreadable files are
    listed in `skipped`, never dropped silently. Running it again imports nothing twice, and a draft deleted
    after its import is not brought back."""
    report = DraftImport()
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            draft = _read(path)
        except (OSError, ValueError, KeyError, TypeError) as err:
            report.skipped.append((path.name, f"{type(err).__name__}: {err}"))
            continue
        (report.imported if _insert(store, draft, organisation_id) else report.present).append(draft["id"])
    return report


def _read(path: Path) -> dict[str, Any]:
    if path.stat().st_size > FILE_BYTES:
        raise ValueError(f"larger than {FILE_BYTES:,} bytes")
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not _ID.match(str(raw["id"])) or raw["id"] != path.stem or not isinstance(raw["data"], dict):
        raise ValueError("not a draft file (id or data)")
    kind = raw.get("kind", "submission")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    version = max(1, int(raw.get("version", 0)))
    return {"id": raw["id"], "title": str(raw["title"]), "kind": kind, "source": str(raw.get("source", "")),
            "updated": str(raw["updated"]), "version": version, "data": raw["data"]}  # fmt: skip


def _insert(store: Store, draft: dict[str, Any], organisation_id: str | None) -> bool:
    store.require_admin()
    with store.writing() as tx:
        if tx.connection.execute(select(drafts.c.id).where(drafts.c.id == draft["id"])).first() is not None:
            return False
        if tx.connection.execute(select(events.c.seq).where(events.c.record == draft["id"]).limit(1)).first():
            return False  # imported before and deleted since: a deletion stays a deletion
        title = within("title", draft["title"], SHORT)
        values = {"organisation_id": organisation_id, "kind": draft["kind"], "title": title,
                  "source": draft["source"], "data": draft["data"], "created_by": store.identity.name}  # fmt: skip
        tx.insert("draft", values, action="import", record_id=draft["id"], version=draft["version"],
                  times=(draft["updated"], draft["updated"]))  # fmt: skip
        return True
