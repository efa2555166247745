"""The signed verified report in the store: only the assigned reviewer, only once signed off, only a signed and
intact report of that very submission; kept with a `sign` event in the hash-chained log."""

from __future__ import annotations

import functools
import json

import pytest

import assessor
from assessor.core.documents import Document
from assessor.core.problems import UsageError
from assessor.store import Store
from assessor.store.errors import Forbidden, InvalidTransition, NotFound
from tests.conftest import ROOT
from tests.pki import Pki, make_pki
from tests.store.conftest import lab_data

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """The reviewer's CA and key."""
    return make_pki(tmp_path_factory.mktemp("pki"), "Rita Reviewer")


def signed_off(team: dict[str, Store]) -> str:
    """A submission of the mature example taken through review to sign-off by rita (approved by abe)."""
    draft = team["mia"].create_draft(lab_data(), "lab")
    sid = team["mia"].submit(draft.id, 1).id
    sub = team["admin"].assign(sid, "rita", 1)
    sub = team["rita"].complete_review(sid, sub.version)
    sub = team["abe"].approve(sid, sub.version)
    team["rita"].sign_off(sid, sub.version)
    return sid


@functools.cache
def rendered(content: str) -> bytes:
    """The unsigned report of a submission's content (JSON): rendered once per module, since these tests are about
    what the store accepts, and equal content renders to equal bytes (tests/test_reproducible.py)."""
    return assessor.pdf_bytes(assessor.assess(Document("submission", json.loads(content))))


def report(store: Store, sid: str, pki: Pki | None) -> bytes:
    """The report of the stored submission, signed by the PKI's key when one is given."""
    pdf = rendered(json.dumps(store.submission(sid)["content"], sort_keys=True))
    return (
        assessor.sign_pdf_data(pdf, signer=assessor.load_signer(pki.p12, passphrase=b"correct horse")) if pki else pdf
    )


def test_the_reviewer_signs_and_the_lab_reads(team: dict[str, Store], pki: Pki) -> None:
    """The assigned reviewer's signed report is kept; a `sign` event naming its signer joins the intact chain;
    the lab downloads exactly those bytes."""
    sid = signed_off(team)
    pdf = report(team["rita"], sid, pki)
    team["rita"].add_signed_report(sid, pdf)
    (event,) = [e for e in team["admin"].history("submission", sid) if e["action"] == "sign"]
    assert "Rita Reviewer" in event["changes"][0]["new"]["signer"]
    assert team["mia"].signed_report(sid) == ("verified-report.pdf", pdf)
    assert team["admin"].verify_log() > 0


def test_what_the_store_refuses(team: dict[str, Store], pki: Pki) -> None:
    """Another reviewer, the lab, a signature before sign-off, an unsigned PDF and a signed report of another
    submission are each refused, and nothing is logged."""
    sid = signed_off(team)
    pdf = report(team["rita"], sid, pki)
    with pytest.raises(NotFound):  # another reviewer does not even see it
        team["ray"].add_signed_report(sid, pdf)
    with pytest.raises(Forbidden):  # the lab sees it, but does not sign the regulator's report
        team["mia"].add_signed_report(sid, pdf)
    with pytest.raises(UsageError, match="no signature found"):
        team["rita"].add_signed_report(sid, report(team["rita"], sid, None))
    other = rendered(
        json.dumps(assessor.load_submission(ROOT / "examples" / "developing-lab.yaml").model_dump(mode="json"))
    )
    signer = assessor.load_signer(pki.p12, passphrase=b"correct horse")
    with pytest.raises(UsageError, match="not made from this submission"):
        team["rita"].add_signed_report(sid, assessor.sign_pdf_data(other, signer=signer))
    draft = team["mia"].create_draft(lab_data(), "early")
    early = team["mia"].submit(draft.id, 1).id
    team["admin"].assign(early, "rita", 1)
    with pytest.raises(InvalidTransition):
        team["rita"].add_signed_report(early, report(team["rita"], early, pki))
    assert not [e for e in team["admin"].history("submission", sid) if e["action"] == "sign"]
