"""RFC 3161 timestamps and long-term validation data from a real local TSA and OCSP responder (certomancer on
127.0.0.1): a timestamped PDF keeps verifying with the responder gone; a TSA that is down is a clear error."""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from asn1crypto import cms

import assessor
from assessor.core.canonical import pretty_json
from assessor.core.exit_codes import ExitCode
from assessor.trust.verify import EXIT_CODES
from tests.conftest import ROOT, CliResult
from tests.tsa import services

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"


@pytest.fixture(scope="module")
def report(verified_report_pdf: bytes) -> bytes:
    """The unsigned verified report of the mature example."""
    return verified_report_pdf


def test_timestamped_ltv_pdf_verifies_offline(report: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """Signed with --tsa against the local TSA, the PDF carries a trusted timestamp and the OCSP answers for its
    chain, so it verifies as valid and trusted after the TSA and the responder are gone (nothing fetched)."""
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report)
    with services(tmp_path / "pki") as pki:
        assert dcr("sign", pdf, "--key", pki.key, "--cert", pki.cert, "--tsa", pki.tsa_url).code == 0
    result = dcr("verify", pdf, "--trust", pki.root, "--json")
    record = json.loads(result.out)
    (sig,) = record["signatures"]
    assert result.code == ExitCode.OK and record["status"] == "valid"
    assert sig["timestamp"] is not None and sig["timestamp_trusted"] is True and sig["ltv"] is True
    assert sig["revision"] < sig["revisions"]  # the validation data came in a revision of its own
    text = dcr("verify", pdf, "--trust", pki.root).out
    assert "by a trusted time-stamping authority" in text and "long-term validation data embedded" in text


def test_timestamped_json(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A JSON result's detached signature carries the TSA's timestamp."""
    result = tmp_path / "r.json"
    result.write_text(pretty_json(assessor.assess(MATURE).assessment), encoding="utf-8")
    with services(tmp_path / "pki") as pki:
        assert dcr("sign", result, "--key", pki.key, "--cert", pki.cert, "--tsa", pki.tsa_url).code == 0
    record = json.loads(dcr("verify", result, "--trust", pki.root, "--json").out)
    assert record["status"] == "valid" and record["signatures"][0]["timestamp_trusted"] is True


def test_json_signature_outlives_its_certificate(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A timestamped JSON signature carries its chain's OCSP answers inside it (a signed attribute), so checked
    offline as of a month after the certificate expired it is still valid and trusted, checked as of its
    timestamp."""
    result = tmp_path / "r.json"
    result.write_text(pretty_json(assessor.assess(MATURE).assessment), encoding="utf-8")
    with services(tmp_path / "pki") as pki:
        assert dcr("sign", result, "--key", pki.key, "--cert", pki.cert, "--tsa", pki.tsa_url).code == 0
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=60)).strftime("%Y-%m-%d")  # certificates: 30 days
    found = dcr("verify", result, "--trust", pki.root, "--at", later, "--json")
    record = json.loads(found.out)
    (sig,) = record["signatures"]
    assert found.code == ExitCode.OK and sig["ltv"] is True and sig["timestamp_trusted"] is True, found.out
    assert "long-term validation data embedded" in dcr("verify", result, "--trust", pki.root, "--at", later).out
    assert dcr("verify", result, "--at", later).code == ExitCode.UNVOUCHED  # no root to check the data by
    info = cms.ContentInfo.load((tmp_path / "r.json.p7s").read_bytes())
    names = [a["type"].native for a in info["content"]["signer_infos"][0]["signed_attrs"]]
    assert "adobe_revocation_info_archival" in names


def test_pdf_signature_outlives_its_certificate(report: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A PAdES B-LT signature verifies offline after its certificate expired; without --tsa it is expired."""
    ltv, plain = tmp_path / "ltv.pdf", tmp_path / "plain.pdf"
    ltv.write_bytes(report)
    plain.write_bytes(report)
    with services(tmp_path / "pki") as pki:
        assert dcr("sign", ltv, "--key", pki.key, "--cert", pki.cert, "--tsa", pki.tsa_url).code == 0
        assert dcr("sign", plain, "--key", pki.key, "--cert", pki.cert).code == 0
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=60)).strftime("%Y-%m-%d")
    assert dcr("verify", ltv, "--trust", pki.root, "--at", later).code == ExitCode.OK
    expired = dcr("verify", plain, "--trust", pki.root, "--at", later)
    assert expired.code == ExitCode.EXPIRED and "EXPIRED" in expired.out
    assert dcr("verify", ltv, "--at", later).code == ExitCode.UNVOUCHED  # no root to check the data by


def test_tsa_that_is_down(report: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A time-stamping authority that does not answer has its own exit code and a message naming it; the report
    is left as it was."""
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{probe.getsockname()[1]}/tsa"
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report)
    with services(tmp_path / "pki") as pki:
        result = dcr("sign", pdf, "--key", pki.key, "--cert", pki.cert, "--tsa", down)
    assert result.code == ExitCode.TSA_DOWN and down in result.err and "Traceback" not in result.err
    assert pdf.read_bytes() == report
    json_result = tmp_path / "r.json"
    json_result.write_text(pretty_json(assessor.assess(MATURE).assessment), encoding="utf-8")
    with services(tmp_path / "pki2") as pki:
        signing = dcr("sign", json_result, "--key", pki.key, "--cert", pki.cert, "--tsa", down)
        out = tmp_path / "out"
        args = ("--pdf", f"{out}.pdf", "--json", f"{out}.json", "--sign", "--key", pki.key, "--cert", pki.cert)
        assessing = dcr("assess", MATURE, *args, "--tsa", down)
    assert signing.code == assessing.code == ExitCode.TSA_DOWN and down in assessing.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pki", "pki2", "r.json", "r.pdf"]  # nothing written


def test_revoked_certificate_is_refused(report: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """Signing with long-term validation data asks the OCSP responder; a revoked certificate is refused."""
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report)
    with services(tmp_path / "pki") as pki:
        result = dcr("sign", pdf, "--key", pki.revoked_key, "--cert", pki.revoked_cert, "--tsa", pki.tsa_url)
    assert result.code == 2 and "revoked" in result.err and "Traceback" not in result.err
    assert pdf.read_bytes() == report


def test_damaged_long_term_signature_never_crashes(tmp_path: Path) -> None:
    """Bytes flipped anywhere in a timestamped signature carrying revocation data give a verdict with its exit
    code, checked now or after the certificate expired; never an exception."""
    result = tmp_path / "r.json"
    result.write_text(pretty_json(assessor.assess(MATURE).assessment), encoding="utf-8")
    with services(tmp_path / "pki") as pki:
        assessor.sign_file(result, signer=assessor.load_signer(pki.key, cert=pki.cert), tsa=pki.tsa_url)
    data, sig, root = result.read_bytes(), (tmp_path / "r.json.p7s").read_bytes(), pki.root.read_bytes()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=60)
    assert assessor.verify_data(data, name="r.json", trust=[root], signature=sig, at=later).status == "valid"
    for position in range(7, len(sig), max(1, len(sig) // 40)):
        damaged = sig[:position] + bytes([sig[position] ^ 0x10]) + sig[position + 1 :]
        for at in (None, later):
            found = assessor.verify_data(data, name="r.json", trust=[root], signature=damaged, at=at)
            assert found.exit_code in EXIT_CODES.values()
