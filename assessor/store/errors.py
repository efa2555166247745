"""The store's errors: each a DcrError with its own exit code, so the CLI reports them without a traceback."""

from __future__ import annotations

from typing import Any

from assessor.core.exit_codes import ExitCode
from assessor.core.problems import DcrError, UsageError


class StoreConfigError(UsageError):
    """The database URL is malformed or names a database the store does not support."""


class StoreUnavailable(DcrError):
    """The database cannot be reached, is locked by another process, or its driver is not installed."""

    exit_code = ExitCode.STORE_UNAVAILABLE


class SchemaMismatch(DcrError):
    """The database's schema is newer than this dcr knows, or older and not yet upgraded."""

    exit_code = ExitCode.STORE_SCHEMA


class StaleRecord(DcrError):
    """A save was based on an older version than the stored one: nothing was written.

    `current` is the stored record and `other` the changes saved since the version the save was based on
    (one dict per event: who, when, version and the changed fields), so the caller can show both."""

    exit_code = ExitCode.STALE

    def __init__(self, kind: str, record_id: str, based_on: int, current: dict[str, Any], other: list[dict[str, Any]]):
        self.kind, self.record_id, self.based_on = kind, record_id, based_on
        self.current, self.other = current, other
        who = ", ".join(sorted({str(e["actor"]) for e in other})) or "someone"
        super().__init__(
            f"{kind} {record_id}: saved by {who} in the meantime (now version {current['version']}, "
            f"this save was based on version {based_on}); nothing was written"
        )


class NotFound(DcrError):
    """No such record for this identity: unknown ids and other organisations' records look alike."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, kind: str, record_id: str) -> None:
        super().__init__(f"no {kind} {record_id!r} that you can see")
        self.kind, self.record_id = kind, record_id


class Forbidden(DcrError):
    """The identity may see the record but not make this change."""

    exit_code = ExitCode.NOT_FOUND


class InvalidTransition(DcrError):
    """A workflow step that the record's state (or the four-eyes rule) does not allow."""

    exit_code = ExitCode.TRANSITION


class Conflict(DcrError):
    """An operation that would clash with what is stored (a duplicate name, an import into a used database)."""

    exit_code = ExitCode.STALE


class UnstorableValue(DcrError):
    """A value the store cannot keep exactly: not JSON, or a number RFC 8785 cannot hash (beyond ±2**53, NaN)."""

    exit_code = ExitCode.INVALID_SUBMISSION


class RecordsDiffer(DcrError):
    """Stored records that are not what their events replay to: changed past the store, the chain still whole."""

    exit_code = ExitCode.CHAIN_BROKEN

    def __init__(self, found: list[str], total: int) -> None:
        more = f"; and {total - len(found)} more" if total > len(found) else ""
        super().__init__(f"{total} record(s) differ from the event log: " + "; ".join(found) + more)
        self.found, self.total = found, total


class BrokenChain(DcrError):
    """The event log's hash chain does not hold; `seq` is the first event that breaks it."""

    exit_code = ExitCode.CHAIN_BROKEN

    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(f"event log broken at event {seq}: {reason}")
        self.seq, self.reason = seq, reason
