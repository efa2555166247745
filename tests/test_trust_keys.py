"""Every key type pyHanko signs and verifies signs a PDF and a JSON result that verify against their root; DSA
and short RSA keys are refused by name."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa

import assessor
from assessor.core.canonical import pretty_json
from assessor.core.exit_codes import ExitCode
from assessor.core.limits import KEY_BYTES
from assessor.core.problems import UsageError
from tests.conftest import ROOT, CliResult
from tests.pki import PASSPHRASE, Pki, SignerKey, make_pki, make_signer

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"
KEYS: dict[str, Callable[[], SignerKey]] = {
    "RSA 2048": lambda: rsa.generate_private_key(65537, 2048),
    "RSA 3072": lambda: rsa.generate_private_key(65537, 3072),
    "ECDSA NIST P-256": lambda: ec.generate_private_key(ec.SECP256R1()),
    "ECDSA NIST P-384": lambda: ec.generate_private_key(ec.SECP384R1()),
    "ECDSA NIST P-521": lambda: ec.generate_private_key(ec.SECP521R1()),
    "ECDSA Brainpool P-256r1": lambda: ec.generate_private_key(ec.BrainpoolP256R1()),
    "ECDSA Brainpool P-384r1": lambda: ec.generate_private_key(ec.BrainpoolP384R1()),
    "ECDSA Brainpool P-512r1": lambda: ec.generate_private_key(ec.BrainpoolP512R1()),
    "Ed25519": ed25519.Ed25519PrivateKey.generate,
    "Ed448": ed448.Ed448PrivateKey.generate,
}


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """The auditor's CA."""
    return make_pki(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def inputs(mature_report_pdf: bytes) -> tuple[bytes, bytes]:
    """The mature example's unsigned PDF report and JSON result."""
    return mature_report_pdf, pretty_json(assessor.assess(MATURE).assessment).encode("utf-8")


@pytest.mark.parametrize("name", list(KEYS))
def test_key_type_signs_and_verifies(
    name: str, ca: Pki, inputs: tuple[bytes, bytes], tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A signer with this key type signs a PDF and a JSON result; both verify as valid and trusted."""
    signer = make_signer(tmp_path / "signer", ca, key=KEYS[name]())
    pdf, result = tmp_path / "r.pdf", tmp_path / "r.json"
    pdf.write_bytes(inputs[0])
    result.write_bytes(inputs[1])
    for report in (pdf, result):
        signed = dcr("sign", report, "--key", signer.key, "--cert", signer.cert)
        assert signed.code == 0, signed.err
        found = dcr("verify", report, "--trust", ca.ca, "--json")
        record = json.loads(found.out)
        assert found.code == ExitCode.OK and record["signatures"][-1]["trusted"] is True, found.out


@pytest.mark.parametrize(
    ("key", "named"),
    [
        (lambda: dsa.generate_private_key(2048), "DSA key (DSA 2048): DSA is refused"),
        (lambda: rsa.generate_private_key(65537, 1024), "1024-bit RSA key: RSA under 2048 bits is refused"),
    ],
    ids=["DSA", "RSA 1024"],
)
def test_weak_key_types_are_refused_by_name(
    key: Callable[[], SignerKey],
    named: str,
    ca: Pki,
    inputs: tuple[bytes, bytes],
    tmp_path: Path,
    dcr: Callable[..., CliResult],
) -> None:
    """DSA and RSA under 2048 bits are refused, naming the key and what to use instead; nothing is written."""
    signer = make_signer(tmp_path / "signer", ca, key=key())
    pdf, result = tmp_path / "r.pdf", tmp_path / "r.json"
    pdf.write_bytes(inputs[0])
    result.write_bytes(inputs[1])
    for report in (pdf, result):
        refused = dcr("sign", report, "--key", signer.key, "--cert", signer.cert)
        assert refused.code == 2 and named in refused.err and "Ed25519" in refused.err, refused.err
        assert "Traceback" not in refused.err
    assert pdf.read_bytes() == inputs[0] and not (tmp_path / "r.json.p7s").exists()


def test_key_bytes_in_memory(ca: Pki) -> None:
    """A PKCS#12 upload opens with its passphrase; a wrong passphrase and an oversized upload are usage errors
    naming the upload."""
    signer = assessor.load_signer_data(ca.p12.read_bytes(), passphrase=PASSPHRASE, name="rita.p12")
    assert signer.signing_cert is not None and "Amara Lindqvist" in signer.signing_cert.subject.human_friendly
    with pytest.raises(UsageError, match=r"rita\.p12: not a PKCS#12 file this passphrase opens"):
        assessor.load_signer_data(ca.p12.read_bytes(), passphrase=b"wrong", name="rita.p12")
    with pytest.raises(UsageError, match=r"big\.p12: .* a key file is limited to"):
        assessor.load_signer_data(b"\0" * (KEY_BYTES + 1), passphrase=PASSPHRASE, name="big.p12")
