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

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

from assessor.core.canonical import canonical_bytes
from assessor.core.problems import UsageError

FIELD_NAME = "DCR-Assessor-Signature"
DIGEST = "sha256"
SIGNATURE_SUFFIX = ".p7s"
"""A JSON file's detached signature sits beside it with this suffix added (result.json → result.json.p7s)."""


def sign_pdf(data: bytes, signer: SimpleSigner) -> bytes:
    """The PDF with a PAdES baseline signature over the whole file (invisible field, zero-size widget)."""
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    except (PdfError, ValueError) as err:
        raise UsageError(f"not a PDF that can be signed: {err}") from err
    _producer_as_pyhanko_writes_it(writer)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm=DIGEST
    )
    out: BytesIO = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()


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
    """Why a signature by this key would break PDF/A-3 conformance, if it would."""
    cert = signer.signing_cert
    if cert is not None and cert.public_key.algorithm != "rsa":
        return "the key is not RSA: pyHanko marks the signed PDF as PDF 2.0, outside PDF/A-3; use an RSA key"
    return None


def json_canonical(data: bytes) -> bytes:
    """The RFC 8785 bytes of a JSON document: what its detached signature covers (layout does not matter)."""
    try:
        return canonical_bytes(json.loads(data.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise UsageError(f"not a JSON document: {err}") from err


def sign_json(data: bytes, signer: SimpleSigner) -> bytes:
    """A detached CMS (PKCS #7) signature, DER, over the canonical bytes of the JSON document `data`."""
    content = json_canonical(data)
    when = PdfCMSSignedAttributes(signing_time=datetime.now(UTC))  # when it was signed, as PDFs record
    signed = asyncio.run(signer.async_sign_general_data(content, DIGEST, detached=True, signed_attr_settings=when))
    return bytes(signed.dump())
