"""The signed verified report in the store: only the assigned reviewer, only once signed off, only a signed and
intact report of that very submission, verified by the review that was approved; kept with a `sign` event in the
hash-chained log."""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest

import assessor
from assessor.core.documents import Document
from assessor.core.problems import UsageError
from assessor.store import Store
from assessor.store.errors import Forbidden, InvalidTransition, NotFound
from tests.conftest import ROOT
from tests.pki import Pki, make_pki
from tests.store import steps
from tests.store.steps import review_data

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """The reviewer's CA and key."""
    return make_pki(tmp_path_factory.mktemp("pki"), "Rita Reviewer")


def signed_off(team: dict[str, Store]) -> str:
    """A submission of the mature example with the bundled review of it, taken to sign-off by rita (approved
    by abe)."""
    return steps.signed_off(team, review_data())


@functools.cache
def rendered(content: str, review: str | None) -> bytes:
    """The unsigned report of a submission's content verified by a review (both JSON): rendered once per module,
    since these tests are about what the store accepts, and equal inputs render to equal bytes
    (tests/test_reproducible.py)."""
    verified_by = Document("review", json.loads(review)) if review else None
    return assessor.pdf_bytes(assessor.assess(Document("submission", json.loads(content)), review=verified_by))


def report(store: Store, sid: str, pki: Pki | None, review: dict[str, Any] | None = None) -> bytes:
    """The report of the stored submission verified by its stored review (or `review`), signed by the PKI's key
    when one is given."""
    data = review if review is not None else store.review(sid)["data"]
    pdf = rendered(json.dumps(store.submission(sid)["content"], sort_keys=True), json.dumps(data) if data else None)
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
        json.dumps(assessor.load_submission(ROOT / "examples" / "developing-lab.yaml").model_dump(mode="json")), None
    )
    signer = assessor.load_signer(pki.p12, passphrase=b"correct horse")
    with pytest.raises(UsageError, match="not made from this submission"):
        team["rita"].add_signed_report(sid, assessor.sign_pdf_data(other, signer=signer))
    early = steps.under_review(team)
    with pytest.raises(InvalidTransition):
        team["rita"].add_signed_report(early, report(team["rita"], early, pki, review_data()))
    assert not [e for e in team["admin"].history("submission", sid) if e["action"] == "sign"]


def test_the_report_must_be_verified_by_the_approved_review(team: dict[str, Store], pki: Pki) -> None:
    """A signed report of the right submission made without a review, or with another review than the one
    approved, is refused, and nothing is logged."""
    sid = signed_off(team)
    with pytest.raises(UsageError, match="no review"):
        team["rita"].add_signed_report(sid, report(team["rita"], sid, pki, {}))
    lenient = {**review_data(), "scope": "Another review, never approved."}
    with pytest.raises(UsageError, match="not verified by the approved review"):
        team["rita"].add_signed_report(sid, report(team["rita"], sid, pki, lenient))
    assert not [e for e in team["admin"].history("submission", sid) if e["action"] == "sign"]


def test_a_submission_signed_off_without_a_review_gets_no_verified_report(team: dict[str, Store], pki: Pki) -> None:
    """Signed off with an empty review, there is nothing to verify the report by: it is refused."""
    sid = steps.signed_off(team, {})
    with pytest.raises(UsageError, match="has no review"):
        team["rita"].add_signed_report(sid, report(team["rita"], sid, pki, {}))
