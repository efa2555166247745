"""`dcr verify`: is a report signed, by whom and when, is it intact, and do its parts agree?

A PDF is checked for every PAdES signature in it, each with the revision it covers: the last must cover the
whole file, and revisions after an earlier one (a countersignature) may only add signatures; any other change
after a signature is tampering, whoever signed the change. Then its embedded submission and review against the
hashes in the embedded result, and the review's binding to the submission. A JSON result is checked against
its detached signature (FILE.p7s) over its canonical bytes, and the DSSE envelope beside it (FILE.dsse), when
there is one, against the same signer's key and digest.
Certificates are checked against the trust roots given (--trust) and those in the shared trust store
(assessor.trust.store); every verdict states the trust status: valid and trusted, signed by a certificate the
roots do not vouch for, or intact with no roots configured, which is never called valid. A problem with a
signer's certificate (assessor.trust.verdicts) has its own verdict before any of these. A signature with a
trusted timestamp and embedded revocation data is checked as of its timestamp, so it holds after the
certificate expires. Nothing is fetched from the network.
"""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto.parser import parse
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from assessor.core import limits
from assessor.core.documents import read_bounded
from assessor.core.problems import DocumentError, UsageError
from assessor.trust.attachments import ASSESSMENT, Check, attachment_checks, embedded_files
from assessor.trust.detached import detached, long_term, untrusting
from assessor.trust.dsse import DSSE_SUFFIX
from assessor.trust.dsse_check import envelope_check
from assessor.trust.findings import (
    EXIT_CODES,
    Signature,
    Status,
    VerifyReport,
    judge,
    quiet,
    timestamp_fields,
)
from assessor.trust.ltv import timestamp_time
from assessor.trust.pdf_bounds import pdf_cost_problem
from assessor.trust.pdf_contents import contents_problem
from assessor.trust.pdf_reader import IndexedPdfReader
from assessor.trust.signing import SIGNATURE_SUFFIX, json_canonical
from assessor.trust.store import Root, configured_roots, roots_from
from assessor.trust.verdicts import SIGNING_USAGE

# What a damaged file raises inside pyHanko's reader and validator; pyHanko checks some structure with `assert`
# (a flipped bit can point an object at a number that is not an object stream), so AssertionError is one of them.
UNREADABLE = (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError, zlib.error,
              RecursionError)  # fmt: skip
# Any of these in a PDF with no readable signature means a signature was there and was damaged.
SIGNATURE_MARKERS = (b"/ByteRange", b"/SubFilter", b"/FT /Sig", b"/FT/Sig", b"ETSI.CAdES", b"adbe.pkcs7")
FORM_FILLING = ModificationLevel.FORM_FILLING
__all__ = [  # the verdicts and exit codes, for callers that know this module
    "EXIT_CODES",
    "Signature",
    "Status",
    "VerifyReport",
    "verify_data",
    "verify_file",
    "verify_roots",
    "verify_submission",
]


def verify_file(
    path: Path,
    trust: list[Path] | None = None,
    signature: Path | None = None,
    *,
    store: bool = True,
    at: datetime | None = None,
) -> VerifyReport:
    """Verify a signed PDF report or a JSON result (with its detached signature, default PATH.p7s) against the
    `trust` roots and, with `store`, the shared trust store's; as of `at` (default now)."""
    sig_path = signature or path.with_name(path.name + SIGNATURE_SUFFIX)
    sig = _read(sig_path) if sig_path.is_file() else None
    roots = [root for p in trust or [] for root in roots_from(_read(p), str(p))]
    report = verify_roots(_read(path), str(path), roots + (configured_roots() if store else []), sig, at=at)
    envelope = path.with_name(path.name + DSSE_SUFFIX)
    if report.kind == "json" and envelope.is_file() and report.signatures:
        report.checks.append(envelope_check(_read(envelope), json_canonical(_read(path)), path.name, sig))
    return report


def verify_data(
    data: bytes,
    name: str,
    trust: list[bytes],
    signature: bytes | None = None,
    *,
    store: bool = True,
    at: datetime | None = None,
) -> VerifyReport:
    """Verify report bytes against PEM/DER `trust` roots and, with `store`, the shared trust store's."""
    roots = [root for i, d in enumerate(trust) for root in roots_from(d, f"trusted root {i + 1}")]
    return verify_roots(data, name, roots + (configured_roots() if store else []), signature, at=at)


def verify_roots(
    data: bytes, name: str, roots: list[Root], signature: bytes | None = None, *, at: datetime | None = None
) -> VerifyReport:
    """Verify report bytes: a PDF by its content, anything else as a JSON result with `signature`; as of `at`
    (default now): a certificate expired by then counts as expired unless the signature carries timestamped
    revocation data."""
    moment = at or datetime.now(UTC)
    context = _validation_context(roots, moment)
    certs = [root.certificate for root in roots]
    if data.startswith(b"%PDF-"):
        report = verify_pdf(data, name, context, certs, moment=moment)
    else:
        report = verify_json(data, signature, name, context, certs, moment=moment)
    report.roots = sorted({root.subject for root in roots})
    return report


def verify_pdf(
    data: bytes,
    name: str,
    context: ValidationContext | None,
    roots: list[Any] | None = None,
    *,
    moment: datetime | None = None,
) -> VerifyReport:
    """Signatures, coverage, attachments and binding of a PDF report."""
    report = VerifyReport(name, "pdf")
    if too_costly := pdf_cost_problem(data):  # before parsing: pyHanko recurses into nesting
        report.checks.append(Check("structure", False, f"the PDF is not read: {too_costly}"))
        return report
    try:
        reader = IndexedPdfReader(BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
        revisions = reader.xrefs.total_revisions
        for index, embedded in enumerate(signatures):
            ltv = _ltv_status(embedded, roots or [])
            held = not roots and _carries_ltv(embedded)
            signature, check = _pdf_signature(
                embedded,
                context or untrusting(moment),
                revisions,
                last=index == len(signatures) - 1,
                ltv_status=ltv,
                unchecked_ltv=held,
            )
            report.signatures.append(signature)
            report.checks.append(check)
            if hidden := contents_problem(data, [int(n) for n in embedded.sig_object["/ByteRange"]]):
                report.checks.append(Check("structure", False, f"signature {index + 1}: {hidden}"))
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
    """The signature's status as of its timestamp, checked with the file's own revocation data only (hard-fail,
    nothing fetched), so it holds after the certificate expires; None when the file carries no timestamp or no
    such data, or it neither checks out nor shows a revocation."""
    stamped = timestamp_time(embedded.signer_info)
    if not roots or stamped is None:
        return None
    try:
        dss = DocumentSecurityStore.read_dss(embedded.reader)
    except NoDSSFoundError:
        return None
    settings = {"trust_roots": roots, "allow_fetching": False, "revocation_mode": "hard-fail", "moment": stamped,
                "retroactive_revinfo": True}  # fmt: skip
    with quiet():
        status = validate_pdf_signature(embedded, dss.as_validation_context(settings), key_usage_settings=SIGNING_USAGE)
    return status if long_term(status) or status.revocation_details else None


def _carries_ltv(embedded: Any) -> bool:
    """Whether the signature has a timestamp and the file a document security store (revocation data)."""
    try:
        DocumentSecurityStore.read_dss(embedded.reader)
    except NoDSSFoundError:
        return False
    return timestamp_time(embedded.signer_info) is not None


def _pdf_signature(
    embedded: Any,
    context: ValidationContext,
    revisions: int,
    *,
    last: bool,
    ltv_status: Any = None,
    unchecked_ltv: bool = False,
) -> tuple[Signature, Check]:
    with quiet():
        status = ltv_status or validate_pdf_signature(embedded, context, key_usage_settings=SIGNING_USAGE)
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
        ltv=ltv_status is not None and long_term(ltv_status),
        **timestamp_fields(status),
    )
    judge(signature, status, context.moment, unchecked_ltv=unchecked_ltv)
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


def _zero_padded(contents: bytes) -> bool:
    """Whether everything after the CMS object in /Contents is the zero padding the signer wrote. The padding
    is outside the signed byte range, so without this a flipped padding byte would go unnoticed."""
    _, _, _, header, body, trailer = parse(contents, strict=False)
    return not contents[len(header) + len(body) + len(trailer) :].strip(b"\x00")


def verify_json(
    data: bytes,
    sig: bytes | None,
    name: str,
    context: ValidationContext | None,
    roots: list[Any] | None = None,
    *,
    moment: datetime | None = None,
) -> VerifyReport:
    """A JSON result against its detached CMS signature over the canonical bytes, as of `moment` (default now;
    `context`'s when given)."""
    report = VerifyReport(name, "json")
    try:
        content = json_canonical(data)
    except UsageError as err:
        report.checks.append(Check("structure", False, str(err)))
        return report
    report.result = _parsed(data)
    return detached(report, content, sig, context or untrusting(moment), roots)


def verify_submission(
    content: bytes,
    path: Path,
    trust: list[Path] | None = None,
    signature: Path | None = None,
    *,
    at: datetime | None = None,
) -> VerifyReport:
    """A submission against its detached signature (default PATH.p7s) over `content`, its RFC 8785 bytes (the
    bytes its content hash is taken over): the developer's signature of their submission and attestation."""
    sig_path = signature or path.with_name(path.name + SIGNATURE_SUFFIX)
    sig = _read(sig_path) if sig_path.is_file() else None
    roots = [root for p in trust or [] for root in roots_from(_read(p), str(p))] + configured_roots()
    report = VerifyReport(str(path), "submission")
    moment = at or datetime.now(UTC)
    detached(
        report, content, sig, _validation_context(roots, moment) or untrusting(moment), [r.certificate for r in roots]
    )
    report.roots = sorted({root.subject for root in roots})
    return report


def _parsed(data: bytes | None) -> dict[str, Any] | None:
    try:
        parsed = json.loads(data) if data is not None else None
    except (ValueError, RecursionError):  # hostile nesting is unreadable, not a crash
        return None
    return parsed if isinstance(parsed, dict) else None


def _validation_context(roots: list[Root], moment: datetime) -> ValidationContext | None:
    """A context trusting exactly `roots` as of `moment`; no fetching of certificates or revocation data."""
    if not roots:
        return None
    certs = [root.certificate for root in roots]
    return ValidationContext(trust_roots=certs, allow_fetching=False, moment=moment)


def _read(path: Path) -> bytes:
    try:
        return read_bounded(path, str(path), limits.REPORT_BYTES)
    except DocumentError as err:
        raise UsageError("; ".join(p.message for p in err.problems) + f": {path}") from None
