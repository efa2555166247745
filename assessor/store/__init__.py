"""The store: organisations, users, drafts, submissions, reviews, results, evidence files and a hash-chained
event log, over SQLAlchemy 2 with Alembic migrations (SQLite by default, PostgreSQL for several processes).

`open_store()` gives the one interface, `Store`; every query is scoped by its `Identity`.
"""

from assessor.store.errors import (
    BrokenChain,
    Conflict,
    Forbidden,
    InvalidTransition,
    NotFound,
    RecordsDiffer,
    SchemaMismatch,
    StaleRecord,
    StoreConfigError,
    StoreUnavailable,
)
from assessor.store.identity import LOCAL_ADMIN, ROLES, Identity
from assessor.store.records import Record
from assessor.store.store import Store, open_store

__all__ = [
    "LOCAL_ADMIN",
    "ROLES",
    "BrokenChain",
    "Conflict",
    "Forbidden",
    "Identity",
    "InvalidTransition",
    "NotFound",
    "Record",
    "RecordsDiffer",
    "SchemaMismatch",
    "StaleRecord",
    "Store",
    "StoreConfigError",
    "StoreUnavailable",
    "open_store",
]
