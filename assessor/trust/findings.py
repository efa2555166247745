"""What `dcr verify` finds about a file: its signatures, its checks, and the one status and exit code they come
to (every verdict states the trust status; a problem with a signing certificate has a verdict of its own)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from assessor.core.exit_codes import ExitCode
from assessor.trust.attachments import Check
from assessor.trust.verdicts import PROBLEMS, Problem, certificate_problem

Status = Literal["valid", "tampered", "unsigned", "untrusted", "unvouched", Problem]
EXIT_CODES: dict[Status, ExitCode] = {
    "valid": ExitCode.OK,
    "tampered": ExitCode.TAMPERED,
    "unsigned": ExitCode.UNSIGNED,
    "untrusted": ExitCode.UNTRUSTED,
    "unvouched": ExitCode.UNVOUCHED,
    "predated": ExitCode.PREDATED,
    "revoked": ExitCode.REVOKED,
    "expired": ExitCode.EXPIRED,
    "not_yet_valid": ExitCode.NOT_YET_VALID,
    "wrong_purpose": ExitCode.WRONG_PURPOSE,
}


@dataclass
class Signature:
    """Who signed, when (as the signer's own clock says), what the checks found, and (in a PDF) which revision
    of how many the signature covers."""

    signer: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    field: str = ""
    revision: int = 1
    revisions: int = 1
    timestamp: datetime | None = None
    """The time a time-stamping authority vouches the signature existed at (RFC 3161), if it carries one."""
    timestamp_trusted: bool = False
    ltv: bool = False
    """Whether the signature was checked as of its timestamp against the revocation data the file carries (PAdES
    B-LT; for a JSON result, the data inside its signature), which keeps it checkable after the certificate
    expires."""
    problem: Problem | None = None
    """What is wrong with the signing certificate (verdicts.PROBLEMS), if anything."""
    problem_detail: str = ""


@dataclass
class VerifyReport:
    """Everything `dcr verify` found about one file."""

    file: str
    kind: Literal["pdf", "json", "submission"]
    signatures: list[Signature] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    roots: list[str] = field(default_factory=list)
    """The trusted roots the signatures were checked against (their subjects); none configured: empty."""
    result: dict[str, Any] | None = None
    """The assessment result as recorded: embedded in the PDF, or the JSON file itself."""

    @property
    def signature(self) -> Signature | None:
        """The last signature (the one over the whole file), if any."""
        return self.signatures[-1] if self.signatures else None

    @property
    def trust_checked(self) -> bool:
        """Whether any trust root was configured to check the signers against."""
        return bool(self.roots)

    @property
    def status(self) -> Status:
        if any(not c.ok for c in self.checks):
            return "tampered"
        if not self.signatures:
            return "unsigned"
        found = {s.problem for s in self.signatures}
        problem = next((p for p in PROBLEMS if p in found), None)
        if problem is not None:
            return problem
        if not self.trust_checked:
            return "unvouched"
        if not all(s.trusted for s in self.signatures):
            return "untrusted"
        return "valid"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]


def judge(signature: Signature, status: Any, moment: datetime, *, unchecked_ltv: bool = False) -> None:
    """Record what is wrong with an intact signature's certificate (a broken one is tampering already).
    `unchecked_ltv`: the signature carries a timestamp and revocation data but no root was given to check them
    by, so an expired certificate is not the verdict (nobody vouches for it, which the status says)."""
    if not signature.intact:
        return
    stated = [("timestamp", signature.timestamp), ("signing time", signature.signed_at)]
    times = [(what, when) for what, when in stated if when is not None]
    found = certificate_problem(status.signing_cert, status, moment, times, ltv=signature.ltv or unchecked_ltv)
    if found is not None:
        signature.problem, signature.problem_detail = found


def timestamp_fields(status: Any) -> dict[str, Any]:
    """The RFC 3161 timestamp a signature carries: its time and whether the TSA's certificate is trusted."""
    stamp = status.timestamp_validity
    if stamp is None:
        return {}
    return {"timestamp": stamp.timestamp, "timestamp_trusted": bool(stamp.trusted)}


class quiet:
    """pyHanko logs every untrusted chain with a traceback; the report says it in one line instead."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("pyhanko")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *_: object) -> None:
        self.logger.setLevel(self.level)
