"""RFC 3161 timestamps and long-term validation data from a real local TSA and OCSP responder (certomancer on
127.0.0.1): a timestamped PDF keeps verifying with the responder gone; a TSA that is down is a clear error."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

import assessor
from assessor.core.canonical import pretty_json
from assessor.trust.verify import EXIT_VALID
from tests.conftest import ROOT, CliResult
from tests.tsa import services

MATURE = ROOT / "examples" / "mature-lab.yaml"
MATURE_REVIEW = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The unsigned verified report of the mature example."""
    out = tmp_path_factory.mktemp("report") / "verified.pdf"
    assessor.write_pdf(assessor.assess(MATURE, MATURE_REVIEW), out)
    return out.read_bytes()


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
    assert result.code == EXIT_VALID and record["status"] == "valid"
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


def test_tsa_that_is_down(report: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A time-stamping authority that does not answer is a usage error naming it; the report is left as it was."""
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{probe.getsockname()[1]}/tsa"
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report)
    with services(tmp_path / "pki") as pki:
        result = dcr("sign", pdf, "--key", pki.key, "--cert", pki.cert, "--tsa", down)
    assert result.code == 2 and down in result.err and "Traceback" not in result.err
    assert pdf.read_bytes() == report


def test_revoked_certificate_is_refused(report: bytes, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """Signing with long-term validation data asks the OCSP responder; a revoked certificate is refused."""
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report)
    with services(tmp_path / "pki") as pki:
        result = dcr("sign", pdf, "--key", pki.revoked_key, "--cert", pki.revoked_cert, "--tsa", pki.tsa_url)
    assert result.code == 2 and "revoked" in result.err and "Traceback" not in result.err
    assert pdf.read_bytes() == report
