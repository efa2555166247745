"""The trust store the CLI and the app share: the root certificates their user has chosen to trust.

A folder of PEM or DER certificates: `$DCR_TRUST_STORE`, by default `dcr-assessor/trust` in the user's
configuration folder (`$XDG_CONFIG_HOME`, else `~/.config`). `dcr verify` trusts these roots and any given with
`--trust`; the app's report check shows which roots it trusts. Nothing is fetched: a root is trusted because
someone put it here.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509
from pyhanko.keys import load_certs_from_pemder_data

from assessor.core import limits
from assessor.core.atomic import write_atomic
from assessor.core.documents import read_bounded
from assessor.core.problems import DocumentError, UsageError

STORE_ENV = "DCR_TRUST_STORE"
SUFFIXES = (".pem", ".crt", ".cer", ".der")


@dataclass(frozen=True)
class Root:
    """One trusted root: where it came from, whom it names, and its SHA-256 fingerprint."""

    source: str
    subject: str
    sha256: str
    certificate: x509.Certificate


def store_dir() -> Path:
    """The trust store's folder (it may not exist yet: then no root is configured)."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "dcr-assessor" / "trust"


def roots_from(data: bytes, source: str) -> list[Root]:
    """The certificates in PEM or DER `data`; a usage error naming `source` when it holds none."""
    try:  # asn1crypto parses lazily: naming each subject here makes a key or junk fail now, not inside validation
        certs = list(load_certs_from_pemder_data(data))
        roots = [Root(source, str(c.subject.human_friendly), hashlib.sha256(c.dump()).hexdigest(), c) for c in certs]
    except (ValueError, TypeError) as err:
        raise UsageError(f"{source}: not a PEM or DER certificate ({err})") from None
    if not roots:
        raise UsageError(f"{source}: holds no certificate; an empty trust list would vouch for nobody")
    return roots


def configured_roots(folder: Path | None = None) -> list[Root]:
    """Every root in the trust store, in file name order."""
    folder = folder or store_dir()
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    return [root for path in files for root in roots_from(_read(path), str(path))]


def add_root(certificate: Path, folder: Path | None = None) -> list[Root]:
    """Copy the certificates in `certificate` into the trust store (one PEM file each, named by fingerprint)."""
    folder = folder or store_dir()
    roots = roots_from(_read(certificate), str(certificate))
    folder.mkdir(parents=True, exist_ok=True)
    for root in roots:
        pem = _pem(root.certificate.dump())
        write_atomic(folder / f"{root.sha256[:16]}.pem", pem)
    return roots


def _pem(der: bytes) -> str:
    import base64

    body = base64.encodebytes(der).decode("ascii").replace("\n", "")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN CERTIFICATE-----", *lines, "-----END CERTIFICATE-----"]) + "\n"


def _read(path: Path) -> bytes:
    try:
        return read_bounded(path, str(path), limits.REPORT_BYTES)
    except DocumentError as err:
        raise UsageError("; ".join(p.message for p in err.problems) + f": {path}") from None
