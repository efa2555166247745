"""The store's one interface, and opening it: which database, its schema checked (or upgraded), an identity."""

from __future__ import annotations

import os

from sqlalchemy import Engine

from assessor.store import migrate
from assessor.store.artefacts import Artefacts
from assessor.store.drafts import Drafts
from assessor.store.engine import database_errors, default_timeout, default_url, make_engine, parse_url
from assessor.store.errors import SchemaMismatch
from assessor.store.evidence import Evidence
from assessor.store.flow import Flow
from assessor.store.identity import LOCAL_ADMIN, Identity
from assessor.store.people import People

FOUR_EYES_ENV = "DCR_FOUR_EYES"


class Store(People, Drafts, Flow, Evidence, Artefacts):
    """Organisations, users, drafts, submissions, reviews, requests, results, evidence files, signed reports and
    the event log, every query scoped by `identity`, every save one transaction with its events."""

    def as_identity(self, identity: Identity) -> Store:
        """The same database seen by another identity."""
        return Store(self.engine, self.url, identity, four_eyes=self.four_eyes)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def four_eyes_default() -> bool:
    """Four eyes (a second reviewer approves before sign-off) unless $DCR_FOUR_EYES is 0, no or off."""
    return os.environ.get(FOUR_EYES_ENV, "1").strip().lower() not in {"0", "no", "off", "false"}


def open_store(url: str | None = None, identity: Identity = LOCAL_ADMIN, *, upgrade: bool | None = None,
               four_eyes: bool | None = None, timeout: float | None = None) -> Store:  # fmt: skip
    """Open the database at `url` ($DCR_DATABASE_URL, else the SQLite file in the user's data folder).

    `timeout` (seconds to wait for a lock or a connection) defaults to $DCR_DATABASE_TIMEOUT, else 10.
    The embedded SQLite default is created and upgraded on first use; a shared PostgreSQL database is upgraded
    only by `dcr db upgrade` (or upgrade=True). A newer schema, an unreachable or locked database and a
    malformed URL are errors: nothing falls back to another database."""
    parsed = parse_url(url if url is not None else default_url())
    engine = make_engine(parsed, default_timeout() if timeout is None else timeout)
    try:
        with database_errors(parsed):
            _ready(engine, upgrade if upgrade is not None else parsed.get_backend_name() == "sqlite")
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, parsed, identity, four_eyes=four_eyes_default() if four_eyes is None else four_eyes)


def _ready(engine: Engine, upgrade: bool) -> None:
    found = migrate.state(engine)
    if found != "current" and upgrade:
        migrate.upgrade(engine)
    elif found != "current":
        raise SchemaMismatch(f"the database's schema is {'not created' if found == 'empty' else 'older'}: "
                             "run `dcr db upgrade`")  # fmt: skip
