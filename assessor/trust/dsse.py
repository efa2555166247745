"""A DSSE envelope beside a signed JSON result, in the form `trestle sign` writes and `trestle verify` checks:
the result's RFC 8785 bytes are hashed into an in-toto Statement v1 (one subject, the file's name), and the
Statement is signed over DSSE's pre-authentication encoding with the same key as the detached CMS signature.

Signature schemes follow the key, as securesystemslib reads them: RSA keys sign RSASSA-PSS with SHA-256, P-256
and P-384 keys ECDSA with SHA-256 and SHA-384, Ed25519 keys Ed25519.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from assessor.core.canonical import canonical_bytes
from assessor.core.problems import UsageError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes, PublicKeyTypes
    from pyhanko.sign.signers import SimpleSigner

DSSE_SUFFIX = ".dsse"
PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://oscal-compass.github.io/compliance-trestle/predicates/oscal-signing/v1"
"""The predicate compliance-trestle's `sign` and `verify` use for a canonical-JSON digest."""


def statement(subject: str, canonical: bytes) -> dict[str, Any]:
    """The in-toto Statement naming a JSON file by name and the SHA-256 of its RFC 8785 bytes."""
    return {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": subject, "digest": {"sha256": hashlib.sha256(canonical).hexdigest()}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": {
            "canonicalization": "RFC8785",
            "digestAlgorithm": "sha256",
            "digestSource": "canonical-json",
            "tool": "dcr-assessor",
        },
    }


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE v1 pre-authentication encoding: what the signature covers."""
    kind = payload_type.encode("utf-8")
    return b" ".join([b"DSSEv1", str(len(kind)).encode(), kind, str(len(payload)).encode(), payload])


def envelope(canonical: bytes, subject: str, signer: SimpleSigner) -> bytes:
    """The DSSE envelope (JSON, with a final newline) for a JSON document's canonical bytes."""
    key = private_key(signer)
    payload = canonical_bytes(statement(subject, canonical))
    signature = sign(key, pae(PAYLOAD_TYPE, payload))
    document = {
        "payload": base64.b64encode(payload).decode("ascii"),
        "payloadType": PAYLOAD_TYPE,
        "signatures": [{"keyid": key_id(key.public_key()), "sig": base64.b64encode(signature).decode("ascii")}],
    }
    return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode("utf-8")


def private_key(signer: SimpleSigner) -> PrivateKeyTypes:
    """The signer's private key as a cryptography key."""
    if signer.signing_key is None:
        raise UsageError("the signer holds no private key to sign the DSSE envelope with")
    return serialization.load_der_private_key(signer.signing_key.dump(), password=None)


def supported(signer: SimpleSigner) -> bool:
    """Whether trestle can verify a DSSE envelope signed by this key (RSA, P-256, P-384 or Ed25519)."""
    if signer.signing_key is None:
        return False
    key = private_key(signer)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.curve.name in CURVE_HASH
    return isinstance(key, rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey)


def sign(key: PrivateKeyTypes, data: bytes) -> bytes:
    """A signature over `data` in the scheme securesystemslib verifies for this key type."""
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PSS(padding.MGF1(hashes.SHA256()), padding.PSS.DIGEST_LENGTH), hashes.SHA256())
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name in CURVE_HASH:
        return key.sign(data, ec.ECDSA(CURVE_HASH[key.curve.name]()))
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(data)
    raise UsageError(f"a DSSE envelope needs an RSA, P-256, P-384 or Ed25519 key, not {type(key).__name__}")


CURVE_HASH: dict[str, type[hashes.SHA256] | type[hashes.SHA384]] = {
    "secp256r1": hashes.SHA256,
    "secp384r1": hashes.SHA384,
}


def key_id(public: PublicKeyTypes) -> str:
    """A hint naming the key: SHA-256 of its SubjectPublicKeyInfo (verifiers use their own key, not this)."""
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()
