"""Long-term validation of detached CMS signatures: the revocation data (OCSP answers, CRLs) of the signer's
chain, gathered while signing and carried inside the signature, and the check of a signature as of the time
its timestamp vouches for.

The revocation data sits in Adobe's revocation-information-archival attribute, a *signed* attribute (pyHanko
writes and reads it; `openssl cms` shows it as 1.2.840.113583.1.1.8), so it cannot be stripped or swapped
without breaking the signature. A signature that carries it and a trusted RFC 3161 timestamp is checked as of
the timestamp's time against that data alone, so it stays checkable, offline, after the signer's certificate
has expired. The timestamp's own certificate is checked as of the same time: archival timestamps (PAdES/CAdES
LTA), which would prove the timestamp after the time-stamping authority's certificate expires, are not added.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from asn1crypto import cms
from pyhanko.sign.general import find_unique_cms_attribute
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import GenericPdfSignedAttributeProviderSpec, PdfCMSSignedAttributes, Signer
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

REVINFO_ATTRIBUTE = "adobe_revocation_info_archival"


def signing_context(signer: SimpleSigner) -> ValidationContext:
    """What revocation data is gathered with: the chain the key came with (its self-signed roots as the trust
    anchors) and the OCSP responders and CRLs its certificates point to."""
    chain = list(signer.cert_registry)
    roots = [c for c in chain if c.self_signed] or chain[-1:]
    return ValidationContext(
        trust_roots=roots, other_certs=chain, allow_fetching=True, fetcher_backend=RequestsFetcherBackend()
    )


async def revocation_info(signer: SimpleSigner, stamper: RequestsHTTPTimeStamper) -> Any:
    """The revocation data of the signer's chain and the time-stamping authority's, fetched now (a revoked
    certificate raises pyHanko's RevokedError), as the value of the archival attribute; None when the
    certificates point to no responder."""
    context = signing_context(signer)
    validator = CertificateValidator(
        signer.signing_cert, intermediate_certs=signer.cert_registry, validation_context=context
    )
    await validator.async_validate_usage(set())  # type: ignore[no-untyped-call]
    async for _ in stamper.validation_paths(context):  # type: ignore[no-untyped-call]
        pass
    return Signer.format_revinfo(ocsp_responses=context.ocsps, crls=context.crls)


def with_archival_attribute(signer: SimpleSigner, attributes: PdfCMSSignedAttributes) -> SimpleSigner:
    """A copy of `signer` that writes the revocation-information-archival attribute of `attributes` into a
    detached (non-PDF) signature too: pyHanko writes it by default only into PDF signatures."""
    archiving = copy.copy(signer)
    archiving.signed_attr_prov_spec = GenericPdfSignedAttributeProviderSpec(
        attr_settings=attributes,
        signing_cert=signer.signing_cert,
        signature_mechanism=signer.get_signature_mechanism_for_digest,
        timestamper=None,
    )
    return archiving


def timestamp_time(signer_info: cms.SignerInfo) -> datetime | None:
    """The time the signature's RFC 3161 timestamp states (not yet checked), if it carries one."""
    unsigned = signer_info["unsigned_attrs"]
    if not isinstance(unsigned, cms.CMSAttributes):
        return None
    for attribute in unsigned:
        if attribute["type"].native == "signature_time_stamp_token":
            for token in attribute["values"]:
                info = token["content"]["encap_content_info"]["content"].parsed
                when: datetime = info["gen_time"].native
                return when
    return None


def embedded_revocation(signer_info: cms.SignerInfo) -> tuple[list[Any], list[Any]] | None:
    """The OCSP answers and CRLs the signature carries in its archival attribute, if it has one."""
    try:
        archival = find_unique_cms_attribute(signer_info["signed_attrs"], REVINFO_ATTRIBUTE)
    except (KeyError, ValueError):  # absent (NonexistentAttributeError) or repeated
        return None
    ocsps = list(archival["ocsp"]) if archival["ocsp"].native is not None else []
    crls = list(archival["crl"]) if archival["crl"].native is not None else []
    return ocsps, crls


def context_at(
    roots: list[Any], moment: datetime, certs: list[Any], ocsps: list[Any], crls: list[Any]
) -> ValidationContext:
    """A context that checks a chain as of `moment` against `roots` with the given revocation data only:
    nothing fetched, and a certificate with a revocation address but no answer for it fails (hard-fail)."""
    return ValidationContext(
        trust_roots=roots,
        other_certs=certs,
        ocsps=ocsps,
        crls=crls,
        moment=moment,
        allow_fetching=False,
        revocation_mode="hard-fail",
        retroactive_revinfo=True,
    )
