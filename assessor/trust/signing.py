"""Signing: a PAdES signature inside the PDF (an incremental update, so the PDF/A-3 file it signs is kept
byte for byte), and a detached CMS signature over the RFC 8785 canonical bytes of a JSON result.

An RSA key keeps the PDF at PDF 1.7, as PDF/A-3 requires; pyHanko marks ECDSA-signed files as PDF 2.0
(ISO 32002), so `sign_pdf` reports that as a warning.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko_certvalidator.errors import PathError, RevokedError, ValidationError

from assessor.core.canonical import canonical_bytes
from assessor.core.exit_codes import ExitCode
from assessor.core.problems import UsageError
from assessor.trust.keytypes import key_problem
from assessor.trust.ltv import revocation_info, signing_context, with_archival_attribute

FIELD_NAME = "DCR-Assessor-Signature"
DIGEST = "sha256"
SIGNATURE_SUFFIX = ".p7s"
TSA_ENV = "DCR_TSA_URL"
"""The environment variable naming the time-stamping authority, when --tsa is not given."""
TSA_TIMEOUT = 10  # seconds
# Extended key usages that allow signing a document: any purpose, document signing (RFC 9336), e-mail
# protection (S/MIME signatures), Adobe's and Microsoft's document-signing purposes.
SIGNING_PURPOSES = frozenset(
    {
        "any_extended_key_usage",
        "1.3.6.1.5.5.7.3.36",
        "email_protection",
        "1.2.840.113583.1.1.5",
        "1.3.6.1.4.1.311.10.3.12",
    }
)
"""A JSON file's detached signature sits beside it with this suffix added (result.json → result.json.p7s)."""


class TsaUnavailable(UsageError):
    """The time-stamping authority did not give a timestamp: nothing is signed or written."""

    exit_code = ExitCode.TSA_DOWN


def sign_pdf(data: bytes, signer: SimpleSigner, tsa: str | None = None) -> bytes:
    """The PDF with a PAdES baseline signature over the whole file (invisible field, zero-size widget); a PDF
    already signed gets a countersignature in a field of its own, leaving the earlier signatures whole. With a
    time-stamping authority (`tsa`, its URL), the signature carries an RFC 3161 timestamp and the file the
    certificates and revocation data (OCSP, CRL) that keep it checkable after the certificate expires (PAdES
    B-LT), fetched from the addresses the certificates name."""
    check_certificate(signer)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    except (PdfError, ValueError) as err:
        raise UsageError(f"not a PDF that can be signed: {err}") from err
    if writer.prev.encrypted:
        raise UsageError("the PDF is password-protected: DCR Assessor signs the unencrypted reports it writes")
    taken = {name for name, _, _ in fields.enumerate_sig_fields(writer.prev)}
    field_name = next(f"{FIELD_NAME}-{n}" if n > 1 else FIELD_NAME for n in range(1, len(taken) + 2)
                      if (f"{FIELD_NAME}-{n}" if n > 1 else FIELD_NAME) not in taken)  # fmt: skip
    if not taken:
        _producer_as_pyhanko_writes_it(writer)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm=digest_for(signer),
        embed_validation_info=tsa is not None,
        validation_context=signing_context(signer) if tsa else None,
    )
    try:
        out: BytesIO = signers.sign_pdf(writer, meta, signer=signer, timestamper=timestamper(tsa))
    except (PdfError, ValueError, NotImplementedError, SigningError, PathError, ValidationError,
            TimestampRequestError) as err:  # fmt: skip
        raise _signing_error(err, tsa) from err
    return out.getvalue()


def timestamper(tsa: str | None) -> RequestsHTTPTimeStamper | None:
    """An RFC 3161 client for the time-stamping authority at `tsa` (http or https), or None."""
    if tsa is None:
        return None
    if not tsa.startswith(("http://", "https://")):
        raise UsageError(f"--tsa {tsa}: give the time-stamping authority's http:// or https:// address")
    return RequestsHTTPTimeStamper(tsa, timeout=TSA_TIMEOUT)  # type: ignore[no-untyped-call]


def _signing_error(err: Exception, tsa: str | None) -> UsageError:
    """The error to raise for a failure while signing: its own kind when the time-stamping authority failed."""
    message = _signing_failure(err, tsa)
    stamp_failed = message.startswith("the time-stamping authority")
    return TsaUnavailable(message) if stamp_failed else UsageError(message)


def _signing_failure(err: Exception, tsa: str | None) -> str:
    """What went wrong, from the error and its causes: a TSA that did not answer, a revoked certificate, or
    what pyHanko says."""
    chain: list[BaseException] = []
    cause: BaseException | None = err
    while cause is not None and cause not in chain:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    texts = [str(e) or type(e).__name__ for e in chain]
    if any(isinstance(e, TimestampRequestError) for e in chain):
        return f"the time-stamping authority at {tsa} did not give a timestamp: {texts[0]}"
    revoked = next(
        (t for e, t in zip(chain, texts, strict=True) if isinstance(e, RevokedError) or "revoked" in t.lower()), None
    )
    if revoked is not None:
        return f"the signing certificate is revoked: {revoked}"
    return f"pyHanko cannot sign with this key and certificate: {'; '.join(dict.fromkeys(texts))}"


def digest_for(signer: SimpleSigner) -> str:
    """SHA-512 for Ed25519 (as RFC 8419 requires), SHAKE256 for Ed448; SHA-256 for RSA, ECDSA and DSA."""
    algorithm = signer.signing_cert.public_key.algorithm if signer.signing_cert is not None else "rsa"
    return {"ed25519": "sha512", "ed448": "shake256"}.get(algorithm, DIGEST)


def check_certificate(signer: SimpleSigner, now: datetime | None = None) -> None:
    """Refuse a certificate that is expired, not yet valid, not for signing documents, or whose key is of a
    type or size DCR Assessor does not sign with (DSA, RSA under 2048 bits, other curves)."""
    cert = signer.signing_cert
    if cert is None:
        raise UsageError("the key comes with no certificate to sign with")
    problem = validity_problem(cert, now or datetime.now(UTC)) or purpose_problem(cert) or key_problem(cert)
    if problem is not None:
        raise UsageError(problem)


def validity_problem(cert: Any, now: datetime) -> str | None:
    """Why the certificate is not valid at `now` (expired, or not yet valid), if it is not."""
    subject = cert.subject.human_friendly
    if now < cert.not_valid_before:
        return f"the certificate of {subject} is not valid until {cert.not_valid_before.isoformat()}"
    if now > cert.not_valid_after:
        return f"the certificate of {subject} expired on {cert.not_valid_after.isoformat()}"
    return None


def purpose_problem(cert: Any) -> str | None:
    """Why the certificate is not for signing documents (key usage without digitalSignature or
    nonRepudiation; an extended key usage naming none of the document-signing purposes), if it is not."""
    subject = cert.subject.human_friendly
    usage = set(cert.key_usage_value.native) if cert.key_usage_value is not None else None
    if usage is not None and not usage & {"digital_signature", "non_repudiation"}:
        return f"the certificate of {subject} is not for signing (key usage: {', '.join(sorted(usage))})"
    extended = set(cert.extended_key_usage_value.native) if cert.extended_key_usage_value is not None else None
    if extended is not None and not extended & SIGNING_PURPOSES:
        return f"the certificate of {subject} is for {', '.join(sorted(extended))}, not for signing documents"
    return None


def _producer_as_pyhanko_writes_it(writer: IncrementalPdfFileWriter) -> None:
    """PDF/A needs the info dictionary and the XMP metadata to agree. pyHanko sets the XMP producer to its own
    name but appends that name to the info dictionary's producer; giving the info dictionary pyHanko's name
    first keeps the two equal."""
    try:
        info = writer.prev.trailer_view["/Info"]
    except KeyError:
        return
    updated = generic.DictionaryObject(dict(info.items()))  # type: ignore[no-untyped-call]
    updated["/Producer"] = generic.TextStringObject(VENDOR)
    writer.set_info(updated)


def key_warning(signer: SimpleSigner) -> str | None:
    """What a signature by this key cannot give: PDF/A-3 conformance (non-RSA keys), a DSSE envelope for
    trestle (keys other than RSA, P-256, P-384 and Ed25519)."""
    from assessor.trust.dsse import supported

    cert = signer.signing_cert
    notes = []
    if cert is not None and cert.public_key.algorithm != "rsa":
        notes.append("the key is not RSA: pyHanko marks the signed PDF as PDF 2.0, outside PDF/A-3; use an RSA key")
    if not supported(signer):
        notes.append("trestle verifies DSSE envelopes by RSA, P-256, P-384 and Ed25519 keys only: a signed JSON "
                     "result gets its CMS signature (.p7s) and no .dsse envelope")  # fmt: skip
    return "\nwarning: ".join(notes) or None


def json_canonical(data: bytes) -> bytes:
    """The RFC 8785 bytes of a JSON document: what its detached signature covers (layout does not matter). A
    key twice in one object, at any depth, is refused: readers would disagree on which value it holds."""
    try:
        return canonical_bytes(json.loads(data.decode("utf-8"), object_pairs_hook=_unique_keys))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise UsageError(f"not a JSON document: {err}") from err


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key {key!r} appears twice in one object (malformed: readers would disagree)")
        seen[key] = value
    return seen


def sign_json(data: bytes, signer: SimpleSigner, tsa: str | None = None) -> bytes:
    """A detached CMS (PKCS #7) signature, DER, over the canonical bytes of the JSON document `data`; with `tsa`,
    carrying an RFC 3161 timestamp of the signature."""
    return sign_detached(json_canonical(data), signer, tsa)


def sign_detached(content: bytes, signer: SimpleSigner, tsa: str | None = None) -> bytes:
    """A detached CMS signature, DER, over `content` (a result's or a submission's RFC 8785 bytes). With `tsa`,
    timestamped and carrying the revocation data of the signer's chain (fetched now from the addresses its
    certificates name; a revoked certificate is refused), so it stays checkable after the certificate
    expires."""
    check_certificate(signer)
    try:
        signed = asyncio.run(_sign_detached(content, signer, timestamper(tsa)))
    except (SigningError, PathError, ValidationError, TimestampRequestError) as err:
        raise _signing_error(err, tsa) from err
    return bytes(signed.dump())


async def _sign_detached(content: bytes, signer: SimpleSigner, stamper: RequestsHTTPTimeStamper | None) -> Any:
    revinfo = await revocation_info(signer, stamper) if stamper is not None else None
    when = PdfCMSSignedAttributes(signing_time=datetime.now(UTC), adobe_revinfo_attr=revinfo)
    if revinfo is not None:
        signer = with_archival_attribute(signer, when)
    return await signer.async_sign_general_data(
        content, digest_for(signer), detached=True, signed_attr_settings=when, timestamper=stamper
    )
