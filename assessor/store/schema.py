"""The store's tables. JSON documents are kept as text written by one serializer, so every database returns
them byte for byte; times are ISO 8601 text in UTC. Every record carries a `version` for optimistic concurrency.

The Alembic revisions in `migrations/versions/` create exactly these tables (a test compares them)."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

ID = 32  # uuid4().hex
SHA = 64
SHORT = 500  # names, titles and file names


def _record(name: str, *columns: Column[object] | UniqueConstraint) -> Table:
    """A table with the columns every record has: id, version, created and updated."""
    return Table(
        name,
        metadata,
        Column("id", String(ID), primary_key=True),
        Column("version", Integer, nullable=False),
        Column("created", String(40), nullable=False),
        Column("updated", String(40), nullable=False),
        *columns,
    )


organisations = _record("organisations", Column("name", String(SHORT), nullable=False, unique=True))
users = _record(
    "users",
    Column("name", String(SHORT), nullable=False, unique=True),
    Column("display", String(SHORT), nullable=False),
    Column("organisation_id", String(ID), ForeignKey("organisations.id"), nullable=True),
    Column("roles", Text, nullable=False),  # JSON list, sorted
)
drafts = _record(
    "drafts",
    Column("organisation_id", String(ID), ForeignKey("organisations.id"), nullable=True, index=True),
    Column("kind", String(20), nullable=False),
    Column("title", String(SHORT), nullable=False),
    Column("source", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("created_by", String(SHORT), nullable=False),
)
Index("ix_drafts_listing", drafts.c.organisation_id, drafts.c.kind, drafts.c.updated)  # a lab's list, by time
Index("ix_drafts_kind_updated", drafts.c.kind, drafts.c.updated)  # an administrator's list, by time
submissions = _record(
    "submissions",
    Column("organisation_id", String(ID), ForeignKey("organisations.id"), nullable=True, index=True),
    Column("draft_id", String(ID), nullable=True),
    Column("title", String(SHORT), nullable=False),
    Column("content", Text, nullable=False),  # frozen at submission
    Column("sha256", String(SHA), nullable=False),
    Column("state", String(30), nullable=False),
    Column("submitted_by", String(SHORT), nullable=False),
    Column("reviewer_id", String(ID), ForeignKey("users.id"), nullable=True, index=True),
    Column("approver_id", String(ID), ForeignKey("users.id"), nullable=True),
)
reviews = _record(
    "reviews",
    Column("submission_id", String(ID), ForeignKey("submissions.id"), nullable=False, unique=True),
    Column("data", Text, nullable=False),
)
requests = _record(
    "requests",
    Column("submission_id", String(ID), ForeignKey("submissions.id"), nullable=False, index=True),
    Column("review_id", String(ID), ForeignKey("reviews.id"), nullable=False),
    Column("question", Text, nullable=False),
    Column("raised_by", String(SHORT), nullable=False),
    Column("answer", Text, nullable=True),
    Column("answered_by", String(SHORT), nullable=True),
)
results = _record(
    "results",
    Column("submission_id", String(ID), ForeignKey("submissions.id"), nullable=False, index=True),
    Column("data", Text, nullable=False),
    Column("sha256", String(SHA), nullable=False),
)
evidence_files = Table(
    "evidence_files",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("organisation_id", String(ID), ForeignKey("organisations.id"), nullable=True, index=True),
    Column("sha256", String(SHA), nullable=False),
    Column("size", Integer, nullable=False),
    Column("filename", String(SHORT), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("created", String(40), nullable=False),
    Column("created_by", String(SHORT), nullable=False),
    UniqueConstraint("organisation_id", "sha256", name="uq_evidence_files_organisation_sha256"),
)
events = Table(
    "events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(SHORT), nullable=False),
    Column("action", String(40), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("record", String(ID), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("changes", Text, nullable=False),  # JSON list of {field, old, new}; a missing old/new means absent
    Column("prev", String(SHA), nullable=False),
    Column("hash", String(SHA), nullable=False),
)
chain = Table(
    "chain",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(SHA), nullable=False),
)

RECORDS: dict[str, Table] = {
    "organisation": organisations,
    "user": users,
    "draft": drafts,
    "submission": submissions,
    "review": reviews,
    "request": requests,
    "result": results,
}
"""Versioned records by the kind events name them with."""
JSON_FIELDS = frozenset({"roles", "data", "content"})
"""Columns holding JSON text; events and exports show them as JSON values."""
