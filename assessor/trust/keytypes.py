"""The key types DCR Assessor signs with: what pyHanko signs and verifies, less what is too weak to rely on.

RSA of at least 2048 bits; ECDSA on NIST P-256, P-384, P-521 and Brainpool P-256r1, P-384r1, P-512r1; Ed25519
and Ed448. DSA is refused (withdrawn from FIPS 186-5 for signing), and so is RSA under 2048 bits (NIST SP
800-131A), each by name.
"""

from __future__ import annotations

from typing import Any

MIN_RSA_BITS = 2048
CURVES = {
    "secp256r1": "NIST P-256",
    "secp384r1": "NIST P-384",
    "secp521r1": "NIST P-521",
    "brainpoolp256r1": "Brainpool P-256r1",
    "brainpoolp384r1": "Brainpool P-384r1",
    "brainpoolp512r1": "Brainpool P-512r1",
}
EDWARDS = {"ed25519": "Ed25519", "ed448": "Ed448"}
SUPPORTED = (
    f"RSA of {MIN_RSA_BITS} bits or more, ECDSA on {', '.join(CURVES.values())}, {' or '.join(EDWARDS.values())}"
)


def key_name(cert: Any) -> str:
    """The certificate's key as people name it: "RSA 3072", "ECDSA NIST P-384", "Ed25519", "DSA 2048"."""
    key = cert.public_key
    algorithm = key.algorithm
    if algorithm in ("rsa", "rsassa_pss", "dsa"):
        return f"{'DSA' if algorithm == 'dsa' else 'RSA'} {key.bit_size}"
    if algorithm == "ec":
        kind, curve = key.curve
        return f"ECDSA {CURVES.get(curve, curve if kind == 'named' else 'on explicit curve parameters')}"
    return EDWARDS.get(algorithm, str(algorithm))


def key_problem(cert: Any) -> str | None:
    """Why DCR Assessor does not sign with the certificate's key, naming the key, if it does not."""
    key = cert.public_key
    algorithm = key.algorithm
    name = key_name(cert)
    subject = cert.subject.human_friendly
    if algorithm == "dsa":
        return f"the certificate of {subject} holds a DSA key ({name}): DSA is refused; use {SUPPORTED}"
    if algorithm in ("rsa", "rsassa_pss") and key.bit_size < MIN_RSA_BITS:
        return (
            f"the certificate of {subject} holds a {key.bit_size}-bit RSA key: RSA under {MIN_RSA_BITS} bits is "
            f"refused; use {SUPPORTED}"
        )
    if algorithm == "ec" and key.curve[1] not in CURVES:
        return f"the certificate of {subject} holds an {name} key, a curve DCR Assessor does not sign; use {SUPPORTED}"
    if algorithm not in ("rsa", "rsassa_pss", "ec", *EDWARDS):
        return (
            f"the certificate of {subject} holds a {name} key, which DCR Assessor does not sign with; use {SUPPORTED}"
        )
    return None
