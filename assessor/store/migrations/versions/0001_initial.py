"""The first schema: organisations, users, drafts, submissions, reviews, requests, results, evidence files and
the hash-chained event log with its head.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID, SHA, WHEN, NAME = sa.String(32), sa.String(64), sa.String(40), sa.String(500)


def _record(name: str, *columns: sa.Column[object] | sa.UniqueConstraint) -> None:
    op.create_table(
        name,
        sa.Column("id", ID, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created", WHEN, nullable=False),
        sa.Column("updated", WHEN, nullable=False),
        *columns,
    )


def _organisation() -> sa.Column[object]:
    return sa.Column("organisation_id", ID, sa.ForeignKey("organisations.id"), nullable=True, index=True)


def upgrade() -> None:
    _record("organisations", sa.Column("name", NAME, nullable=False, unique=True))
    _record(
        "users",
        sa.Column("name", NAME, nullable=False, unique=True),
        sa.Column("display", NAME, nullable=False),
        sa.Column("organisation_id", ID, sa.ForeignKey("organisations.id"), nullable=True),
        sa.Column("roles", sa.Text, nullable=False),
    )
    _record(
        "drafts",
        _organisation(),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", NAME, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_by", NAME, nullable=False),
    )
    _record(
        "submissions",
        _organisation(),
        sa.Column("draft_id", ID, nullable=True),
        sa.Column("title", NAME, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("state", sa.String(30), nullable=False),
        sa.Column("submitted_by", NAME, nullable=False),
        sa.Column("reviewer_id", ID, sa.ForeignKey("users.id"), nullable=True, index=True),
        sa.Column("approver_id", ID, sa.ForeignKey("users.id"), nullable=True),
    )
    _record(
        "reviews",
        sa.Column("submission_id", ID, sa.ForeignKey("submissions.id"), nullable=False, unique=True),
        sa.Column("data", sa.Text, nullable=False),
    )
    _record(
        "requests",
        sa.Column("submission_id", ID, sa.ForeignKey("submissions.id"), nullable=False, index=True),
        sa.Column("review_id", ID, sa.ForeignKey("reviews.id"), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("raised_by", NAME, nullable=False),
        sa.Column("answer", sa.Text, nullable=True),
        sa.Column("answered_by", NAME, nullable=True),
    )
    _record(
        "results",
        sa.Column("submission_id", ID, sa.ForeignKey("submissions.id"), nullable=False, index=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("sha256", SHA, nullable=False),
    )
    op.create_table(
        "evidence_files",
        sa.Column("id", ID, primary_key=True),
        _organisation(),
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("filename", NAME, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created", WHEN, nullable=False),
        sa.Column("created_by", NAME, nullable=False),
        sa.UniqueConstraint("organisation_id", "sha256", name="uq_evidence_files_organisation_sha256"),
    )
    op.create_table(
        "events",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("actor", NAME, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("record", ID, nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
        sa.Column("prev", SHA, nullable=False),
        sa.Column("hash", SHA, nullable=False),
    )
    chain = op.create_table(
        "chain",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", SHA, nullable=False),
    )
    op.bulk_insert(chain, [{"id": 1, "seq": 0, "hash": "0" * 64}])


def downgrade() -> None:
    for table in ("chain", "events", "evidence_files", "results", "requests", "reviews", "submissions", "drafts"):
        op.drop_table(table)
    op.drop_table("users")
    op.drop_table("organisations")
