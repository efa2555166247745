"""A real time-stamping authority and OCSP responder on 127.0.0.1 (certomancer's services), made fresh per test
run: a root CA, a signer it certified (with an OCSP address), a TSA certificate and an OCSP responder. Nothing
from the network."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig, ServiceLabel
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import make_server

KEYS = ("root", "signer", "revoked", "tsa", "ocsp")


@dataclass(frozen=True)
class Services:
    """The files and addresses a test needs: the root to trust, the signer's key and chain, the TSA's URL."""

    root: Path
    key: Path
    cert: Path
    tsa_url: str
    revoked_key: Path
    revoked_cert: Path
    tsa_key: Path
    tsa_cert: Path


class _Late:
    """A WSGI app set after the server is listening (the certificates name the server's address)."""

    app: Callable[..., Any] | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        assert self.app is not None
        return self.app(environ, start_response)


def _config(prefix: str) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    valid = {"valid-from": (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S+0000"),
             "valid-to": (now + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%S+0000")}  # fmt: skip

    def usage(*names: str) -> dict[str, Any]:
        return {"id": "key_usage", "critical": True, "smart-value": {"schema": "key-usage", "params": list(names)}}

    return {
        "external-url-prefix": prefix,
        "keysets": {"test": {"keys": {k: {"path": f"{k}.key.pem"} for k in KEYS}}},
        "pki-architectures": {"test": {
            "keyset": "test",
            "entity-defaults": {"country-name": "GB", "organization-name": "Halden Assurance LLP"},
            "entities": {"root": {"common-name": "Halden Root CA"}, "signer": {"common-name": "Dr Amara Lindqvist"},
                         "revoked": {"common-name": "Former Auditor"},
                         "tsa": {"common-name": "Halden TSA"}, "ocsp": {"common-name": "Halden OCSP"}},
            "certs": {
                "root": {"subject": "root", "issuer": "root", "validity": valid, "extensions": [
                    {"id": "basic_constraints", "critical": True, "value": {"ca": True}},
                    usage("digital_signature", "key_cert_sign", "crl_sign")]},
                "signer": {"issuer": "root", "validity": valid, "extensions": [
                    usage("digital_signature", "non_repudiation"),
                    {"id": "authority_information_access",
                     "smart-value": {"schema": "aia-urls", "params": {"ocsp-responder-names": ["root"]}}}]},
                "revoked": {"template": "signer", "subject": "revoked", "subject-key": "revoked",
                            "revocation": {"revoked-since": valid["valid-from"], "reason": "key_compromise"}},
                "tsa": {"issuer": "root", "validity": valid, "extensions": [
                    usage("digital_signature"),
                    {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]}]},
                "ocsp": {"issuer": "root", "validity": valid, "extensions": [
                    usage("digital_signature"),
                    {"id": "extended_key_usage", "critical": True, "value": ["ocsp_signing"]},
                    {"id": "ocsp_no_check"}]},
            },
            "services": {
                "ocsp": {"root": {"for-issuer": "root", "responder-cert": "ocsp", "signing-key": "ocsp"}},
                "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
            },
        }},
    }  # fmt: skip


@contextmanager
def services(folder: Path) -> Iterator[Services]:
    """Serve the TSA and the OCSP responder on 127.0.0.1 while the block runs; write the test PKI's files."""
    folder.mkdir(parents=True, exist_ok=True)
    pem = serialization.Encoding.PEM
    for name in KEYS:
        key = rsa.generate_private_key(65537, 2048)
        raw = key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        (folder / f"{name}.key.pem").write_bytes(raw)
    late = _Late()
    server = make_server("127.0.0.1", 0, late, threaded=True)
    prefix = f"http://127.0.0.1:{server.server_port}"
    config = CertomancerConfig(_config(prefix), key_search_dir=str(folder))
    arch = config.get_pki_arch(ArchLabel("test"))
    late.app = Animator(AnimatorArchStore(config.pki_archs), with_web_ui=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    files = Services(folder / "root.pem", folder / "signer.key.pem", folder / "signer.pem",
                     arch.service_registry.get_tsa_info(ServiceLabel("tsa")).url,
                     folder / "revoked.key.pem", folder / "revoked.pem", folder / "tsa.key.pem",
                     folder / "tsa.pem")  # fmt: skip
    files.root.write_bytes(_pem(arch.get_cert(CertLabel("root")).dump()))
    files.cert.write_bytes(_pem(arch.get_cert(CertLabel("signer")).dump()) + files.root.read_bytes())
    files.tsa_cert.write_bytes(_pem(arch.get_cert(CertLabel("tsa")).dump()))
    files.revoked_cert.write_bytes(_pem(arch.get_cert(CertLabel("revoked")).dump()) + files.root.read_bytes())
    try:
        yield files
    finally:
        server.shutdown()
        thread.join()


def _pem(der: bytes) -> bytes:
    from asn1crypto import pem

    return bytes(pem.armor("CERTIFICATE", der))
