"""The signed verified report of a signed-off review: the assigned reviewer's PAdES-signed PDF, kept with the
organisation's files (content-addressed) and announced by a `sign` event on the submission in the hash-chained
log. The store checks what it keeps: a signed PDF, intact, whose embedded result was made from this
submission and verified by its stored review, the one approved. Keys and passphrases never reach the store: the
PDF arrives signed."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from assessor.core.canonical import canonical_bytes, content_sha256, sha256_hex
from assessor.core.documents import Document
from assessor.core.limits import REPORT_BYTES
from assessor.core.problems import DocumentError, UsageError
from assessor.core.validation import validate_document
from assessor.review.models import Review
from assessor.store.base import Base
from assessor.store.errors import Forbidden, InvalidTransition, NotFound
from assessor.store.events import now
from assessor.store.records import Record, Tx, new_id
from assessor.store.schema import events, evidence_files
from assessor.trust.verify import VerifyReport, verify_roots

REPORT_NAME = "verified-report.pdf"


class Artefacts(Base):
    """Keeping and reading the signed verified report of a submission."""

    def add_signed_report(self, submission_id: str, pdf: bytes) -> Record:
        """Keep the assigned reviewer's signed report of a signed-off submission and log a `sign` event naming
        its hash and signer; the submission is returned. A PDF that is unsigned, altered, made from another
        submission or not verified by the approved review is refused (UsageError), and nothing is written."""
        found = _checked(pdf, *self._signable(submission_id))  # before the log is locked: it takes a while
        digest = sha256_hex(pdf)
        with self.writing() as tx:
            submission = self.find(tx.connection, "submission", submission_id)
            self._check_signer(submission)
            self._keep(tx, submission["organisation_id"], digest, pdf)
            signed = {"sha256": digest, "size": len(pdf), "signer": found.signatures[-1].signer}
            tx.event("submission", submission.id, submission.version, "sign",
                     [{"field": "signed_report", "path": ["signed_report"], "new": signed}])  # fmt: skip
            return submission

    def _check_signer(self, submission: Record) -> None:
        if self.identity.user_id is None or self.identity.user_id != submission["reviewer_id"]:
            raise Forbidden("only the assigned reviewer signs the verified report")
        if submission["state"] != "signed_off":
            raise InvalidTransition("the verified report is signed once the review is signed off")

    def _signable(self, submission_id: str) -> tuple[str, str]:
        """What a report to sign must be made from: the submission's content hash and its review's hash as a
        verified result records it. The signer and the state are checked first; the stored review must be the
        one approved (pinned by the `approve` event) and a review at all."""
        with self.reading() as connection:
            submission = self.find(connection, "submission", submission_id)
            self._check_signer(submission)
            data = self.find(connection, "review", "", submission_id=submission_id)["data"]
            pinned = approved_review(connection, submission_id)
        if pinned is not None and pinned["sha256"] != sha256_hex(canonical_bytes(data)):
            raise UsageError("the stored review is not the one approved; no verified report is kept")
        return str(submission["sha256"]), review_sha256(data)

    def submission_sha256(self, submission_id: str) -> str:
        """The content hash of a submission in scope (frozen at submission)."""
        with self.reading() as connection:
            return str(self.find(connection, "submission", submission_id)["sha256"])

    def _keep(self, tx: Tx, organisation: str | None, digest: str, pdf: bytes) -> None:
        """Store the PDF with the organisation's files, once per content."""
        same_org = evidence_files.c.organisation_id.is_(None) if organisation is None else (
            evidence_files.c.organisation_id == organisation)  # fmt: skip
        query = select(evidence_files.c.id).where(evidence_files.c.sha256 == digest, same_org)
        if tx.connection.execute(query).first() is not None:
            return
        row = {"id": new_id(), "organisation_id": organisation, "sha256": digest, "size": len(pdf),
               "filename": REPORT_NAME, "content": pdf, "created": now(), "created_by": self.identity.name}  # fmt: skip
        tx.connection.execute(evidence_files.insert().values(**row))

    def signed_report(self, submission_id: str) -> tuple[str, bytes]:
        """The latest signed verified report of a submission in scope (NotFound when there is none)."""
        with self.reading() as connection:
            submission = self.find(connection, "submission", submission_id)  # in scope, or NotFound
            query = select(events.c.changes).where(events.c.record == submission_id, events.c.action == "sign")
            row = connection.execute(query.order_by(events.c.seq.desc())).first()
            if row is None:
                raise NotFound("signed report of submission", submission_id)
            digest = json.loads(row.changes)[0]["new"]["sha256"]
            owner = submission["organisation_id"]  # the report is kept with the submitting lab's files
            same = evidence_files.c.organisation_id.is_(None) if owner is None else (
                evidence_files.c.organisation_id == owner)  # fmt: skip
            query = select(evidence_files.c.filename, evidence_files.c.content).where(
                evidence_files.c.sha256 == digest, same
            )
            stored = connection.execute(query).first()
        if stored is None:
            raise NotFound("signed report of submission", submission_id)
        return str(stored.filename), bytes(stored.content)


def approved_review(connection: Connection, submission_id: str) -> dict[str, Any] | None:
    """The review the latest approval of the submission pinned (id, version, sha256), or None if never approved."""
    query = select(events.c.changes).where(events.c.kind == "submission", events.c.record == submission_id,
                                           events.c.action == "approve")  # fmt: skip
    row = connection.execute(query.order_by(events.c.seq.desc())).first()
    changes = json.loads(row.changes) if row is not None else []
    return next((dict(c["new"]) for c in changes if c["path"] == ["approved_review"]), None)


def review_sha256(data: dict[str, Any]) -> str:
    """The hash a verified result records for this review (RFC 8785 of the review as the model reads it);
    UsageError when there is no review, or it is not one: a verified report needs the review it verifies."""
    if not data:
        raise UsageError("the submission has no review; a verified report is made from its review")
    try:
        return content_sha256(validate_document(Review, Document("review", data)))
    except DocumentError as err:
        raise UsageError(f"the stored review is not a valid review ({len(err.problems)} problem(s))") from err


def _checked(pdf: bytes, submission_sha256: str, review: str) -> VerifyReport:
    """The verification of `pdf` (no roots: the store keeps what was signed; trust is the reader's to judge);
    UsageError naming what is wrong when it is not a signed, intact report of that submission."""
    if len(pdf) > REPORT_BYTES:
        raise UsageError(f"the signed report is {len(pdf):,} bytes; reports are limited to {REPORT_BYTES:,}")
    found = verify_roots(pdf, REPORT_NAME, [])
    failed = [c.detail for c in found.checks if not c.ok]
    if found.kind != "pdf" or not found.signatures or failed:
        raise UsageError(f"not a signed, intact verified report: {'; '.join(failed) or 'no signature found'}")
    problems = [s.problem_detail for s in found.signatures if s.problem is not None]
    if problems:
        raise UsageError(f"the report's signature cannot be relied on: {'; '.join(problems)}")
    made_from = (found.result or {}).get("provenance", {}).get("submission_sha256")
    if made_from != submission_sha256:
        raise UsageError("the signed report was not made from this submission (its embedded result names another)")
    verified_by = ((found.result or {}).get("verification") or {}).get("review_sha256")
    if verified_by != review:
        raise UsageError("the signed report was not verified by the approved review (its embedded result names "
                         f"{'no review' if verified_by is None else 'another'})")  # fmt: skip
    return found
