"""The signer's key and certificate, from the user's own files: PKCS#12 (.p12/.pfx) or PEM/DER key + cert.

Nothing is fetched: the certificate chain is whatever the files hold.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from assessor.core.documents import read_bounded
from assessor.core.limits import KEY_BYTES
from assessor.core.problems import DocumentError, UsageError

PASSPHRASE_ENV = "DCR_KEY_PASSPHRASE"
"""The environment variable a key's passphrase is read from (never a command-line argument)."""
PKCS12_SUFFIXES = (".p12", ".pfx")


class SigningKeyError(UsageError):
    """The key or certificate cannot be used."""


def load_signer(key: Path, cert: Path | None = None, passphrase: bytes | None = None) -> SimpleSigner:
    """A signer from a PKCS#12 file (`key` alone) or a PEM/DER private key and certificate (chain)."""
    passphrase = passphrase if passphrase is not None else _env_passphrase()
    data = _read(key, "key")
    if key.suffix.lower() in PKCS12_SUFFIXES or cert is None:
        signer = _pkcs12(data, key, passphrase)
    else:
        signer = _pem(data, key, _read(cert, "certificate"), cert, passphrase)
    return signer


def load_pkcs12(data: bytes, name: str, passphrase: bytes | None) -> SimpleSigner:
    """A signer from a PKCS#12 file's bytes held in memory (an upload); `name` says where it came from. At most
    KEY_BYTES are read, as from a file."""
    if len(data) > KEY_BYTES:
        raise SigningKeyError(f"{name}: {len(data):,} bytes; a key file is limited to {KEY_BYTES:,}")
    return _pkcs12(data, Path(name), passphrase)


def _pkcs12(data: bytes, path: Path, passphrase: bytes | None) -> SimpleSigner:
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, passphrase)
    except (ValueError, TypeError) as err:
        raise SigningKeyError(
            f"{path}: not a PKCS#12 file this passphrase opens ({err}); give --cert for a PEM key"
        ) from err
    if key is None or cert is None:
        held = "a certificate but no private key" if key is None else "a private key but no certificate"
        raise SigningKeyError(f"{path}: the PKCS#12 file holds {held}; it needs both (or give a PEM key and --cert)")
    try:
        signer: SimpleSigner | None = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase)
    except (ValueError, TypeError) as err:
        raise SigningKeyError(
            f"{path}: not a PKCS#12 file this passphrase opens ({err}); give --cert for a PEM key"
        ) from err
    if signer is None or signer.signing_cert is None:
        raise SigningKeyError(f"{path}: the PKCS#12 file holds no key and certificate pair")
    return signer


def _pem(key_data: bytes, key: Path, cert_data: bytes, cert: Path, passphrase: bytes | None) -> SimpleSigner:
    try:
        private = load_private_key_from_pemder_data(key_data, passphrase=passphrase)
    except (ValueError, TypeError) as err:
        raise SigningKeyError(f"{key}: not a private key this passphrase opens ({err})") from err
    try:
        certs = list(load_certs_from_pemder_data(cert_data))
    except (ValueError, TypeError) as err:
        raise SigningKeyError(f"{cert}: not a PEM or DER certificate ({err})") from err
    if not certs:
        raise SigningKeyError(f"{cert}: holds no certificate")
    public = _public_der(private.dump())
    signing = next((c for c in certs if c.public_key.dump() == public), None)
    if signing is None:
        raise SigningKeyError(f"{cert}: no certificate in it matches the private key in {key}")
    others = [c for c in certs if c is not signing]
    return SimpleSigner(signing_cert=signing, signing_key=private, cert_registry=_store(others))


def signer_name(signer: SimpleSigner) -> str:
    """The signer's certificate subject, as people read it."""
    cert = signer.signing_cert
    return str(cert.subject.human_friendly) if cert is not None else "an unnamed signer"


def _store(certs: list[Any]) -> SimpleCertificateStore:
    store: SimpleCertificateStore = SimpleCertificateStore.from_certs(certs)  # type: ignore[no-untyped-call]
    return store


def _public_der(private_der: bytes) -> bytes:
    """The SubjectPublicKeyInfo (DER) of a PKCS#8 private key, to find the certificate that matches it."""
    key = serialization.load_der_private_key(private_der, password=None)
    return key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _read(path: Path, what: str) -> bytes:
    """At most KEY_BYTES of a regular file (a device, FIFO or folder is refused before reading)."""
    try:
        return read_bounded(path, str(path), KEY_BYTES)
    except DocumentError as err:
        reasons = "; ".join(p.message for p in err.problems)
        raise SigningKeyError(f"cannot use the {what} {path}: {reasons}") from None


def _env_passphrase() -> bytes | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value.encode("utf-8") if value else None
