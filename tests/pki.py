"""A throwaway certificate authority for signing tests: made fresh on each run, nothing from the network."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSPHRASE = b"correct horse"


@dataclass(frozen=True)
class Pki:
    """Files of one CA and one signer it certified: PEM root, PEM key + cert, and a PKCS#12 bundle."""

    ca: Path
    key: Path
    cert: Path
    p12: Path


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Halden Assurance LLP")])  # fmt: skip


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                         encipher_only=False, decipher_only=False)  # fmt: skip


def _cert(subject: str, key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, issuer: x509.Name,
          issuer_key: rsa.RSAPrivateKey, *, ca: bool) -> x509.Certificate:  # fmt: skip
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_usage(ca=ca), critical=True)
    )
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(folder: Path, signer: str = "Dr Amara Lindqvist", *, curve: bool = False) -> Pki:
    """A root CA and a signer's RSA key (or an EC key with `curve`), written as PEM files and PKCS#12."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = _cert("Test Root CA", ca_key, _name("Test Root CA"), ca_key, ca=True)
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey = (
        ec.generate_private_key(ec.SECP256R1()) if curve else rsa.generate_private_key(65537, 2048)
    )
    cert = _cert(signer, key, ca.subject, ca_key, ca=False)
    pem = serialization.Encoding.PEM
    files = Pki(folder / "ca.pem", folder / "key.pem", folder / "cert.pem", folder / "signer.p12")
    files.ca.write_bytes(ca.public_bytes(pem))
    ca_pem = ca_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (folder / "ca-key.pem").write_bytes(ca_pem)  # so make_signer can issue more certificates from this CA
    files.cert.write_bytes(cert.public_bytes(pem) + ca.public_bytes(pem))
    files.key.write_bytes(key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    bundle = pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, [ca], serialization.BestAvailableEncryption(PASSPHRASE)
    )
    files.p12.write_bytes(bundle)
    return files


SignerKey = (
    rsa.RSAPrivateKey
    | ec.EllipticCurvePrivateKey
    | ed25519.Ed25519PrivateKey
    | ed448.Ed448PrivateKey
    | dsa.DSAPrivateKey
)


def make_signer(
    folder: Path,
    ca: Pki | None,
    *,
    signer: str = "Dr Amara Lindqvist",
    key: SignerKey | None = None,
    valid_days: tuple[int, int] = (-1, 30),
    purposes: list[x509.ObjectIdentifier] | None = None,
) -> Pki:
    """A signer's PEM key and certificate issued by `ca` (or self-signed, an impostor's, when `ca` is None),
    valid from/to the given day offsets, with an extended key usage of `purposes` if given."""
    folder.mkdir(parents=True, exist_ok=True)
    key = key or rsa.generate_private_key(65537, 2048)
    pem = serialization.Encoding.PEM
    if ca is None:
        issuer_key: SignerKey = key
        issuer = _name(signer)
    else:
        issuer_key = serialization.load_pem_private_key((ca.ca.parent / "ca-key.pem").read_bytes(), None)  # type: ignore[assignment]
        issuer = x509.load_pem_x509_certificate(ca.ca.read_bytes()).subject
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder().subject_name(_name(signer)).issuer_name(issuer).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=valid_days[0]))
        .not_valid_after(now + dt.timedelta(days=valid_days[1]))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(ca=False), critical=True)
    )  # fmt: skip
    if purposes is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(purposes), critical=False)
    algorithm = None if isinstance(issuer_key, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey) else hashes.SHA256()
    cert = builder.sign(issuer_key, algorithm)
    files = Pki(ca.ca if ca else folder / "self.pem", folder / "key.pem", folder / "cert.pem", folder / "signer.p12")
    if ca is None:
        files.ca.write_bytes(cert.public_bytes(pem))
    files.cert.write_bytes(cert.public_bytes(pem))
    files.key.write_bytes(key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return files
