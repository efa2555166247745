"""Indexes for listing drafts a page at a time: by organisation, kind and time, and by kind and time.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_drafts_listing", "drafts", ["organisation_id", "kind", "updated"])
    op.create_index("ix_drafts_kind_updated", "drafts", ["kind", "updated"])


def downgrade() -> None:
    op.drop_index("ix_drafts_kind_updated", table_name="drafts")
    op.drop_index("ix_drafts_listing", table_name="drafts")
