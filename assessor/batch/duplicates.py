"""Inputs with the same content, found without holding every hash in memory: an on-disk SQLite table."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from types import TracebackType

from assessor.batch.records import Record

CACHE_KIB = 64


class Duplicates:
    """Every input's content identity, kept in a scratch database beside the outputs for one run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        # A small page cache (SQLite's default holds 2 MB): the table is only appended to, then read once, so
        # the pages a bigger batch adds stay on disk instead of in this process's memory.
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.db.execute("CREATE TABLE content (identity TEXT NOT NULL, input TEXT NOT NULL)")
        # Indexed as rows arrive, so finding the groups at the end sorts nothing in memory.
        self.db.execute("CREATE INDEX by_identity ON content (identity, input)")

    def add(self, record: Record) -> None:
        """Note one input's content (a submission's content hash, else its bytes' hash)."""
        if record.content:
            self.db.execute("INSERT INTO content VALUES (?, ?)", (record.content, record.input))

    def groups(self) -> list[list[str]]:
        """Each set of inputs sharing one content, names sorted, the groups sorted by their first name."""
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
