"""Signed reports: PAdES PDFs and detached JSON signatures, `dcr sign`, `dcr verify` and its exit codes."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import assessor
from assessor.core.canonical import pretty_json
from assessor.core.exit_codes import ExitCode
from assessor.reports.context import build_context
from assessor.reports.pdf import pdf_bytes, prepare_pdf
from assessor.trust.verify import verify_data
from tests.conftest import ROOT, CliResult
from tests.pki import PASSPHRASE, Pki, make_pki

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"
MATURE_REVIEW = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """A throwaway CA and an RSA signer."""
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def other_pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """A second, unrelated CA."""
    return make_pki(tmp_path_factory.mktemp("other"), "Mallory")


@pytest.fixture(scope="module")
def verified_pdf(verified_report_pdf: bytes) -> bytes:
    """The unsigned verified report of the mature example and its review."""
    return verified_report_pdf


@pytest.fixture(scope="module")
def signed_pdf(verified_pdf: bytes, pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The verified report, signed with the PKCS#12 bundle through the API."""
    path = tmp_path_factory.mktemp("signed") / "signed.pdf"
    path.write_bytes(verified_pdf)
    assessor.sign_file(path, signer=assessor.load_signer(pki.p12, passphrase=PASSPHRASE))
    return path


def test_signed_pdf_verifies(signed_pdf: Path, pki: Pki, dcr: Callable[..., CliResult]) -> None:
    """A signed verified PDF verifies against its root, naming the signer and every check."""
    result = dcr("verify", signed_pdf, "--trust", pki.ca)
    assert result.code == ExitCode.OK, result.out
    assert "VALID AND TRUSTED" in result.out and "Dr Amara Lindqvist" in result.out
    for check in ("signature", "submission", "review", "binding"):
        assert f"[ok] {check}:" in result.out
    record = json.loads(dcr("verify", signed_pdf, "--json").out)
    assert record["status"] == "unvouched" and record["trusted"] is False and record["signed_at"]
    assert record["exit_code"] == ExitCode.UNVOUCHED and record["roots"] == []


def test_flipping_one_byte_is_tamper(signed_pdf: Path, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """Flipping any one of several bytes of the signed PDF makes `dcr verify` exit with the tamper code."""
    data = signed_pdf.read_bytes()
    for offset in (len(data) // 3, len(data) // 2, 2 * len(data) // 3, 200):
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        path = tmp_path / f"flipped-{offset}.pdf"
        path.write_bytes(bytes(flipped))
        result = dcr("verify", path)
        assert result.code == ExitCode.TAMPERED, (offset, result.out)
        assert "TAMPERED" in result.out


def test_appending_after_signing_is_tamper(signed_pdf: Path, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """An incremental update added after signing is detected: the signature no longer covers the file."""
    path = tmp_path / "appended.pdf"
    path.write_bytes(signed_pdf.read_bytes() + b"\n% appended\n")
    assert dcr("verify", path).code == ExitCode.TAMPERED


def test_unsigned_and_untrusted(
    verified_pdf: bytes, signed_pdf: Path, other_pki: Pki, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """An intact unsigned PDF exits 6; a signature that does not chain to the given root exits 7."""
    path = tmp_path / "unsigned.pdf"
    path.write_bytes(verified_pdf)
    unsigned = dcr("verify", path)
    assert unsigned.code == ExitCode.UNSIGNED and "UNSIGNED" in unsigned.out and "[ok] submission:" in unsigned.out
    assert dcr("verify", signed_pdf, "--trust", other_pki.ca).code == ExitCode.UNTRUSTED


def test_signing_keeps_pdfa(verified_pdf: bytes, signed_pdf: Path) -> None:
    """The signature is an incremental update: the PDF/A-3a original is its prefix, still declared PDF/A-3A
    at PDF 1.7, info dictionary and XMP in agreement, with the same attachments."""
    data = signed_pdf.read_bytes()
    assert data.startswith(verified_pdf)
    reader = PdfReader(io.BytesIO(data))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert re.search(rb'pdfaid:part(>|=")3', xmp) and re.search(rb'pdfaid:conformance(>|=")A', xmp)
    assert "/Version" not in reader.trailer["/Root"] and data.startswith(b"%PDF-1.7")
    producer = re.search(rb'pdf:Producer="([^"]*)"', xmp)
    assert producer is not None and reader.metadata is not None
    assert reader.metadata["/Producer"] == producer.group(1).decode()  # PDF/A: info and XMP agree
    assert sorted(reader.attachments) == ["assessment.json", "review.json", "submission.json"]
    (field,) = [f for f in reader.get_fields().values() if f.get("/FT") == "/Sig"]
    assert field is not None


@pytest.mark.slow
def test_qpdf_finds_no_problem(verified_pdf: bytes, signed_pdf: Path, tmp_path: Path) -> None:
    """qpdf --check reports neither errors nor warnings, before and after signing."""
    if shutil.which("qpdf") is None:
        if os.environ.get("CI"):
            pytest.fail("qpdf is missing; .ci/run installs it from system-packages.txt")
        pytest.skip("qpdf is not installed (system-packages.txt)")
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(verified_pdf)
    for path in (unsigned, signed_pdf):
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0 and "WARNING" not in (done.stdout + done.stderr).upper(), done.stdout


def test_assess_sign_with_pem(pki: Pki, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`dcr assess --sign --key --cert` signs the PDF and the JSON as it writes them; both verify."""
    pdf, out = tmp_path / "r.pdf", tmp_path / "r.json"
    args = ("assess", MATURE, "--review", MATURE_REVIEW, "--pdf", pdf, "--json", out)
    result = dcr(*args, "--sign", "--key", pki.key, "--cert", pki.cert)
    assert result.code == 0, result.err
    assert (tmp_path / "r.json.p7s").is_file()
    assert dcr("verify", pdf, "--trust", pki.ca).code == ExitCode.OK
    assert dcr("verify", out, "--trust", pki.ca).code == ExitCode.OK


def test_json_signature_covers_content_not_layout(pki: Pki, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A JSON result's signature survives re-indenting (same canonical bytes) but not a changed value."""
    out = tmp_path / "r.json"
    assert dcr("assess", MATURE, "--json", out, "-q").code == 0
    assert dcr("verify", out).code == ExitCode.UNSIGNED
    assert dcr("sign", out, "--key", pki.key, "--cert", pki.cert).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    out.write_text(json.dumps(data, indent=4, sort_keys=True), encoding="utf-8")
    assert dcr("verify", out, "--trust", pki.ca).code == ExitCode.OK
    data["overall"]["score"] = 99.9
    out.write_text(json.dumps(data), encoding="utf-8")
    assert dcr("verify", out).code == ExitCode.TAMPERED


def test_embedded_parts_are_checked() -> None:
    """An unsigned PDF whose result records another submission hash, or whose review is bound elsewhere,
    is reported as tampered, naming the part that disagrees."""
    result = assessor.assess(MATURE, review=MATURE_REVIEW)
    wrong = result.assessment.model_copy(
        update={"provenance": result.assessment.provenance.model_copy(update={"submission_sha256": "0" * 64})}
    )
    data = pdf_bytes(prepare_pdf(build_context(result.standard, result.submission, wrong, result.review)))
    found = verify_data(data, "wrong.pdf", [])
    assert found.status == "tampered"
    assert {c.name for c in found.checks if not c.ok} == {"submission", "binding"}


def test_sign_refuses_a_key_that_does_not_match(
    pki: Pki, other_pki: Pki, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A certificate that does not match the key is a usage error (exit 2) with a message, not a traceback."""
    out = tmp_path / "r.json"
    out.write_text(pretty_json(assessor.assess(MATURE).assessment), encoding="utf-8")
    result = dcr("sign", out, "--key", pki.key, "--cert", other_pki.cert)
    assert result.code == 2 and "matches the private key" in result.err
    assert dcr("assess", MATURE, "--sign").code == 2


def test_ec_key_warns_about_pdfa(tmp_path: Path, verified_pdf: bytes, dcr: Callable[..., CliResult]) -> None:
    """Signing with an EC key works but warns that the PDF leaves PDF/A-3 (pyHanko marks it PDF 2.0)."""
    ec = make_pki(tmp_path / "ec", curve=True)
    path = tmp_path / "r.pdf"
    path.write_bytes(verified_pdf)
    result = dcr("sign", path, "--key", ec.key, "--cert", ec.cert)
    assert result.code == 0 and "warning:" in result.err and "RSA" in result.err
    assert dcr("verify", path, "--trust", ec.ca).code == ExitCode.OK


@pytest.mark.parametrize("replacement", [b" ", b"\n", b"1", b"g"], ids=["space", "newline", "digit", "letter"])
def test_a_byte_changed_in_the_signature_padding_is_tamper(signed_pdf: Path, replacement: bytes) -> None:
    """A change inside the signature's /Contents padding breaks no signature (the signed ranges leave it out, and
    a reader skips whitespace in hex), yet verification says tampered, naming the signature."""
    data = bytearray(signed_pdf.read_bytes())
    padding = data.rindex(b"0" * 64)  # inside the zero padding after the signature's hex
    data[padding + 32 : padding + 33] = replacement
    report = verify_data(bytes(data), "padded.pdf", [])
    failed = [c.detail for c in report.checks if not c.ok]
    assert report.status == "tampered" and failed
    if replacement.isspace():  # the one change pyHanko itself lets through
        assert failed == ["signature 1: its /Contents holds characters other than hexadecimal digits"]


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.floats(min_value=0, max_value=1, exclude_max=True), bit=st.integers(0, 7))
def test_any_flipped_bit_of_a_signed_pdf_is_tamper(signed_pdf: Path, position: float, bit: int) -> None:
    """Whichever bit of a signed PDF is flipped, verification says tampered (never valid, never unsigned)."""
    data = bytearray(signed_pdf.read_bytes())
    offset = int(position * len(data))
    data[offset] ^= 1 << bit
    assert verify_data(bytes(data), "flipped.pdf", []).status == "tampered", offset


def test_flipped_signature_padding_is_tamper(signed_pdf: Path) -> None:
    """The zero padding after the CMS object in /Contents lies outside the signed bytes; altering it is caught."""
    data = signed_pdf.read_bytes()
    contents = re.search(rb"/Contents <([0-9a-fA-F]+)>", data)
    assert contents is not None and contents.group(1).endswith(b"0000")
    for offset in (contents.end(1) - 1, contents.end(1) - 200):
        flipped = bytearray(data)
        flipped[offset] = ord("1")
        assert verify_data(bytes(flipped), "padding.pdf", []).status == "tampered", offset


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.floats(min_value=0, max_value=1, exclude_max=True), bit=st.integers(0, 7))
def test_any_flipped_bit_of_a_signed_json_is_tamper(
    signed_json: tuple[bytes, bytes], position: float, bit: int
) -> None:
    """Whichever bit of a signed JSON result is flipped, verification against its signature says tampered."""
    data, signature = signed_json
    flipped = bytearray(data)
    offset = int(position * len(flipped))
    flipped[offset] ^= 1 << bit
    assert verify_data(bytes(flipped), "flipped.json", [], signature).status == "tampered", offset


@pytest.fixture(scope="module")
def signed_json(pki: Pki) -> tuple[bytes, bytes]:
    """The mature example's JSON result and its detached signature."""
    from assessor.trust.signing import sign_json

    data = pretty_json(assessor.assess(MATURE).assessment).encode("utf-8")
    return data, sign_json(data, assessor.load_signer(pki.key, cert=pki.cert))


def test_verify_against_source_files(
    pki: Pki, tmp_path: Path, dcr: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signed JSON result checks out against the submission and review it came from; against another
    submission it is reported as tampered."""
    out = tmp_path / "r.json"
    args = ("assess", MATURE, "--review", MATURE_REVIEW, "--json", out, "--sign", "--key", pki.p12, "-q")
    monkeypatch.delenv("DCR_KEY_PASSPHRASE", raising=False)
    assert dcr(*args).code == 2  # the PKCS#12 passphrase is missing
    monkeypatch.setenv("DCR_KEY_PASSPHRASE", PASSPHRASE.decode())
    assert dcr(*args).code == 0
    matched = dcr("verify", out, "--submission", MATURE, "--review", MATURE_REVIEW, "--trust", pki.ca)
    assert matched.code == ExitCode.OK and "[ok] review file binding:" in matched.out
    other = dcr("verify", out, "--submission", ROOT / "examples" / "developing-lab.yaml")
    assert other.code == ExitCode.TAMPERED and "[FAIL] submission file:" in other.out
    assert dcr("verify", out, "--review", MATURE_REVIEW).code == 2
