"""Every exit code `dcr` uses, with its meaning: the one table the CLI's help, the docs and the tests read."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """An exit code of `dcr`; `meaning` is the line `dcr --help` and docs/cli.md print for it."""

    meaning: str

    def __new__(cls, value: int, meaning: str) -> ExitCode:
        member = int.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member

    OK = 0, "success (`dcr verify`: valid and trusted)"
    BELOW_THRESHOLD = (
        1,
        "score below --fail-under, `standard schema --check` found drift, or a failure with no code of its own",
    )
    USAGE = 2, "usage error: a missing file or folder, a bad option"
    INVALID_STANDARD = 3, "the standard is invalid"
    INVALID_SUBMISSION = 4, "the submission or review is invalid"
    TAMPERED = 5, "`dcr verify`: tampered (the signature or an embedded file does not match)"
    UNSIGNED = 6, "`dcr verify`: unsigned (nothing found altered, but no signature)"
    UNTRUSTED = (
        7,
        ("`dcr verify`: signed, but a certificate does not chain to a trusted root (--trust or the trust store)"),
    )
    UNVOUCHED = 8, "`dcr verify`: intact, but no trust roots configured (nobody vouches for the signer)"
    STORE_UNAVAILABLE = 10, "the store's database is unreachable, locked, or its driver is missing"
    STORE_SCHEMA = 11, "the database's schema is newer than this dcr (or not yet upgraded: `dcr db upgrade`)"
    STALE = 12, "a save based on a stale version, or a clash with what is stored (refused; nothing written)"
    CHAIN_BROKEN = 13, "`dcr log verify`: the event log's hash chain is broken (the first broken link is named)"
    NOT_FOUND = 14, "no such record for you, or not yours to change"
    TRANSITION = 15, "a workflow step the submission's state does not allow"
    PREDATED = 20, "`dcr verify`: a timestamp or signing time outside the signing certificate's validity"
    REVOKED = 21, "`dcr verify`: a signer's certificate is revoked (by the revocation data the file carries)"
    EXPIRED = 22, "`dcr verify`: a signer's certificate has expired, with no timestamped revocation data"
    NOT_YET_VALID = 23, "`dcr verify`: a signer's certificate is not valid yet"
    WRONG_PURPOSE = 24, "`dcr verify`: a signer's certificate is not for signing documents (key usage)"
    TSA_DOWN = 25, ("`dcr sign`/`dcr assess --sign`: the time-stamping authority gave no timestamp (nothing written)")
    INTERNAL = 70, "internal error (a bug in dcr; DCR_DEBUG=1 shows the traceback)"
    CANNOT_WRITE = 73, "an output cannot be written (permission, read-only, no space, name too long, stdout closed)"
    INTERRUPTED = 130, "interrupted (Ctrl-C)"
    TERMINATED = 143, "terminated (SIGTERM)"


def exit_codes_help() -> str:
    """The table as `dcr --help` prints it: one code and its meaning a line."""
    return "\n".join(f"  {code.value:<3} {code.meaning}" for code in ExitCode)
