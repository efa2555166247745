"""Honest review states: progress from content, placeholders refused, nothing verified before sign-off,
only examined evidence verifies; RFC 8785 hashes and the re-binding of old reviews."""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import rfc8785
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

import assessor
from assessor.core.canonical import HASH_ALG, canonical_bytes, legacy_canonical_bytes
from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import legacy_submission_sha256, submission_sha256
from assessor.intake.loader import load_submission as intake_load
from assessor.intake.models import Submission
from assessor.reports.context import build_context
from assessor.reports.pdf import pdf_bytes, prepare_pdf
from assessor.reports.xlsx import workbook_bytes
from assessor.review.loader import check_review
from assessor.review.progress import review_progress
from assessor.scoring.engine import score
from assessor.scoring.verification import NOT_EXAMINED
from tests.conftest import ROOT, CliResult, load_yaml
from tests.property_helpers import STANDARD as PROPERTY_STANDARD
from tests.property_helpers import submissions
from tests.review_helpers import mini_sub, review_of

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"
MATURE_REVIEW = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"
REVIEWER = {"name": "R. Viewer", "organisation": "Audit Co", "role": "Lead auditor", "independence": "No ties."}


def fresh_review(tmp_path: Path, dcr: Callable[..., CliResult], **reviewer: str) -> Path:
    """`dcr review init` of the mature example, with the reviewer's details filled in and nothing else."""
    out = tmp_path / "review.yaml"
    assert dcr("review", "init", MATURE, "-o", out).code == 0
    data = load_yaml(out.read_text(encoding="utf-8"))
    data["reviewer"] = {**REVIEWER, **reviewer}
    out.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return out


def test_fresh_review_is_in_progress_everywhere(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A skeleton with only the reviewer named: every output says "review in progress", none says verified."""
    review = fresh_review(tmp_path, dcr)
    pdf, xlsx, out = tmp_path / "r.pdf", tmp_path / "r.xlsx", tmp_path / "r.json"
    result = dcr("assess", MATURE, "--review", review, "--pdf", pdf, "--xlsx", xlsx, "--json", out)
    progress = "review in progress: 0 of 51 requirements and 0 of 47 evidence items examined"
    assert result.code == 0 and progress in result.out
    assert "verified:" not in result.out.lower() and "Verified" not in result.out
    data = json.loads(out.read_text(encoding="utf-8"))
    v = data["verification"]
    assert v["overall"] is None and v["domains"] == [] and v["headline"] == progress
    assert v["progress"]["state"] == "in_progress" and all(r["verified"] is None for r in data["requirements"])
    text = " ".join("".join(p.extract_text() for p in PdfReader(pdf).pages[:3]).split())
    assert progress in text and not re.search(r"\b[Vv]erified (readiness|score|level)", text)
    reader = PdfReader(pdf)
    assert reader.metadata is not None and "unverified" in str(reader.metadata.title)
    summary = [str(c.value) for row in load_workbook(xlsx)["Summary"].iter_rows() for c in row if c.value]
    assert not any(cell.startswith("Verified") for cell in summary) and progress in summary


def test_progress_states(mini: Standard) -> None:
    """In progress while anything is unexamined, complete when all is, signed off with a sign-off."""
    sub = mini_sub()
    nothing = review_of(sub, confirm=False, sign_off=None)
    everything = review_of(sub, sign_off=None)
    signed = review_of(sub)
    counts = review_progress(nothing, sub)
    assert (counts.state, counts.requirements_examined, counts.evidence_examined) == ("in_progress", 0, 0)
    assert (counts.requirements_total, counts.evidence_total) == (len(sub.responses), len(sub.evidence))
    assert review_progress(everything, sub).state == "complete"
    assert review_progress(signed, sub).state == "signed_off"
    assert score(mini, sub, everything).verification.overall is None  # type: ignore[union-attr]
    assert score(mini, sub, signed).verification.overall is not None  # type: ignore[union-attr]


def test_unexamined_evidence_supports_nothing(mini: Standard) -> None:
    """A signed-off review that confirms every claim but examined no evidence verifies no evidence-backed
    claim, and says which evidence was not examined."""
    sub = mini_sub()
    unexamined = [{"evidence": e.id, "decision": "not_examined"} for e in sub.evidence]
    result = score(mini, sub, review_of(sub, evidence=unexamined))
    v = result.verification
    assert v is not None and v.overall is not None
    assert v.overall.score is not None and result.overall.score is not None
    assert v.overall.score < result.overall.score
    assert any("Evidence not examined by the reviewer" in d.rationale for d in v.differences)


def test_requirement_without_verdict_is_not_verified(mini: Standard) -> None:
    """With sign-off, a requirement the reviewer gave no verdict is not verified: null status, no verified
    credit, a finding that says so, and a warning on the review."""
    sub = mini_sub()
    skipped = sub.responses[0].requirement
    review = review_of(sub, verdicts=[{"requirement": skipped, "verified": None}])
    result = score(mini, sub, review)
    assert next(r for r in result.requirements if r.id == skipped).verified is None
    assert result.verification is not None and result.verification.overall is not None
    finding = next(f for f in result.verification.findings if f.requirement == skipped)
    assert finding.detail == NOT_EXAMINED


def test_signed_off_incomplete_warns(standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """Rejecting with unexamined requirements is allowed, with a located warning, and headlined as a rejection."""
    review = fresh_review(tmp_path, dcr)
    data = load_yaml(review.read_text(encoding="utf-8"))
    data["sign_off"] = {"decision": "rejected", "statement": "Not enough evidence.", "date": str(data["date"])}
    review.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    checked = check_review(review, intake_load(MATURE, standard), standard)
    assert checked.errors == [] and [p.code for p in checked.warnings] == ["signed-off-incomplete"]
    result = dcr("assess", MATURE, "--review", review)
    assert result.code == 0 and "Review: rejected — not verified" in result.out
    assert "Reviewer's reasons: Not enough evidence." in result.out and "Verified" not in result.out


def test_placeholders_are_refused(standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """Any value still in the skeleton's <placeholder> form is an error at its line."""
    review = fresh_review(tmp_path, dcr, role="<role>")
    checked = check_review(review, intake_load(MATURE, standard), standard)
    (problem,) = checked.errors
    assert problem.code == "placeholder" and problem.location.path == ("reviewer", "role")


def test_submission_hash_is_rfc8785() -> None:
    """The submission hash is SHA-256 of the RFC 8785 form of its keyed content; 97.0 is written 97."""
    sub = assessor.load_submission(MATURE)
    data = sub.model_dump(mode="json")
    data["evidence"].sort(key=lambda e: e["id"])
    data["responses"].sort(key=lambda r: r["requirement"])
    assert submission_sha256(sub) == hashlib.sha256(rfc8785.dumps(data)).hexdigest()
    assert canonical_bytes({"b": 97.0, "a": [1e21, "é"]}) == '{"a":[1e+21,"é"],"b":97}'.encode()
    assert legacy_canonical_bytes({"b": 97.0}) == b'{"b":97.0}'
    result = assessor.assess(MATURE)
    assert result.assessment.provenance.hash_alg == HASH_ALG == "sha256-jcs"


def test_legacy_review_is_recognised_and_rebound(
    standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A review bound by the old hash is refused with the legacy-binding code until `dcr review rebind`."""
    sub = intake_load(MATURE, standard)
    review = tmp_path / "old.yaml"
    text = MATURE_REVIEW.read_text(encoding="utf-8").replace(f"  hash_alg: {HASH_ALG}\n", "")
    review.write_text(text.replace(submission_sha256(sub), legacy_submission_sha256(sub)), encoding="utf-8")
    assert [p.code for p in check_review(review, sub, standard).errors] == ["legacy-binding"]
    refused = dcr("assess", MATURE, "--review", review)
    assert refused.code == 4 and "dcr review rebind" in refused.err
    assert dcr("review", "rebind", review, MATURE).code == 0
    assert review.read_text(encoding="utf-8") == MATURE_REVIEW.read_text(encoding="utf-8")
    assert dcr("review", "rebind", review, MATURE).code == 1  # already bound: nothing to do


def test_rebind_refuses_other_content(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A review of other content is never re-bound."""
    review = tmp_path / "other.yaml"
    review.write_text(
        MATURE_REVIEW.read_text(encoding="utf-8").replace(
            submission_sha256(assessor.load_submission(MATURE)), "ab" * 32
        ),
        encoding="utf-8",
    )
    result = dcr("review", "rebind", review, MATURE)
    assert result.code == 1 and "not of this submission" in result.err


def test_review_travels_with_the_verified_pdf() -> None:
    """The verified PDF embeds the review, hashing to the result's review_sha256; its metadata describe the
    review (title, author, dates from the review and sign-off)."""
    result = assessor.assess(MATURE, review=MATURE_REVIEW)
    ctx = build_context(result.standard, result.submission, result.assessment, result.review)
    reader = PdfReader(io.BytesIO(pdf_bytes(prepare_pdf(ctx))))
    (embedded,) = reader.attachments["review.json"]
    assert result.assessment.verification is not None
    assert hashlib.sha256(embedded).hexdigest() == result.assessment.verification.review_sha256
    meta: Any = reader.metadata
    assert meta.title.startswith("Verified") and "Independent review" in meta.subject
    assert meta.author.startswith("Dr Amara Lindqvist")
    assert (meta["/CreationDate"], meta["/ModDate"]) == ("D:20261105", "D:20261106")
    wb = load_workbook(io.BytesIO(workbook_bytes(ctx)))
    assert wb.properties.title == meta.title and wb.properties.creator == meta.author


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(submissions(), st.data())
def test_verified_only_after_sign_off(data: dict[str, Any], pick: st.DataObject) -> None:
    """For any submission and any review: without sign-off nothing is verified; with it, exactly the
    requirements that have a verdict carry a verified status."""
    sub = Submission.model_validate(data)
    statuses = [None, "fully", "largely", "partially", "not_implemented", "not_applicable"]
    verdicts = [{"requirement": r.requirement, "verified": pick.draw(st.sampled_from(statuses)), "rationale": "r"}
                for r in sub.responses]  # fmt: skip
    decisions = [{"evidence": e.id, "decision": pick.draw(st.sampled_from(["accepted", "rejected", "not_examined"])),
                  "note": "n"} for e in sub.evidence]  # fmt: skip
    unsigned = score(PROPERTY_STANDARD, sub, review_of(sub, verdicts, decisions, confirm=False, sign_off=None))
    assert unsigned.verification is not None and unsigned.verification.overall is None
    assert all(r.verified is None for r in unsigned.requirements)
    signed = score(PROPERTY_STANDARD, sub, review_of(sub, verdicts, decisions, confirm=False))
    given_verdicts = {v["requirement"] for v in verdicts if v["verified"] is not None}
    assert {r.id for r in signed.requirements if r.verified is not None} == given_verdicts
