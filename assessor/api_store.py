"""The public API of the store: open it, upgrade its schema, move it as JSON lines, manage users, verify the
event log, and import the app's file drafts. The `dcr db`, `dcr users` and `dcr log` commands are thin shells
over these functions; SQLAlchemy loads only when one of them is called.

    import assessor.api_store as store_api

    store = store_api.open_store()                  # $DCR_DATABASE_URL, else SQLite in the user's data folder
    draft = store.create_draft(data, "Meridian AI, 2026")
    store.save_draft(draft.id, draft.version, data=changed)   # StaleRecord if saved elsewhere meanwhile
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from assessor.store import LOCAL_ADMIN, Identity, Record, Store, open_store
from assessor.store import migrate as _migrate
from assessor.store.engine import database_errors, default_url, make_engine, parse_url, shown
from assessor.store.file_drafts import DraftImport, import_file_drafts
from assessor.store.transfer import export_lines, import_lines

__all__ = [
    "LOCAL_ADMIN",
    "DraftImport",
    "Identity",
    "Record",
    "Store",
    "add_user",
    "database_name",
    "export_database",
    "import_database",
    "import_drafts_folder",
    "import_file_drafts",
    "list_users",
    "open_store",
    "set_roles",
    "upgrade_database",
    "verify_log",
]


def database_name(url: str | None = None) -> str:
    """The database a command uses, for messages (password hidden)."""
    return shown(parse_url(url if url is not None else default_url()))


def upgrade_database(url: str | None = None) -> tuple[str | None, str]:
    """Create or upgrade the database's schema to this dcr's head; (revision before, revision after)."""
    parsed = parse_url(url if url is not None else default_url())
    engine = make_engine(parsed)
    try:
        with database_errors(parsed):
            return _migrate.upgrade(engine)
    finally:
        engine.dispose()


def export_database(url: str | None = None) -> Iterator[str]:
    """Every record, evidence file and event as JSON lines (the first line is a header)."""
    store = open_store(url)
    try:
        with database_errors(store.url):
            yield from export_lines(store.engine)
    finally:
        store.close()


def import_database(lines: Iterable[str], url: str | None = None, where: str = "import") -> int:
    """Load an export into an empty database (created at this dcr's schema) and check its chain; rows loaded."""
    store = open_store(url, upgrade=True)
    try:
        with database_errors(store.url):
            return import_lines(store.engine, lines, where)
    finally:
        store.close()


def add_user(name: str, roles: list[str], organisation: str | None = None, url: str | None = None) -> Record:
    """Add a user (and its organisation, on first mention) as the local administrator."""
    store = open_store(url)
    try:
        if organisation and organisation not in {o["name"] for o in store.organisations()}:
            store.add_organisation(organisation)
        return store.add_user(name, roles, organisation)
    finally:
        store.close()


def list_users(url: str | None = None) -> list[tuple[Record, str]]:
    """Every user with its organisation's name ('' for none)."""
    store = open_store(url)
    try:
        names = {o.id: o["name"] for o in store.organisations()}
        return [(user, names.get(user["organisation_id"], "")) for user in store.users()]
    finally:
        store.close()


def set_roles(name: str, roles: list[str], url: str | None = None) -> Record:
    """Replace a user's roles."""
    store = open_store(url)
    try:
        return store.set_roles(name, roles)
    finally:
        store.close()


def verify_log(url: str | None = None) -> int:
    """Check the event log's hash chain: the number of events, or BrokenChain naming the first broken link."""
    store = open_store(url)
    try:
        return store.verify_log()
    finally:
        store.close()


def import_drafts_folder(folder: Path, url: str | None = None) -> DraftImport:
    """Import a workspace folder of file drafts once (what the app does on first start)."""
    store = open_store(url)
    try:
        return import_file_drafts(store, folder)
    finally:
        store.close()
