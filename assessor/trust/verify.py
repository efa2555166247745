"""`dcr verify`: is a report signed, by whom and when, is it intact, and do its parts agree?

A PDF is checked for every PAdES signature in it, each with the revision it covers: the last must cover the
whole file, and revisions after an earlier one (a countersignature) may only add signatures; any other change
after a signature is tampering, whoever signed the change. Then its embedded submission and review against the
hashes in the embedded result, and the review's binding to the submission. A JSON result is checked against
its detached signature (FILE.p7s) over its canonical bytes, and the DSSE envelope beside it (FILE.dsse), when
there is one, against the same signer's key and digest.
Certificates are checked against the trust roots given (--trust) and those in the shared trust store
(assessor.trust.store); every verdict states the trust status: valid and trusted, signed by a certificate the
roots do not vouch for, or intact with no roots configured, which is never called valid. Nothing is fetched
from the network.
"""

from __future__ import annotations

import asyncio
import json
import logging
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

from asn1crypto import cms
from asn1crypto.parser import parse
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import async_validate_detached_cms, validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from assessor.core import limits
from assessor.core.documents import read_bounded
from assessor.core.problems import DocumentError, UsageError
from assessor.trust.attachments import ASSESSMENT, Check, attachment_checks, embedded_files
from assessor.trust.dsse import DSSE_SUFFIX
from assessor.trust.dsse_check import envelope_check
from assessor.trust.pdf_bounds import pdf_cost_problem
from assessor.trust.signing import SIGNATURE_SUFFIX, json_canonical
from assessor.trust.store import Root, configured_roots, roots_from

UNREADABLE = (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, zlib.error, RecursionError)
# Any of these in a PDF with no readable signature means a signature was there and was damaged.
SIGNATURE_MARKERS = (b"/ByteRange", b"/SubFilter", b"/FT /Sig", b"/FT/Sig", b"ETSI.CAdES", b"adbe.pkcs7")
Status = Literal["valid", "tampered", "unsigned", "untrusted", "unvouched"]
EXIT_VALID, EXIT_TAMPERED, EXIT_UNSIGNED, EXIT_UNTRUSTED, EXIT_UNVOUCHED = 0, 5, 6, 7, 8
FORM_FILLING = ModificationLevel.FORM_FILLING
EXIT_CODES: dict[Status, int] = {
    "valid": EXIT_VALID,
    "tampered": EXIT_TAMPERED,
    "unsigned": EXIT_UNSIGNED,
    "untrusted": EXIT_UNTRUSTED,
    "unvouched": EXIT_UNVOUCHED,
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
    """Whether the file carries the revocation data that checks the chain without fetching (PAdES B-LT)."""


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
        if not self.trust_checked:
            return "unvouched"
        if not all(s.trusted for s in self.signatures):
            return "untrusted"
        return "valid"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]


def verify_file(
    path: Path, trust: list[Path] | None = None, signature: Path | None = None, *, store: bool = True
) -> VerifyReport:
    """Verify a signed PDF report or a JSON result (with its detached signature, default PATH.p7s) against the
    `trust` roots and, with `store`, the shared trust store's."""
    sig_path = signature or path.with_name(path.name + SIGNATURE_SUFFIX)
    sig = _read(sig_path) if sig_path.is_file() else None
    roots = [root for p in trust or [] for root in roots_from(_read(p), str(p))]
    report = verify_roots(_read(path), str(path), roots + (configured_roots() if store else []), sig)
    envelope = path.with_name(path.name + DSSE_SUFFIX)
    if report.kind == "json" and envelope.is_file() and report.signatures:
        report.checks.append(envelope_check(_read(envelope), json_canonical(_read(path)), path.name, sig))
    return report


def verify_data(
    data: bytes, name: str, trust: list[bytes], signature: bytes | None = None, *, store: bool = True
) -> VerifyReport:
    """Verify report bytes against PEM/DER `trust` roots and, with `store`, the shared trust store's."""
    roots = [root for i, d in enumerate(trust) for root in roots_from(d, f"trusted root {i + 1}")]
    return verify_roots(data, name, roots + (configured_roots() if store else []), signature)


def verify_roots(data: bytes, name: str, roots: list[Root], signature: bytes | None = None) -> VerifyReport:
    """Verify report bytes: a PDF by its content, anything else as a JSON result with `signature`."""
    context = _validation_context(roots)
    if data.startswith(b"%PDF-"):
        report = verify_pdf(data, name, context, [root.certificate for root in roots])
    else:
        report = verify_json(data, signature, name, context)
    report.roots = sorted({root.subject for root in roots})
    return report


def verify_pdf(
    data: bytes, name: str, context: ValidationContext | None, roots: list[Any] | None = None
) -> VerifyReport:
    """Signatures, coverage, attachments and binding of a PDF report."""
    report = VerifyReport(name, "pdf")
    if too_costly := pdf_cost_problem(data):  # before parsing: pyHanko recurses into nesting
        report.checks.append(Check("structure", False, f"the PDF is not read: {too_costly}"))
        return report
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
        revisions = reader.xrefs.total_revisions
        for index, embedded in enumerate(signatures):
            ltv = _ltv_status(embedded, roots or [])
            signature, check = _pdf_signature(
                embedded, context, revisions, last=index == len(signatures) - 1, ltv_status=ltv
            )
            report.signatures.append(signature)
            report.checks.append(check)
        if signatures and not data.rstrip().endswith(b"%%EOF"):
            report.checks.append(Check("structure", False, "bytes follow the file's last end-of-file marker"))
        if not signatures and any(marker in data for marker in SIGNATURE_MARKERS):
            report.checks.append(Check("signature", False, "the file holds a signature that can no longer be read"))
        files = embedded_files(reader)
        report.result = _parsed(files.get(ASSESSMENT))
        report.checks.extend(attachment_checks(files))
    except UNREADABLE as err:  # a damaged file: whatever was altered, it no longer reads as what was issued
        report.checks.append(Check("structure", False, f"the PDF cannot be read: {type(err).__name__}: {err}"))
    return report


def _ltv_status(embedded: Any, roots: list[Any]) -> Any:
    """The signature's status checked with the file's own revocation data only (hard-fail, nothing fetched), or
    None when the file carries no such data or it does not check out."""
    if not roots:
        return None
    try:
        dss = DocumentSecurityStore.read_dss(embedded.reader)
    except NoDSSFoundError:
        return None
    settings = {"trust_roots": roots, "allow_fetching": False, "revocation_mode": "hard-fail"}
    with _quiet():
        status = validate_pdf_signature(embedded, dss.as_validation_context(settings))
    return status if status.trusted else None


def _pdf_signature(
    embedded: Any, context: ValidationContext | None, revisions: int, *, last: bool, ltv_status: Any = None
) -> tuple[Signature, Check]:
    with _quiet():
        status = ltv_status or validate_pdf_signature(embedded, context or _untrusting())
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    # Revisions after a signature may add validation data and timestamps (PAdES B-LT/LTA); after an earlier
    # signature, also further signatures (a countersignature). Anything else is a change to what was signed.
    allowed = ModificationLevel.LTA_UPDATES if last else FORM_FILLING
    level = status.modification_level or ModificationLevel.OTHER
    later = embedded.signed_revision + 1 < revisions  # a revision of its own follows, not stray bytes
    only_signed_after = not whole and later and bool(status.docmdp_ok) and level <= allowed
    intact = bool(status.intact and status.valid)
    revision = embedded.signed_revision + 1
    signature = Signature(
        signer=str(status.signing_cert.subject.human_friendly),
        signed_at=status.signer_reported_dt,
        intact=intact and (whole or only_signed_after),
        trusted=bool(status.trusted),
        field=str(embedded.field_name),
        revision=revision,
        revisions=revisions,
        ltv=ltv_status is not None,
        **_timestamp(status),
    )
    who = f"{signature.field} by {signature.signer}, over revision {revision} of {revisions}"
    if not intact:
        return signature, Check("signature", False, f"{who}: does not match the signed bytes: the file was altered")
    if not whole and not only_signed_after:
        return signature, Check(
            "signature", False, f"{who}: the file was changed after it, not only by signatures or validation data"
        )
    if not _zero_padded(bytes(embedded.sig_object["/Contents"])):
        return signature, Check("signature", False, f"{who}: the signature's padding was altered")
    if whole:
        return signature, Check("signature", True, f"{who}: PAdES signature intact over the whole file")
    return signature, Check(
        "signature", True, f"{who}: PAdES signature intact; later revisions only add signatures or validation data"
    )


def _timestamp(status: Any) -> dict[str, Any]:
    """The RFC 3161 timestamp a signature carries: its time and whether the TSA's certificate is trusted."""
    stamp = status.timestamp_validity
    if stamp is None:
        return {}
    return {"timestamp": stamp.timestamp, "timestamp_trusted": bool(stamp.trusted)}


def _zero_padded(contents: bytes) -> bool:
    """Whether everything after the CMS object in /Contents is the zero padding the signer wrote. The padding
    is outside the signed byte range, so without this a flipped padding byte would go unnoticed."""
    _, _, _, header, body, trailer = parse(contents, strict=False)
    return not contents[len(header) + len(body) + len(trailer) :].strip(b"\x00")


def verify_json(data: bytes, sig: bytes | None, name: str, context: ValidationContext | None) -> VerifyReport:
    """A JSON result against its detached CMS signature over the canonical bytes."""
    report = VerifyReport(name, "json")
    try:
        content = json_canonical(data)
    except UsageError as err:
        report.checks.append(Check("structure", False, str(err)))
        return report
    report.result = _parsed(data)
    return detached(report, content, sig, context)


def verify_submission(
    content: bytes, path: Path, trust: list[Path] | None = None, signature: Path | None = None
) -> VerifyReport:
    """A submission against its detached signature (default PATH.p7s) over `content`, its RFC 8785 bytes (the
    bytes its content hash is taken over): the developer's signature of their submission and attestation."""
    sig_path = signature or path.with_name(path.name + SIGNATURE_SUFFIX)
    sig = _read(sig_path) if sig_path.is_file() else None
    roots = [root for p in trust or [] for root in roots_from(_read(p), str(p))] + configured_roots()
    report = VerifyReport(str(path), "submission")
    detached(report, content, sig, _validation_context(roots))
    report.roots = sorted({root.subject for root in roots})
    return report


def detached(
    report: VerifyReport, content: bytes, sig: bytes | None, context: ValidationContext | None
) -> VerifyReport:
    """`report` with the detached CMS signature `sig` over `content` checked (none given: unsigned)."""
    if sig is None:
        return report
    try:
        signed_data = cms.ContentInfo.load(sig)["content"]
        with _quiet():
            status = asyncio.run(async_validate_detached_cms(content, signed_data, context or _untrusting()))
    except (ValueError, TypeError, KeyError) as err:
        report.checks.append(Check("signature", False, f"the signature file is not a CMS signature: {err}"))
        return report
    intact = bool(status.intact and status.valid)
    report.signatures.append(
        Signature(
            str(status.signing_cert.subject.human_friendly),
            status.signer_reported_dt,
            intact,
            bool(status.trusted),
            **_timestamp(status),
        )
    )
    detail = "detached CMS signature intact over the RFC 8785 canonical bytes" if intact else (
        "the signature does not match the content: the file was altered")  # fmt: skip
    report.checks.append(Check("signature", intact, detail))
    return report


def _parsed(data: bytes | None) -> dict[str, Any] | None:
    try:
        parsed = json.loads(data) if data is not None else None
    except (ValueError, RecursionError):  # hostile nesting is unreadable, not a crash
        return None
    return parsed if isinstance(parsed, dict) else None


def _validation_context(roots: list[Root]) -> ValidationContext | None:
    """A context trusting exactly `roots`; no fetching of certificates or revocation data."""
    if not roots:
        return None
    return ValidationContext(trust_roots=[root.certificate for root in roots], allow_fetching=False)


def _untrusting() -> ValidationContext:
    """Without --trust no root is trusted (not even the operating system's): the signer is named, not vouched
    for."""
    return ValidationContext(trust_roots=[], allow_fetching=False)


def _read(path: Path) -> bytes:
    try:
        return read_bounded(path, str(path), limits.REPORT_BYTES)
    except DocumentError as err:
        raise UsageError("; ".join(p.message for p in err.problems) + f": {path}") from None


class _quiet:
    """pyHanko logs every untrusted chain with a traceback; the report says it in one line instead."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("pyhanko")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *_: object) -> None:
        self.logger.setLevel(self.level)
