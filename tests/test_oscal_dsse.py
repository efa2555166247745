"""DSSE envelopes beside signed JSON results, in the form compliance-trestle signs and verifies: accepted as
written, refused after a one-byte change (in process with trestle's verifier, and with `trestle verify`)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from trestle.common.err import TrestleError
from trestle.core.signing import load_dsse_envelope, load_pem_public_key, verify_oscal_provenance_envelope

import assessor
from assessor.core.canonical import sha256_hex
from assessor.trust.signing import json_canonical
from tests.conftest import MATURE_1_2, CliResult
from tests.pki import make_pki

TRESTLE = Path(sys.executable).with_name("trestle")


def _signed(folder: Path, *, curve: bool = False) -> tuple[Path, Path]:
    """A JSON result signed as `dcr assess --json --sign` signs it, and the signer's public key as PEM."""
    pki = make_pki(folder / "pki", curve=curve)
    out = folder / "result.json"
    assessor.write_json(assessor.assess(MATURE_1_2), out, signer=assessor.load_signer(pki.key, cert=pki.cert))
    cert = x509.load_pem_x509_certificate(pki.cert.read_bytes())
    public = folder / "public.pem"
    public.write_bytes(
        cert.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return out, public


def _tamper(path: Path) -> None:
    """Change one byte of the result: a digit of its score."""
    text = path.read_text(encoding="utf-8")
    at = text.index('"score": ') + len('"score": ')
    digit = text[at]
    path.write_text(text[:at] + ("1" if digit != "1" else "2") + text[at + 1 :], encoding="utf-8")


def _verify(result: Path, public: Path) -> None:
    """trestle's own verifier, in process."""
    envelope = load_dsse_envelope(result.with_name(result.name + ".dsse"))
    verify_oscal_provenance_envelope(result, envelope, load_pem_public_key(public))


@pytest.mark.parametrize("curve", [False, True], ids=["rsa", "p256"])
def test_trestles_verifier_accepts_the_envelope_and_refuses_a_changed_result(tmp_path: Path, curve: bool) -> None:
    """The envelope beside a signed result verifies with trestle's verifier; a one-byte change is refused."""
    result, public = _signed(tmp_path, curve=curve)
    _verify(result, public)
    _tamper(result)
    with pytest.raises(TrestleError, match="digest does not match"):
        _verify(result, public)


def test_envelope_holds_an_in_toto_statement_of_the_canonical_bytes(tmp_path: Path) -> None:
    """The payload is an in-toto Statement v1 naming the file and the SHA-256 of its RFC 8785 bytes."""
    result, _ = _signed(tmp_path)
    envelope = json.loads(result.with_name(result.name + ".dsse").read_text(encoding="utf-8"))
    assert envelope["payloadType"] == "application/vnd.in-toto+json" and len(envelope["signatures"]) == 1
    statement = json.loads(base64.b64decode(envelope["payload"]))
    assert statement["subject"] == [
        {"name": "result.json", "digest": {"sha256": sha256_hex(json_canonical(result.read_bytes()))}}
    ]
    assert statement["predicate"]["canonicalization"] == "RFC8785"


def _trestle_verify(result: Path, public: Path) -> subprocess.CompletedProcess[str]:
    command = [
        str(TRESTLE),
        "verify",
        "--beta",
        "-f",
        str(result),
        "--signature",
        f"{result}.dsse",
        "--public-key",
        str(public),
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=result.parent, timeout=120, check=False)


@pytest.mark.slow
def test_trestle_verify_accepts_then_rejects_after_one_byte(tmp_path: Path) -> None:
    """`trestle verify --beta` exits 0 on the signed result and non-zero once one byte of it changes."""
    result, public = _signed(tmp_path)
    accepted = _trestle_verify(result, public)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    _tamper(result)
    refused = _trestle_verify(result, public)
    assert refused.returncode != 0
    assert "digest does not match" in refused.stdout + refused.stderr


def test_dcr_sign_writes_the_envelope_and_keeps_an_existing_one(dcr: Callable[..., CliResult], tmp_path: Path) -> None:
    """`dcr sign RESULT.json` writes RESULT.json.dsse that trestle's verifier accepts; an envelope already there
    is kept, and nothing is signed, unless --force."""
    pki = make_pki(tmp_path / "pki")
    result = tmp_path / "r.json"
    assessor.write_json(assessor.assess(MATURE_1_2), result)
    (tmp_path / "r.json.dsse").write_text("{}", encoding="utf-8")
    refused = dcr("sign", str(result), "--key", str(pki.key), "--cert", str(pki.cert))
    assert refused.code == 2 and not (tmp_path / "r.json.p7s").exists()
    done = dcr("sign", str(result), "--key", str(pki.key), "--cert", str(pki.cert), "--force")
    assert done.code == 0, done.err
    public = tmp_path / "public.pem"
    cert = x509.load_pem_x509_certificate(pki.cert.read_bytes())
    public.write_bytes(
        cert.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    _verify(result, public)


def _dsse_check(result: Path) -> tuple[bool, str]:
    report = assessor.verify_file(result)
    (check,) = [c for c in report.checks if c.name == "dsse"]
    return check.ok, report.status


@pytest.mark.slow
def test_dcr_verify_checks_the_envelope_against_the_cms_signer(tmp_path: Path) -> None:
    """`dcr verify` accepts the envelope signed by the CMS signer's key over the same digest (a renamed file
    too, noting the name it was signed under), and calls the result tampered when the envelope comes from
    another key."""
    result, _ = _signed(tmp_path / "a")
    assert _dsse_check(result) == (True, "unvouched")
    other, _ = _signed(tmp_path / "b", curve=True)
    envelope = result.with_name("result.json.dsse")
    envelope.write_bytes(other.with_name("result.json.dsse").read_bytes())
    assert _dsse_check(result) == (False, "tampered")
    renamed = tmp_path / "a" / "renamed.json"
    _signed(tmp_path / "a")
    result.rename(renamed)
    result.with_name("result.json.p7s").rename(renamed.with_name("renamed.json.p7s"))
    result.with_name("result.json.dsse").rename(renamed.with_name("renamed.json.dsse"))
    assert _dsse_check(renamed) == (True, "unvouched")
    details = [c.detail for c in assessor.verify_file(renamed).checks if c.name == "dsse"]
    assert "--subject-name result.json" in details[0]
