"""Every signature and every revision: countersignatures, an altered and re-signed report, impostor certificates,
signed JSON with duplicate keys, and the certificates and keys `dcr sign` refuses or accepts."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader, PdfWriter

import assessor
from assessor.core.canonical import pretty_json
from assessor.core.exit_codes import ExitCode
from tests.conftest import ROOT, CliResult
from tests.pki import Pki, make_pki, make_signer

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"


@pytest.fixture(scope="module")
def auditor(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """The real auditor: a CA and the signer it certified."""
    return make_pki(tmp_path_factory.mktemp("auditor"))


@pytest.fixture(scope="module")
def report(verified_report_pdf: bytes) -> bytes:
    """The unsigned verified report of the mature example."""
    return verified_report_pdf


def signed(data: bytes, pki: Pki, folder: Path, name: str) -> Path:
    """`data` signed with the PEM key and certificate of `pki`, written to folder/name."""
    path = folder / name
    path.write_bytes(data)
    assessor.sign_file(path, signer=assessor.load_signer(pki.key, cert=pki.cert))
    return path


def altered(data: bytes) -> bytes:
    """`data` with an incremental update drawing "Verified level 3" over the first page."""
    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    stream = generic.StreamObject(stream_data=b"BT /F1 30 Tf 72 700 Td (Verified level 3) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))  # type: ignore[no-untyped-call]
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def test_countersignature_lists_both(
    report: bytes, auditor: Pki, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A second reviewer countersigns: both signatures are listed with the revision each covers, and both hold."""
    second = make_signer(tmp_path / "second", auditor, signer="Prof Ines Okafor")
    first = signed(report, auditor, tmp_path, "first.pdf")
    both = signed(first.read_bytes(), second, tmp_path, "both.pdf")
    result = dcr("verify", both, "--trust", auditor.ca)
    assert result.code == ExitCode.OK, result.out
    record = json.loads(dcr("verify", both, "--trust", auditor.ca, "--json").out)
    sigs = record["signatures"]
    assert "Amara Lindqvist" in sigs[0]["signer"] and "Ines Okafor" in sigs[1]["signer"]
    found = [(s["revision"], s["revisions"], s["intact"], s["trusted"]) for s in sigs]
    assert found == [(2, 3, True, True), (3, 3, True, True)]
    assert "covers revision 2 of 3" in result.out and "covers revision 3 of 3" in result.out


def test_altered_and_resigned_is_tampered(
    report: bytes, auditor: Pki, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A trusted report altered by an incremental update and re-signed by a look-alike self-signed certificate is
    tampered, and the auditor's signature that no longer covers the file is named."""
    impostor = make_signer(tmp_path / "impostor", None)
    genuine = signed(report, auditor, tmp_path, "genuine.pdf")
    forged = signed(altered(genuine.read_bytes()), impostor, tmp_path, "forged.pdf")
    for trust in ([], ["--trust", auditor.ca]):
        result = dcr("verify", forged, *trust)
        assert result.code == ExitCode.TAMPERED, result.out
        assert "[FAIL] signature: DCR-Assessor-Signature by " in result.out and "changed after it" in result.out


def test_impostor_is_never_valid_and_trusted(
    report: bytes, auditor: Pki, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A self-signed certificate with the auditor's name and organisation is untrusted against the real root."""
    impostor = make_signer(tmp_path / "impostor", None)
    forged = signed(report, impostor, tmp_path, "impostor.pdf")
    result = dcr("verify", forged, "--trust", auditor.ca)
    assert result.code == ExitCode.UNTRUSTED and "NOT trusted" in result.out and "VALID" not in result.out


def test_signed_json_with_duplicate_keys_is_malformed(
    auditor: Pki, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A signed result whose text repeats a key (here a level readers would see as 3) is refused as malformed."""
    result = tmp_path / "r.json"
    result.write_text(pretty_json(assessor.assess(MATURE).assessment), encoding="utf-8")
    assessor.sign_file(result, signer=assessor.load_signer(auditor.key, cert=auditor.cert))
    assert dcr("verify", result, "--trust", auditor.ca).code == ExitCode.OK
    text = result.read_text(encoding="utf-8")
    deep = '"weakest_domain_level": 2'
    assert deep in text
    result.write_text(text.replace(deep, '"weakest_domain_level": 3, ' + deep, 1), encoding="utf-8")
    verdict = dcr("verify", result, "--trust", auditor.ca)
    assert verdict.code == ExitCode.TAMPERED and "appears twice" in verdict.out


@pytest.mark.parametrize(
    "valid_days,purposes,message",
    [
        ((-30, -1), None, "expired on"),
        ((2, 30), None, "is not valid until"),
        ((-1, 30), [ExtendedKeyUsageOID.SERVER_AUTH], "not for signing documents"),
    ],
)
def test_sign_refuses_unfit_certificates(
    report: bytes,
    auditor: Pki,
    tmp_path: Path,
    dcr: Callable[..., CliResult],
    valid_days: tuple[int, int],
    purposes: list[object] | None,
    message: str,
) -> None:
    """Expired, not-yet-valid and wrong-purpose certificates are refused with a usage error naming why."""
    unfit = make_signer(tmp_path / "unfit", auditor, valid_days=valid_days, purposes=purposes)  # type: ignore[arg-type]
    path = tmp_path / "r.pdf"
    path.write_bytes(report)
    result = dcr("sign", path, "--key", unfit.key, "--cert", unfit.cert)
    assert result.code == 2 and message in result.err and "Traceback" not in result.err
    assert path.read_bytes() == report


def test_ed25519_signs_and_verifies(report: bytes, auditor: Pki, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """An Ed25519 key signs a PDF and a JSON result, and both verify against the root."""
    edkey = make_signer(tmp_path / "ed", auditor, key=ed25519.Ed25519PrivateKey.generate())
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report)
    assert dcr("sign", pdf, "--key", edkey.key, "--cert", edkey.cert).code == 0
    assert dcr("verify", pdf, "--trust", auditor.ca).code == ExitCode.OK
    result = tmp_path / "r.json"
    result.write_text(pretty_json(assessor.assess(MATURE).assessment), encoding="utf-8")
    assert dcr("sign", result, "--key", edkey.key, "--cert", edkey.cert).code == 0
    assert dcr("verify", result, "--trust", auditor.ca).code == ExitCode.OK


def test_password_protected_pdf_and_empty_trust(
    report: bytes, auditor: Pki, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """Signing a password-protected PDF and verifying with a --trust file holding no certificate are usage
    errors that say why."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(report)))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    result = dcr("sign", locked, "--key", auditor.key, "--cert", auditor.cert)
    assert result.code == 2 and "password-protected" in result.err
    pdf = signed(report, auditor, tmp_path, "ok.pdf")
    verdict = dcr("verify", pdf, "--trust", auditor.key)  # a PEM file holding a key and no certificate
    assert verdict.code == 2 and "holds no certificate" in verdict.err


@pytest.mark.parametrize("held", ["key", "certificate"])
def test_pkcs12_with_half_a_pair_is_refused(
    auditor: Pki, report: bytes, tmp_path: Path, dcr: Callable[..., CliResult], held: str
) -> None:
    """A PKCS#12 file holding only a key or only a certificate is a usage error naming what is missing."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import NoEncryption, load_pem_private_key, pkcs12

    key = load_pem_private_key(auditor.key.read_bytes(), None) if held == "key" else None
    cert = x509.load_pem_x509_certificate(auditor.cert.read_bytes()) if held == "certificate" else None
    bundle = tmp_path / "half.p12"
    bundle.write_bytes(pkcs12.serialize_key_and_certificates(b"half", key, cert, None, NoEncryption()))  # type: ignore[arg-type]
    path = tmp_path / "r.pdf"
    path.write_bytes(report)
    result = dcr("sign", path, "--key", bundle)
    missing = "no certificate" if held == "key" else "no private key"
    assert result.code == 2 and missing in result.err


def test_trust_store_is_shared_and_always_stated(
    report: bytes, auditor: Pki, tmp_path: Path, dcr: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no root configured an intact signature is never called valid (exit 8); a root added with `dcr trust
    add` is listed and vouches for its signer in `dcr verify`, never for a look-alike."""
    monkeypatch.setenv("DCR_TRUST_STORE", str(tmp_path / "store"))
    genuine = signed(report, auditor, tmp_path, "genuine.pdf")
    unvouched = dcr("verify", genuine)
    assert unvouched.code == ExitCode.UNVOUCHED and "SIGNER NOT VOUCHED FOR" in unvouched.out
    assert "trust roots: none configured" in unvouched.out and "VALID" not in unvouched.out
    assert dcr("trust", "add", auditor.ca).code == 0
    listed = dcr("trust", "list")
    assert listed.code == 0 and "1 root(s)" in listed.out and "Test Root CA" in listed.out
    trusted = dcr("verify", genuine)
    assert trusted.code == ExitCode.OK and "VALID AND TRUSTED" in trusted.out and "Test Root CA" in trusted.out
    impostor = signed(report, make_signer(tmp_path / "impostor", None), tmp_path, "impostor.pdf")
    assert dcr("verify", impostor).code == ExitCode.UNTRUSTED


def test_app_never_shows_an_impostor_as_trusted(
    report: bytes, auditor: Pki, tmp_path: Path, dcr: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's report check trusts the shared store's roots, names them, and shows a look-alike's signature as
    not trusted (no success message); with no roots, an intact signature is a warning that nobody vouches."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DCR_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.setenv("DCR_TRUST_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("DCR_DATABASE_URL", f"sqlite:///{tmp_path / 'dcr.sqlite3'}")  # not the user's own store
    st.cache_resource.clear()
    impostor = signed(report, make_signer(tmp_path / "impostor", None), tmp_path, "impostor.pdf")

    def check() -> AppTest:
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60)
        at.run()
        at.file_uploader(key="verify-report").set_value(("r.pdf", impostor.read_bytes(), "application/pdf")).run()
        assert not at.exception
        return at

    at = check()
    assert not at.success and any("nobody vouches" in w.value for w in at.warning)
    assert dcr("trust", "add", auditor.ca).code == 0
    at = check()
    assert not at.success and any(e.value.startswith("Not trusted") for e in at.error)
    assert any("Test Root CA" in c.value for c in at.caption)
