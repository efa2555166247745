"""Drafts: a lab's work in progress, versioned; every save is checked against the version it was based on."""

from __future__ import annotations

from typing import Any

from assessor.store import diff, listing, writes
from assessor.store.base import Base
from assessor.store.errors import Forbidden
from assessor.store.events import dumps
from assessor.store.identity import sees_draft
from assessor.store.records import Record, within
from assessor.store.schema import SHORT, drafts

KINDS = ("submission", "review")


class Drafts(Base):
    """Creating, reading, saving and deleting drafts in the identity's scope."""

    def create_draft(self, data: dict[str, Any], title: str, *, kind: str = "submission", source: str = "",
                     organisation_id: str | None = None) -> Record:  # fmt: skip
        """A new draft for the identity's organisation (an administrator may name one, or none)."""
        organisation = organisation_id if self.identity.admin else self.identity.member_of
        if not self.identity.admin and organisation is None:
            raise Forbidden("only a lab's members (or an administrator) create drafts")
        if kind not in KINDS:
            raise Forbidden(f"a draft is one of {', '.join(KINDS)}, not {kind!r}")
        values = {"organisation_id": organisation, "kind": kind, "title": within("title", title, SHORT),
                  "source": source, "data": data,
                  "created_by": self.identity.name}  # fmt: skip
        with self.writing() as tx:
            return tx.insert("draft", values)

    def draft(self, draft_id: str) -> Record:
        """One draft in scope (NotFound for another organisation's, exactly as for an unknown id)."""
        with self.reading() as connection:
            return self.find(connection, "draft", draft_id)

    def drafts(self, kind: str | None = None) -> list[Record]:
        """The drafts in scope (of one kind, if given), most recently updated first."""
        with self.reading() as connection:
            return self.every(connection, "draft", *([drafts.c.kind == kind] if kind else []))

    def draft_page(self, kind: str | None = None, *, search: str = "", page: int = 1,
                   per_page: int = listing.PER_PAGE) -> listing.DraftPage:  # fmt: skip
        """One page of the drafts in scope, most recently updated first, without their data: the titles holding
        `search` (any case), `per_page` (at most listing.MAX_PER_PAGE) from page `page` (clamped to the last)."""
        with self.reading() as connection:
            return listing.page(connection, self.scope("draft"), kind, search, page, per_page)

    def drafts_where(self, kind: str, *, source: str | None = None, created_by: str | None = None,
                     data: dict[str, Any] | None = None) -> list[Record]:  # fmt: skip
        """The drafts in scope of a kind from a source, by a creator and/or holding exactly this data, most
        recently updated first (found in the database, not by loading every draft)."""
        criteria = [drafts.c.kind == kind]
        if source is not None:
            criteria.append(drafts.c.source == source)
        if created_by is not None:
            criteria.append(drafts.c.created_by == created_by)
        if data is not None:
            criteria.append(drafts.c.data == dumps(data))
        with self.reading() as connection:
            return self.every(connection, "draft", *criteria)

    def save_draft(self, draft_id: str, based_on: int, *, data: dict[str, Any] | None = None,
                   title: str | None = None) -> Record:  # fmt: skip
        """Save the draft's new data and/or title as the next version; StaleRecord when `based_on` is not the
        stored version (the other change is carried), so no edit overwrites another."""
        values: dict[str, Any] = {k: v for k, v in (("data", data), ("title", title)) if v is not None}
        if title is not None:
            within("title", title, SHORT)
        remembered = writes.known(self.engine, "draft", draft_id, based_on)
        if remembered is not None and sees_draft(self.identity, remembered["organisation_id"]):
            self.check_editable("draft", remembered)
            with self.writing(one_statement=True) as tx:
                if (saved := writes.save_known(tx, remembered, values)) is not None:
                    return saved
        with self.writing(lock=False) as tx:
            stored = writes.load_locked(tx, "draft", draft_id, self.scope("draft"))
            self.check_editable("draft", stored)
            return writes.save(tx, stored, based_on, values)

    def delete_draft(self, draft_id: str, based_on: int) -> None:
        """Remove a draft; its events (every field, now absent) stay in the log."""
        with self.writing() as tx:
            current = self.find(tx.connection, "draft", draft_id)
            self.check_editable("draft", current)
            tx.update("draft", draft_id, based_on, {})  # the stale check
            tx.connection.execute(drafts.delete().where(drafts.c.id == draft_id))
            tx.event("draft", draft_id, current.version + 1, "delete", diff.reverse(diff.created(current.fields)))
