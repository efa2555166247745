"""Signing in the app: after sign-off the assigned reviewer uploads a PKCS#12 key and passphrase for one
signature; the signed report is kept in the store with a `sign` event, the lab downloads it, and it verifies."""

from __future__ import annotations

from pathlib import Path

import pytest

import assessor
from assessor.app import session
from assessor.core.exit_codes import ExitCode
from tests.app_helpers import upload, workspace
from tests.conftest import MATURE, MATURE_REVIEW
from tests.pki import PASSPHRASE, make_pki
from tests.workflow_helpers import as_admin, as_user, click, people, review_file

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

__all__ = ["workspace"]  # the fixture, imported so pytest finds it here


def test_reviewer_signs_in_the_app(workspace: Path, tmp_path: Path) -> None:
    """Only the assigned reviewer is offered the signing form; a wrong passphrase is refused with a message and
    nothing kept; the right one keeps a signed report the lab downloads and that verifies against the root."""
    pki = make_pki(tmp_path / "pki", "Rita Reviewer")
    people()
    mia = as_user("mia@northwind.example")
    upload(mia, MATURE).switch_page("views/workflow.py").run()
    click(mia, "Submit for review")
    admin = as_admin()
    admin.text_input(key=next(str(t.key) for t in admin.text_input if str(t.key).startswith("assign-"))).set_value(
        "rita@regulator.example"
    )
    click(admin, "Assign")
    review_file(as_user("rita@regulator.example"), MATURE_REVIEW)  # the report is verified by the approved review
    click(as_user("rita@regulator.example"), "Review complete")
    click(as_user("alex@regulator.example"), "Approve the review (second reviewer)")
    click(as_user("rita@regulator.example"), "Sign off")
    (sub,) = session.base_store().submissions()
    assert not [b for b in as_user("mia@northwind.example").button if b.label == "Sign the verified report"]

    def sign(passphrase: bytes) -> object:
        rita = as_user("rita@regulator.example")
        rita.file_uploader(key=f"sign-key-{sub.id}").set_value(
            ("rita.p12", pki.p12.read_bytes(), "application/x-pkcs12")
        )
        rita.text_input(key=f"sign-passphrase-{sub.id}").set_value(passphrase.decode())
        next(b for b in rita.button if b.label == "Sign the verified report").click().run()
        secret = f"sign-passphrase-{sub.id}"
        assert not rita.exception
        assert secret not in rita.session_state or rita.session_state[secret] == ""  # not kept in the session
        return rita

    wrong = sign(b"wrong horse")
    assert any("refused" in e.value and "passphrase" in e.value for e in wrong.error)  # type: ignore[attr-defined]
    assert "sign" not in [e["action"] for e in session.base_store().history("submission", sub.id)]
    sign(PASSPHRASE)
    assert [e["action"] for e in session.base_store().history("submission", sub.id)][-1] == "sign"
    mia = as_user("mia@northwind.example")
    (download,) = [d for d in mia.get("download_button") if "Signed verified report" in getattr(d, "label", "")]
    _, pdf = session.base_store().signed_report(sub.id)
    found = assessor.verify_data(pdf, name="verified-report.pdf", trust=[pki.ca.read_bytes()])
    assert found.exit_code == ExitCode.OK and "Rita Reviewer" in found.signatures[-1].signer
    assert download is not None
