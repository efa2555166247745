"""The store's foundation: one engine, one identity, transactions, and records loaded within the identity's scope.

Reads run in a read transaction; every change runs in one write transaction that holds the event log's head,
so a save and its events commit together or not at all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, select, true
from sqlalchemy.engine import URL

from assessor.store import events, reconcile
from assessor.store.engine import database_errors
from assessor.store.errors import Forbidden, InvalidTransition, NotFound
from assessor.store.identity import LOCAL_ADMIN, Identity, draft_scope, submission_scope, visible_submissions
from assessor.store.records import Record, Tx, history, state_at, to_record
from assessor.store.schema import RECORDS, organisations, users
from assessor.store.stored import Stored
from assessor.store.workflow import REVIEWING


class Base:
    """The engine, the identity every query is scoped by, and the four-eyes setting."""

    def __init__(self, engine: Engine, url: URL, identity: Identity = LOCAL_ADMIN, *, four_eyes: bool = True) -> None:
        self.engine, self.url, self.identity, self.four_eyes = engine, url, identity, four_eyes

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction."""
        with database_errors(self.url), self.engine.connect() as connection, connection.begin():
            yield connection

    @contextlib.contextmanager
    def writing(self, *, lock: bool = True, one_statement: bool = False) -> Iterator[Tx]:
        """One write transaction holding the event log's head (locked at once, or by the block's first locking
        read when `lock` is False); it commits only if the block completes. A block that runs `one_statement`
        (which locks the head itself) runs it on PostgreSQL as its own transaction, with no BEGIN or COMMIT
        round trip; on SQLite it is a write transaction like any other."""
        options: dict[str, Any] = {"dcr_write": True}
        if one_statement and self.url.get_backend_name() == "postgresql":
            options["isolation_level"] = "AUTOCOMMIT"
        with (
            database_errors(self.url),
            self.engine.connect().execution_options(**options) as connection,
            connection.begin(),
        ):
            yield Tx(connection, self.identity.name, lock=lock and not one_statement)

    def scope(self, kind: str) -> ColumnElement[bool]:
        """The rows of a kind of record the identity may see."""
        table, who = RECORDS[kind], self.identity
        if who.admin:
            return true()
        if kind == "draft":
            return draft_scope(who)
        if kind == "submission":
            return submission_scope(who)
        if kind in {"review", "result"}:
            return table.c.submission_id.in_(visible_submissions(who, reviews=True))  # type: ignore[arg-type]
        if kind == "request":
            return table.c.submission_id.in_(visible_submissions(who))  # type: ignore[arg-type]
        if kind == "organisation":
            return organisations.c.id == who.organisation_id
        return users.c.name == who.name

    def find(self, connection: Connection, kind: str, record_id: str, **where: Any) -> Record:
        """One record in scope by id (or by other columns); NotFound for unknown ids and out-of-scope ones alike."""
        table = RECORDS[kind]
        criteria = [table.c[k] == v for k, v in where.items()] or [table.c.id == str(record_id)]
        row = connection.execute(select(table).where(*criteria, self.scope(kind))).first()
        if row is None:
            raise NotFound(kind, str(record_id or next(iter(where.values()), "")))
        return to_record(kind, row)

    def every(self, connection: Connection, kind: str, *criteria: ColumnElement[bool]) -> list[Record]:
        """Every record of a kind in scope, most recently updated first."""
        table = RECORDS[kind]
        rows = connection.execute(select(table).where(self.scope(kind), *criteria).order_by(table.c.updated.desc()))
        return [to_record(kind, row) for row in rows]

    def require_admin(self) -> None:
        """Forbidden unless the identity is an administrator."""
        if not self.identity.admin:
            raise Forbidden("only an administrator may do this")

    def history(self, kind: str, record_id: str) -> list[dict[str, Any]]:
        """A record's events, oldest first (who, when, version, and each field's old and new value)."""
        with self.reading() as connection:
            self.find(connection, kind, record_id)
            return history(connection, kind, record_id)

    def restore(self, kind: str, record_id: str, version: int, based_on: int) -> Record:
        """Bring a record back to its fields at `version`, saved as a new version (a `restore` event)."""
        with self.writing() as tx:
            self.find(tx.connection, kind, record_id)
            current = tx.load(kind, record_id)
            if kind == "review":
                self.check_review_open(self.find(tx.connection, "submission", current["submission_id"]))
            else:
                self.check_editable(kind, current)
            earlier = state_at(history(tx.connection, kind, record_id), version)
            return tx.update(kind, record_id, based_on, earlier, action=f"restore:{version}")

    def check_editable(self, kind: str, record: Record | Stored) -> None:
        """Forbidden when the identity may see but not change the record (frozen or another role's work).
        Denied unless allowed: only drafts (their lab), users and organisations (administrators) change directly;
        a review through check_review_open; everything else only through its workflow step."""
        if kind == "draft":
            if not (self.identity.admin or record["organisation_id"] == self.identity.member_of):
                raise Forbidden("only the lab's members edit its drafts")
        elif kind in {"user", "organisation"}:
            self.require_admin()
        else:
            raise Forbidden(f"a {kind} is kept as the workflow left it; it changes only through workflow steps")

    def check_review_open(self, submission: Record) -> None:
        """Forbidden unless the identity is the assigned reviewer (or an administrator); InvalidTransition once the
        review is complete: what the approver approves and the lab reads does not change."""
        if not self.identity.admin and self.identity.user_id != submission["reviewer_id"]:
            raise Forbidden("only the assigned reviewer edits the review")
        if submission["state"] not in REVIEWING:
            raise InvalidTransition(f"the review of a submission that is {submission['state'].replace('_', ' ')} "
                                    "no longer changes")  # fmt: skip

    def verify_log(self) -> int:
        """Check the event log's hash chain, then every record against its events; the number of events, or
        BrokenChain naming the first broken link, or RecordsDiffer naming the records changed past the store."""
        with self.reading() as connection:
            count = events.verify(connection)
            reconcile.check(connection)
            return count
