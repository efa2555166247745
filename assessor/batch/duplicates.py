"""Inputs with the same content, found without holding every hash in memory: an on-disk SQLite table."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from types import TracebackType

from assessor.batch.records import Record


class Duplicates:
    """Every input's content identity, kept in a scratch database beside the outputs for one run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE content (identity TEXT NOT NULL, input TEXT NOT NULL)")

    def add(self, record: Record) -> None:
        """Note one input's content (a submission's content hash, else its bytes' hash)."""
        if record.content:
            self.db.execute("INSERT INTO content VALUES (?, ?)", (record.content, record.input))

    def groups(self) -> list[list[str]]:
        """Each set of inputs sharing one content, names sorted, the groups sorted by their first name."""
        self.db.execute("CREATE INDEX by_identity ON content (identity, input)")
        rows = self.db.execute(
            "SELECT identity FROM content GROUP BY identity HAVING count(*) > 1 ORDER BY min(input)"
        ).fetchall()
        query = "SELECT input FROM content WHERE identity = ? ORDER BY input"
        return [[name for (name,) in self.db.execute(query, (identity,))] for (identity,) in rows]

    def __enter__(self) -> Duplicates:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.db.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
