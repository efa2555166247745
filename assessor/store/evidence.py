"""Evidence files: stored content-addressed (sha256) per organisation, size-limited, and linked from a draft's
evidence register by the item's `sha256`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, or_, select, true

from assessor.core.canonical import sha256_hex
from assessor.core.limits import EVIDENCE_FILE_BYTES
from assessor.core.problems import InvalidSubmission, Location, Problem
from assessor.store.base import Base
from assessor.store.errors import NotFound
from assessor.store.events import now
from assessor.store.identity import staff_clauses
from assessor.store.records import Record, new_id, within
from assessor.store.schema import SHORT, evidence_files, submissions

MAX_LISTED = 1_000  # digests looked up at once (a register is far shorter)


class Evidence(Base):
    """Uploading evidence files into a draft's register and reading them back in scope."""

    def add_evidence(self, draft_id: str, based_on: int, item_id: str, filename: str, content: bytes) -> Record:
        """Store the file (once per organisation and content) and link it from the register item `item_id` by
        its sha256 (and location, when the item has none); the draft's new version is returned."""
        if len(content) > EVIDENCE_FILE_BYTES:
            message = f"{len(content):,} bytes; evidence files are limited to {EVIDENCE_FILE_BYTES:,}"
            raise InvalidSubmission([Problem(Location(filename), "too-large", message)])
        within("file name", filename, SHORT)
        digest = sha256_hex(content)
        with self.writing() as tx:
            draft = self.find(tx.connection, "draft", draft_id)
            self.check_editable("draft", draft)
            data = _linked(draft["data"], item_id, digest, filename)
            org = draft["organisation_id"]
            if tx.connection.execute(self._file(digest, org)).first() is None:
                row = {
                    "id": new_id(),
                    "organisation_id": org,
                    "sha256": digest,
                    "size": len(content),
                    "filename": filename,
                    "content": content,
                    "created": now(),
                    "created_by": self.identity.name,
                }
                tx.connection.execute(evidence_files.insert().values(**row))  # fmt: skip
                shown = {k: v for k, v in row.items() if k != "content"}
                tx.event("evidence", row["id"], 1, "upload", [{"field": "$", "path": [], "new": shown}])
            return tx.update("draft", draft_id, based_on, {"data": data}, action="evidence")

    def _file(self, digest: str, organisation: str | None) -> Any:
        same_org = evidence_files.c.organisation_id.is_(None) if organisation is None else (
            evidence_files.c.organisation_id == organisation)  # fmt: skip
        return select(evidence_files.c.id).where(evidence_files.c.sha256 == digest, same_org)

    def evidence_file(self, digest: str) -> tuple[str, bytes]:
        """A stored file's name and bytes, if the identity may see its organisation's work."""
        with self.reading() as connection:
            query = select(evidence_files.c.filename, evidence_files.c.content)
            scope = self._file_scope(connection)
            row = connection.execute(query.where(evidence_files.c.sha256 == digest, scope)).first()
        if row is None:
            raise NotFound("evidence file", digest)
        return str(row.filename), bytes(row.content)

    def stored_evidence(self, digests: list[str]) -> dict[str, tuple[str, int]]:
        """Which of these sha256 digests name a stored file the identity may read: digest → (file name, size),
        in one query and without the files' bytes."""
        wanted = sorted({str(d) for d in digests if d})[:MAX_LISTED]
        if not wanted:
            return {}
        query = select(evidence_files.c.sha256, evidence_files.c.filename, evidence_files.c.size)
        with self.reading() as connection:
            scope = self._file_scope(connection)
            rows = connection.execute(query.where(evidence_files.c.sha256.in_(wanted), scope)).all()
        return {str(r.sha256): (str(r.filename), int(r.size)) for r in rows}

    def _file_scope(self, connection: Connection) -> ColumnElement[bool]:
        """The files the identity may read: its organisation's, and for staff only the files the submissions in
        their scope cite (not every file of those submissions' organisations: a draft never submitted is the
        lab's alone)."""
        who = self.identity
        if who.admin:
            return true()
        clauses = [evidence_files.c.organisation_id == who.member_of] if who.member_of else []
        staff = staff_clauses(who)
        if staff:
            rows = connection.execute(select(submissions.c.organisation_id, submissions.c.content).where(or_(*staff)))
            for organisation, digests in _cited(rows.all()).items():
                same = (evidence_files.c.organisation_id.is_(None) if organisation is None
                        else evidence_files.c.organisation_id == organisation)  # fmt: skip
                clauses.append(and_(same, evidence_files.c.sha256.in_(sorted(digests))))
        return or_(*clauses) if clauses else evidence_files.c.id.is_(None)


def _cited(rows: Sequence[Any]) -> dict[str | None, set[str]]:
    """Per organisation, the sha256 digests its submissions' registers cite."""
    cited: dict[str | None, set[str]] = {}
    for row in rows:
        content = json.loads(row.content)
        register = content.get("evidence", []) if isinstance(content, dict) else []
        found = {str(i["sha256"]) for i in register if isinstance(i, dict) and isinstance(i.get("sha256"), str)}
        if found:
            cited.setdefault(row.organisation_id, set()).update(found)
    return cited


def _linked(data: dict[str, Any], item_id: str, digest: str, filename: str) -> dict[str, Any]:
    register = [dict(item) for item in data.get("evidence", []) if isinstance(item, dict)]
    matches = [item for item in register if item.get("id") == item_id]
    if not matches:
        raise NotFound("evidence item", item_id)
    matches[0]["sha256"] = digest
    matches[0].setdefault("location", filename)
    return {**data, "evidence": register}
