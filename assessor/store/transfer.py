"""Export and import: every record, evidence file and event as JSON lines, so a database moves exactly
(SQLite ⇄ PostgreSQL, or a backup) with its hash chain intact.

The first line names the format and schema revision; then one line per row, `{"table": …, "row": {…}}`, tables
in dependency order and rows in key order; JSON fields appear as the JSON text stored, binary as base64.
Importing the export of an import gives back the same bytes.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, LargeBinary, Table, func, select, update

from assessor.core.problems import UsageError
from assessor.store import events, migrate, reconcile
from assessor.store.errors import Conflict
from assessor.store.schema import (
    chain,
    drafts,
    evidence_files,
    organisations,
    requests,
    results,
    reviews,
    submissions,
    users,
)
from assessor.store.schema import events as events_table

FORMAT = "dcr-store-export"
TABLES: tuple[Table, ...] = (organisations, users, drafts, submissions, reviews, requests, results, evidence_files,
                             events_table)  # fmt: skip
BATCH = 500


def export_lines(engine: Engine) -> Iterator[str]:
    """The database as JSON lines (header first), read in one transaction so it is one consistent state."""
    with engine.connect() as connection, connection.begin():
        yield _line({"format": FORMAT, "schema": migrate.current(engine)})
        for table in TABLES:
            for row in _rows(connection, table):
                yield _line({"table": table.name, "row": _exported(table, row._mapping)})


def _rows(connection: Connection, table: Table) -> Iterator[Any]:
    key = next(iter(table.primary_key.columns))
    offset = 0
    while batch := connection.execute(select(table).order_by(key).limit(BATCH).offset(offset)).all():
        yield from batch
        offset += len(batch)


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _exported(table: Table, row: Any) -> dict[str, Any]:
    return {c.name: _out(c.type, row[c.name]) for c in table.columns}


def _out(kind: object, value: Any) -> Any:
    return base64.b64encode(bytes(value)).decode("ascii") if isinstance(kind, LargeBinary) else value


def import_lines(engine: Engine, lines: Iterable[str], where: str = "import") -> int:
    """Load an export into an empty database at the same schema revision, then check the chain and every record
    against its events (nothing is kept if either fails); rows loaded."""
    stream = iter(enumerate(lines, start=1))
    _check_header(engine, next(stream, (1, "")), where)
    count = 0
    with engine.connect().execution_options(dcr_write=True) as connection, connection.begin():
        _check_empty(connection)
        for number, text in stream:
            if text.strip():
                table, row = _parsed(number, text, where)
                connection.execute(table.insert().values(**row))
                count += 1
        _set_head(connection)
        events.verify(connection)
        reconcile.check(connection)  # an edited record in the export: the chain holds, the record does not
    return count


def _check_header(engine: Engine, first: tuple[int, str], where: str) -> None:
    try:
        header = json.loads(first[1])
    except ValueError as err:
        raise UsageError(f"{where}:1: not a dcr store export ({err})") from err
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise UsageError(f"{where}:1: not a dcr store export (no {FORMAT!r} header)")
    if header.get("schema") != migrate.current(engine):
        raise Conflict(f"{where}: exported at schema {header.get('schema')}, this database is at "
                       f"{migrate.current(engine)}: upgrade both to the same revision first")  # fmt: skip


def _check_empty(connection: Connection) -> None:
    for table in TABLES:
        if connection.execute(select(func.count()).select_from(table)).scalar_one():
            raise Conflict(f"the database already holds {table.name}: import only into an empty database")


_BY_NAME = {t.name: t for t in TABLES}


def _parsed(number: int, text: str, where: str) -> tuple[Table, dict[str, Any]]:
    try:
        entry = json.loads(text)
        table = _BY_NAME[entry["table"]]
        row = {c.name: _in(c.type, entry["row"][c.name]) for c in table.columns}
    except (ValueError, KeyError, TypeError) as err:
        raise UsageError(f"{where}:{number}: not an exported row ({type(err).__name__}: {err})") from err
    return table, row


def _in(kind: object, value: Any) -> Any:
    return base64.b64decode(value, validate=True) if isinstance(kind, LargeBinary) else value


def _set_head(connection: Connection) -> None:
    last = connection.execute(
        select(events_table.c.seq, events_table.c.hash).order_by(events_table.c.seq.desc())
    ).first()
    seq, digest = (last.seq, last.hash) if last else (0, events.GENESIS)
    connection.execute(update(chain).where(chain.c.id == 1).values(seq=seq, hash=digest))
