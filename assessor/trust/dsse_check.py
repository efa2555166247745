"""`dcr verify` on a JSON result with a DSSE envelope beside it: the envelope must be signed by the key of the
detached CMS signature's certificate, and its in-toto Statement must name this file and the SHA-256 of its
RFC 8785 bytes, so the two signatures vouch for the same content."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

from assessor.core.canonical import sha256_hex
from assessor.trust.attachments import Check
from assessor.trust.dsse import CURVE_HASH, PAYLOAD_TYPE, PREDICATE_TYPE, STATEMENT_TYPE, pae


def envelope_check(envelope: bytes, content: bytes, subject: str, cms_signature: bytes | None) -> Check:
    """Whether the envelope is the CMS signer's and states this content (a failed Check says why)."""
    try:
        payload, signatures = _opened(envelope)
    except (ValueError, binascii.Error, KeyError, TypeError) as err:
        return Check("dsse", False, f"the DSSE envelope is malformed: {err}")
    key = _cms_signer_key(cms_signature) if cms_signature is not None else None
    if key is None:
        return Check("dsse", False, "a DSSE envelope without the detached signature whose certificate names its key")
    if not any(_verifies(key, sig, pae(PAYLOAD_TYPE, payload)) for sig in signatures):
        return Check("dsse", False, "the DSSE envelope is not signed by the detached signature's key")
    statement = json.loads(payload)
    problem = _statement_problem(statement, content)
    if problem:
        return Check("dsse", False, problem)
    detail = "DSSE envelope signed by the same key, over the same RFC 8785 digest"
    named = statement["subject"][0].get("name")
    if named != subject:  # a renamed file: the content is what was signed
        detail += f"; it names the file {named!r} (give `trestle verify` --subject-name {named})"
    return Check("dsse", True, detail)


def _opened(envelope: bytes) -> tuple[bytes, list[bytes]]:
    data: Any = json.loads(envelope)
    if data.get("payloadType") != PAYLOAD_TYPE:
        raise ValueError(f"payload type {data.get('payloadType')!r}")
    payload = base64.b64decode(data["payload"], validate=True)
    return payload, [base64.b64decode(s["sig"], validate=True) for s in data["signatures"][:16]]


def _cms_signer_key(signature: bytes) -> PublicKeyTypes | None:
    try:
        signed = cms.ContentInfo.load(signature)["content"]
        sid = signed["signer_infos"][0]["sid"].chosen
        for choice in signed["certificates"]:
            cert = choice.chosen
            if cert.issuer == sid["issuer"] and cert.serial_number == sid["serial_number"].native:
                return x509.load_der_x509_certificate(cert.dump()).public_key()
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    return None


def _verifies(key: PublicKeyTypes, signature: bytes, data: bytes) -> bool:
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PSS(padding.MGF1(hashes.SHA256()), padding.PSS.AUTO), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name in CURVE_HASH:
            key.verify(signature, data, ec.ECDSA(CURVE_HASH[key.curve.name]()))
        elif isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, data)
        else:
            return False
    except InvalidSignature:
        return False
    return True


def _statement_problem(statement: Any, content: bytes) -> str | None:
    if not isinstance(statement, dict) or statement.get("_type") != STATEMENT_TYPE:
        return "the DSSE payload is not an in-toto Statement v1"
    if statement.get("predicateType") != PREDICATE_TYPE:
        return f"the DSSE Statement's predicate is {statement.get('predicateType')!r}"
    subjects = statement.get("subject")
    if not isinstance(subjects, list) or len(subjects) != 1 or not isinstance(subjects[0], dict):
        return "the DSSE Statement must name exactly one subject"
    if subjects[0].get("digest") != {"sha256": sha256_hex(content)}:
        return "the DSSE Statement's digest is not this file's: the file was altered"
    return None
