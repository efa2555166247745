"""The public API's part for signing in memory (the app's upload of a key for one signature): a signer from a
PKCS#12 file's bytes and a passphrase, and a signed PDF from a PDF's bytes. Nothing is written or kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner as Signer


def load_signer_data(data: bytes, passphrase: bytes | None, name: str = "key.p12") -> Signer:
    """The signer in a PKCS#12 file's bytes (`name` says where it came from in errors); SigningKeyError (a usage
    error) when the passphrase does not open it or it lacks a key or a certificate."""
    from assessor.trust.keys import load_pkcs12

    return load_pkcs12(data, name, passphrase)


def sign_pdf_data(data: bytes, signer: Signer, tsa: str | None = None) -> bytes:
    """The PDF's bytes with a PAdES signature by `signer` (timestamped, with long-term validation data, when
    `tsa` names a time-stamping authority); the certificate is checked first as `dcr sign` checks it."""
    from assessor.trust.signing import sign_pdf

    return sign_pdf(data, signer, tsa)
