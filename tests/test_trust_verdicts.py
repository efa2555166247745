"""Each way a signature's certificate can fail `dcr verify` has its own verdict line and exit code: a timestamp or
signing time outside the certificate's validity, revoked, expired without timestamped revocation data, not yet
valid, not for signing. The bad signatures are made with pyHanko directly, as a forger would (`dcr sign`
refuses such certificates); the revocation data comes from a real OCSP responder on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import cms
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes, Signer
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import RevokedError
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

import assessor
from assessor.core.canonical import pretty_json
from assessor.core.exit_codes import ExitCode
from assessor.trust.ltv import with_archival_attribute
from assessor.trust.signing import json_canonical, timestamper
from tests.conftest import ROOT, CliResult
from tests.pki import make_pki, make_signer
from tests.tsa import Services, services

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """The local TSA and OCSP responder with their PKI, serving for the module."""
    with services(tmp_path_factory.mktemp("pki")) as files:
        yield files


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The mature example's JSON result."""
    return pretty_json(assessor.assess(MATURE).assessment).encode("utf-8")


def signer_of(key: Path, cert: Path) -> SimpleSigner:
    """A pyHanko signer from PEM files (the certificate file may hold its chain)."""
    return assessor.load_signer(key, cert=cert)


def forge(
    data: bytes,
    signer: SimpleSigner,
    folder: Path,
    *,
    signing_time: dt.datetime,
    stamper: Any = None,
    revinfo: Any = None,
) -> Path:
    """`data` written to folder/r.json with a detached signature made by pyHanko itself, stating `signing_time`,
    optionally timestamped by `stamper` and carrying `revinfo`."""
    attrs = PdfCMSSignedAttributes(signing_time=signing_time, adobe_revinfo_attr=revinfo)
    signer = with_archival_attribute(signer, attrs) if revinfo is not None else signer
    signed = asyncio.run(
        signer.async_sign_general_data(
            json_canonical(data), "sha256", detached=True, signed_attr_settings=attrs, timestamper=stamper
        )
    )
    path = folder / "r.json"
    path.write_bytes(data)
    (folder / "r.json.p7s").write_bytes(signed.dump())
    return path


def verdict(dcr: Callable[..., CliResult], path: Path, *args: str | Path) -> tuple[int, str, dict[str, Any]]:
    """The exit code, text and JSON record of `dcr verify` on `path`."""
    text = dcr("verify", path, *args)
    record = json.loads(dcr("verify", path, *args, "--json").out)
    assert "Traceback" not in text.err and record["exit_code"] == text.code
    return text.code, text.out, record


def test_timestamp_before_the_certificate(
    pki: Services, result: bytes, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A signature whose trusted TSA's timestamp predates its certificate's validity gets its own verdict."""
    tsa_cert = load_cert_from_pemder(str(pki.tsa_cert))  # type: ignore[no-untyped-call]
    tsa_key = load_private_key_from_pemder(str(pki.tsa_key), None)
    stamper = DummyTimeStamper(tsa_cert, tsa_key, fixed_dt=NOW - dt.timedelta(days=5))
    signed = forge(result, signer_of(pki.key, pki.cert), tmp_path, signing_time=NOW, stamper=stamper)
    code, text, record = verdict(dcr, signed, "--trust", pki.root)
    assert code == ExitCode.PREDATED and record["status"] == "predated"
    assert "TIMESTAMP PREDATES THE SIGNING CERTIFICATE" in text
    assert record["signatures"][0]["problem_detail"].startswith("timestamp ")


def test_signing_time_outside_the_certificate(result: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A signing time before the certificate's validity, or after it ended, is the same verdict, roots or not."""
    ca = make_pki(tmp_path / "ca")
    signer = signer_of(ca.key, ca.cert)
    for when in (NOW - dt.timedelta(days=3), NOW + dt.timedelta(days=45)):
        folder = tmp_path / when.strftime("%Y%m%d")
        folder.mkdir()
        signed = forge(result, signer, folder, signing_time=when)
        for trust in ([], ["--trust", str(ca.ca)]):
            code, text, record = verdict(dcr, signed, *trust)
            assert code == ExitCode.PREDATED and "signing time" in record["signatures"][0]["problem_detail"], text


def test_revoked_by_its_own_revocation_data(
    pki: Services, result: bytes, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A timestamped signature carrying the responder's answer that its certificate is revoked is revoked."""
    revoked = signer_of(pki.revoked_key, pki.revoked_cert)
    root = load_cert_from_pemder(str(pki.root))  # type: ignore[no-untyped-call]
    context = ValidationContext(trust_roots=[root], allow_fetching=True, fetcher_backend=RequestsFetcherBackend())
    validator = CertificateValidator(revoked.signing_cert, validation_context=context)
    with pytest.raises(RevokedError):
        asyncio.run(validator.async_validate_usage(set()))  # type: ignore[no-untyped-call]
    revinfo = Signer.format_revinfo(ocsp_responses=context.ocsps)
    signed = forge(result, revoked, tmp_path, signing_time=NOW, stamper=timestamper(pki.tsa_url), revinfo=revinfo)
    code, text, _ = verdict(dcr, signed, "--trust", pki.root)
    assert code == ExitCode.REVOKED and "REVOKED" in text and "compromised key" in text, text


def test_expired_without_long_term_data(
    pki: Services, result: bytes, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """Checked after its certificate expired, a signature without a timestamp and revocation data is expired."""
    signed = tmp_path / "r.json"
    signed.write_bytes(result)
    assert dcr("sign", signed, "--key", pki.key, "--cert", pki.cert).code == 0
    later = (NOW + dt.timedelta(days=60)).strftime("%Y-%m-%d")
    assert verdict(dcr, signed, "--trust", pki.root)[0] == ExitCode.OK
    code, text, record = verdict(dcr, signed, "--trust", pki.root, "--at", later)
    assert code == ExitCode.EXPIRED and record["status"] == "expired" and "EXPIRED" in text


def test_not_yet_valid(result: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A certificate whose validity starts tomorrow is not yet valid today, and valid once it starts."""
    ca = make_pki(tmp_path / "ca")
    early = make_signer(tmp_path / "early", ca, valid_days=(1, 30))
    signed = forge(result, signer_of(early.key, early.cert), tmp_path, signing_time=NOW + dt.timedelta(days=2))
    code, text, _ = verdict(dcr, signed, "--trust", ca.ca)
    assert code == ExitCode.NOT_YET_VALID and "NOT YET VALID" in text
    at = (NOW + dt.timedelta(days=3)).strftime("%Y-%m-%d")
    assert verdict(dcr, signed, "--trust", ca.ca, "--at", at)[0] == ExitCode.OK


def test_wrong_key_purpose(result: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A web server's certificate is not for signing documents: its own verdict, whatever the roots."""
    ca = make_pki(tmp_path / "ca")
    server = make_signer(tmp_path / "server", ca, purposes=[ExtendedKeyUsageOID.SERVER_AUTH])
    signed = forge(result, signer_of(server.key, server.cert), tmp_path, signing_time=NOW)
    for trust in ([], ["--trust", str(ca.ca)]):
        code, text, _ = verdict(dcr, signed, *trust)
        assert code == ExitCode.WRONG_PURPOSE and "WRONG KEY PURPOSE" in text and "server_auth" in text


def test_two_signer_infos_in_one_signature_file(result: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A result's signature file holding two signatures is refused as malformed, with a line saying so."""
    ca = make_pki(tmp_path / "ca")
    other = make_signer(tmp_path / "other", ca, signer="Prof Ines Okafor")
    first = forge(result, signer_of(ca.key, ca.cert), tmp_path, signing_time=NOW)
    one = cms.ContentInfo.load((tmp_path / "r.json.p7s").read_bytes())
    (tmp_path / "second").mkdir()
    forge(result, signer_of(other.key, other.cert), tmp_path / "second", signing_time=NOW)
    two = cms.ContentInfo.load((tmp_path / "second" / "r.json.p7s").read_bytes())
    one["content"]["signer_infos"] = cms.SignerInfos([*one["content"]["signer_infos"], *two["content"]["signer_infos"]])
    (tmp_path / "r.json.p7s").write_bytes(one.dump(force=True))
    code, text, _ = verdict(dcr, first, "--trust", ca.ca)
    assert code == ExitCode.TAMPERED and "holds 2 signatures" in text and "exactly one" in text


def test_app_shows_the_certificate_verdict(
    tmp_path: Path, dcr: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, mature_report_pdf: bytes
) -> None:
    """The app's report check shows a wrong-purpose signature's own verdict and why, never as trusted."""
    from io import BytesIO

    import streamlit as st
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DCR_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.setenv("DCR_TRUST_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("DCR_DATABASE_URL", f"sqlite:///{tmp_path / 'dcr.sqlite3'}")  # not the user's own store
    st.cache_resource.clear()
    ca = make_pki(tmp_path / "ca")
    server = make_signer(tmp_path / "server", ca, purposes=[ExtendedKeyUsageOID.SERVER_AUTH])
    writer = IncrementalPdfFileWriter(BytesIO(mature_report_pdf))
    meta = signers.PdfSignatureMetadata(field_name="Sig")
    forged = signers.sign_pdf(writer, meta, signer=signer_of(server.key, server.cert)).getvalue()
    assert dcr("trust", "add", ca.ca).code == 0
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60)
    at.run()
    at.file_uploader(key="verify-report").set_value(("r.pdf", forged, "application/pdf")).run()
    assert not at.exception and not at.success
    assert any(e.value.startswith("Wrong key purpose") for e in at.error)
    assert any("certificate" in m.value and "not for signing documents" in m.value for m in at.markdown)


def test_revoked_pdf_by_its_document_security_store(
    pki: Services, tmp_path: Path, dcr: Callable[..., CliResult], mature_report_pdf: bytes
) -> None:
    """A timestamped PAdES signature whose file carries the responder's answer that the signer's certificate is
    revoked (in its document security store) is revoked, checked offline."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    revoked = signer_of(pki.revoked_key, pki.revoked_cert)
    root = load_cert_from_pemder(str(pki.root))  # type: ignore[no-untyped-call]
    context = ValidationContext(trust_roots=[root], allow_fetching=True, fetcher_backend=RequestsFetcherBackend())
    with pytest.raises(RevokedError):
        asyncio.run(CertificateValidator(revoked.signing_cert, validation_context=context).async_validate_usage(set()))  # type: ignore[no-untyped-call]
    writer = IncrementalPdfFileWriter(BytesIO(mature_report_pdf))
    meta = signers.PdfSignatureMetadata(field_name="Sig", subfilter=fields.SigSeedSubFilter.PADES)
    out = signers.sign_pdf(writer, meta, signer=revoked, timestamper=timestamper(pki.tsa_url))
    (embedded,) = PdfFileReader(out).embedded_signatures
    DocumentSecurityStore.add_dss(out, embedded.pkcs7_content, ocsps=context.ocsps)
    pdf = tmp_path / "revoked.pdf"
    pdf.write_bytes(out.getvalue())
    code, text, _ = verdict(dcr, pdf, "--trust", pki.root)
    assert code == ExitCode.REVOKED and "compromised key" in text, text
