"""Auditor review: verdicts scored by the rules, binding to the submission, files, CLI, the example."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from assessor.core.canonical import pretty_json
from assessor.core.documents import parse_json, parse_yaml
from assessor.core.validation import validate_document
from assessor.dcrs.models import Standard
from assessor.intake.loader import load_submission
from assessor.intake.models import Submission
from assessor.reports.context import build_context
from assessor.reports.labels import label
from assessor.reports.pdf import pdf_bytes, prepare_pdf
from assessor.reports.xlsx import workbook_bytes
from assessor.review.loader import check_review, check_review_document
from assessor.review.models import Review
from assessor.scoring.engine import score
from tests.conftest import ROOT, CliResult, load_yaml, mini_submission
from tests.property_helpers import STANDARD, submissions
from tests.review_helpers import mini_sub, review_of
from tests.scoring_helpers import ALL_MET, DOC, REC, TEST

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"
MATURE_REVIEW = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"


def verified_of(mini: Standard, **review: Any) -> Any:
    """The verification block of scoring the mini submission with a review."""
    sub = mini_sub()
    result = score(mini, sub, review_of(sub, **review))
    assert result.verification is not None
    return result


def test_review_without_changes_verifies_the_claims(mini: Standard) -> None:
    """A review that confirms everything gives the self-assessed result and no differences."""
    result = verified_of(mini)
    v = result.verification
    assert (v.overall.level, v.overall.score) == (result.overall.level, result.overall.score)
    assert v.differences == []
    assert all(r.verified == r.supported for r in result.requirements if r.claimed is not None)


def test_downgrade_scores_by_the_rules(mini: Standard) -> None:
    """Verifying a level-1 requirement as partially: its credit, its domain's score and the level follow."""
    verdicts = [{"requirement": "TST-XB-02", "verified": "partially", "rationale": "Records incomplete."}]
    result = verified_of(mini, verdicts=verdicts)
    v = result.verification
    assert next(d for d in v.domains if d.id == "XB").score == pytest.approx(100 * (3 * 0.4 + 1 * 0.75) / 4)
    assert (v.overall.level, result.overall.level) == (0, 2)
    (difference,) = v.differences
    assert (difference.requirement, difference.claimed, difference.verified) == ("TST-XB-02", "fully", "partially")
    assert difference.rationale == "Records incomplete."


def test_rejected_evidence_supports_nothing(mini: Standard) -> None:
    """Rejecting the only DOC uncites it everywhere: the critical claim is capped and the level falls to 0."""
    result = verified_of(mini, evidence=[{"evidence": "D1", "decision": "rejected", "note": "Unsigned draft."}])
    v = result.verification
    verified = {r.id: r.verified for r in result.requirements}
    assert verified["TST-XA-01"] == "partially" and verified["TST-XB-03"] == "partially"
    assert v.overall.critical_gaps == ["TST-XA-01"] and v.overall.level == 0
    assert all("Evidence rejected by the reviewer: D1." in d.rationale for d in v.differences)


def test_verdict_cannot_exceed_the_evidence(mini: Standard) -> None:
    """A 'fully' verdict on a claim without its expected evidence is still capped by the standard's rules."""
    sub = Submission.model_validate(
        mini_submission(
            evidence=[DOC, REC, TEST], responses=[*ALL_MET[:2], {"requirement": "TST-XB-02", "status": "partially"}]
        )
    )
    review = review_of(
        sub, verdicts=[{"requirement": "TST-XB-02", "verified": "fully", "rationale": "Saw the records on site."}]
    )
    result = score(mini, sub, review)
    assert next(r for r in result.requirements if r.id == "TST-XB-02").verified == "partially"


def test_verdict_on_an_unanswered_requirement(mini: Standard) -> None:
    """A reviewer may verify a requirement the developer left unanswered."""
    sub = Submission.model_validate(mini_submission(evidence=[DOC, REC, TEST], responses=ALL_MET[:3]))
    verdicts = [{"requirement": "TST-XB-03", "verified": "not_implemented", "rationale": "No documented practice."}]
    result = score(mini, sub, review_of(sub, verdicts=verdicts))
    assert next(r for r in result.requirements if r.id == "TST-XB-03").verified == "not_implemented"


def test_edited_submission_voids_the_review(standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """After any edit to the submission the review is refused with a clear message and exit 4."""
    edited = tmp_path / "mature-lab.yaml"
    edited.write_text(
        MATURE.read_text(encoding="utf-8").replace("within 24 hours", "within 12 hours", 1), encoding="utf-8"
    )
    problems = check_review(MATURE_REVIEW, load_submission(edited, standard), standard).errors
    assert [p.code for p in problems] == ["submission-changed"]
    sha_line = next(
        n for n, line in enumerate(MATURE_REVIEW.read_text(encoding="utf-8").splitlines(), 1) if "sha256:" in line
    )
    assert "changed since it was reviewed" in problems[0].message and problems[0].location.line == sha_line
    result = dcr("assess", edited, "--review", MATURE_REVIEW)
    assert result.code == 4 and "[submission-changed]" in result.err


@pytest.mark.parametrize(
    "change,code",
    [
        (lambda d: d["verdicts"][1].update(verified="partially"), "missing-rationale"),
        (lambda d: d["verdicts"].append(dict(d["verdicts"][0])), "duplicate-verdict"),
        (lambda d: d["verdicts"].append({"requirement": "DCRS-ZZ-01", "verified": "fully"}), "unknown-requirement"),
        (lambda d: d["evidence"][3].update(evidence="EV-999"), "unknown-evidence"),
        (lambda d: d["evidence"][3].update(decision="rejected"), "missing-note"),
        (lambda d: d.update(date="2026-01-01"), "review-before-assessment"),
        (lambda d: d["sign_off"].update(date="2026-11-01"), "sign-off-before-review"),
        (lambda d: d["reviewer"].pop("independence"), "schema"),
        (lambda d: d["reviewer"].update(organisation="MERIDIAN AI"), "reviewer-not-independent"),
        (lambda d: d["reviewer"].update(organisation="Meridian AI Ltd."), "reviewer-not-independent"),
        (lambda d: d["reviewer"].update(organisation="Merıdian AI"), "reviewer-not-independent"),  # dotless i
        (lambda d: d["reviewer"].update(organisation="Mer\u0456dian AI"), "reviewer-not-independent"),  # Cyrillic i
        (lambda d: d["reviewer"].update(organisation="Meridian A\u0406\u02bc"), "reviewer-not-independent"),
    ],
)  # fmt: skip
def test_review_rules(standard: Standard, tmp_path: Path, change: Callable[[dict[str, Any]], None], code: str) -> None:
    """Each kind of mistake in a review is reported with its code and line."""
    data = load_yaml(MATURE_REVIEW.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "review.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    problems = check_review(path, load_submission(MATURE, standard), standard).errors
    assert code in {p.code for p in problems}, [str(p) for p in problems]
    assert all(p.location.line > 0 for p in problems)


@pytest.mark.parametrize("organisation", ["Halden Assurance LLP", "Meridian Audit LLP", "Prüfhaus Müller GmbH"])
def test_a_reviewer_outside_the_developer_is_accepted(standard: Standard, tmp_path: Path, organisation: str) -> None:
    """A reviewer whose organisation is not the developer's, whatever its letters, raises no independence error."""
    data = load_yaml(MATURE_REVIEW.read_text(encoding="utf-8"))
    data["reviewer"]["organisation"] = organisation
    path = tmp_path / "review.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    problems = check_review(path, load_submission(MATURE, standard), standard).errors
    assert "reviewer-not-independent" not in {p.code for p in problems}, [str(p) for p in problems]


def test_review_init_skeleton(standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`dcr review init` writes a bound skeleton whose placeholders are refused: assessed unchanged it exits 4."""
    out = tmp_path / "review.yaml"
    assert dcr("review", "init", MATURE, "-o", out).code == 0
    checked = check_review(out, load_submission(MATURE, standard), standard)
    placeholders = [p for p in checked.errors if p.code == "placeholder"]
    assert len(placeholders) == len(checked.errors) == 4 and all(p.location.line > 0 for p in placeholders)
    assert checked.review is not None and len(checked.review.verdicts) == 51
    assert all(v.verified is None for v in checked.review.verdicts)
    result = dcr("assess", MATURE, "--review", out)
    assert result.code == 4 and "[placeholder]" in result.err and "verified" not in result.out.lower()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions(), st.data())
def test_review_files_round_trip(data: dict[str, Any], pick: st.DataObject) -> None:
    """load(dump(review)) == review through YAML and JSON."""
    sub = Submission.model_validate(data)
    statuses = ["fully", "largely", "partially", "not_implemented", "not_applicable"]
    decided = ["accepted", "rejected", "not_examined"]
    verdicts = [
        {
            "requirement": r.requirement,
            "verified": pick.draw(st.sampled_from(statuses)),
            "rationale": pick.draw(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=9)),
        }
        for r in sub.responses
    ]
    decisions = [{"evidence": e.id, "decision": pick.draw(st.sampled_from(decided)), "note": "n"} for e in sub.evidence]
    review = review_of(sub, verdicts=verdicts, evidence=decisions)
    dumped = review.model_dump(mode="json")
    assert validate_document(Review, parse_yaml(yaml.safe_dump(dumped), "r.yaml")) == review
    assert validate_document(Review, parse_json(json.dumps(dumped), "r.json")) == review


@pytest.fixture(scope="module")
def mature_verified() -> Any:
    """The mature example scored with its bundled review."""
    sub = load_submission(MATURE, STANDARD)
    checked = check_review_document(
        parse_yaml(MATURE_REVIEW.read_text(encoding="utf-8"), str(MATURE_REVIEW)), sub, STANDARD
    )
    assert checked.errors == [] and checked.review is not None
    return sub, score(STANDARD, sub, checked.review)


def test_example_review_must_show(mature_verified: Any) -> None:
    """Two downgraded claims and one rejected item: both levels, differences with the reviewer's rationale."""
    _, result = mature_verified
    v = result.verification
    assert (result.overall.level, v.overall.level) == (2, 1)
    downgraded = [d for d in v.differences if d.verdict is not None and d.verdict != d.claimed]
    assert len(downgraded) == 2 and all(d.rationale for d in downgraded)
    assert [e.id for e in v.evidence if e.decision == "rejected"] == ["EV-042"]
    assert any("EV-042" in d.rationale for d in v.differences)
    assert v.sign_off == "approved" and v.examined is not None and v.examined.startswith("everything")


def test_verified_reports(mature_verified: Any) -> None:
    """The PDF and the workbook show the verified and the self-assessed results and the differences."""
    sub, result = mature_verified
    ctx = build_context(STANDARD, sub, result)
    pdf = pdf_bytes(prepare_pdf(ctx))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages[:6])
    assert "Independent verification" in text and "approved" in text
    assert "verified readiness level 1 (Foundational)" in " ".join(text.split())
    assert "self-assessed: level 2" in " ".join(text.split())
    assert "Meridian-3.5 Mini was not kept warm" in " ".join(text.split())
    wb = load_workbook(io.BytesIO(workbook_bytes(ctx)))
    assert wb.sheetnames[1] == "Review"
    kinds = [row[0] for row in wb["Review"].iter_rows(min_row=2, values_only=True)]
    assert kinds.count("Difference") == len(result.verification.differences) and "Reviewer finding" in kinds
    verified_column = [row[9] for row in wb["Requirements"].iter_rows(min_row=2, values_only=True)]
    assert verified_column == [label(r.verified, "Not verified") for r in result.requirements]


def test_cli_assess_with_review(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`dcr assess --review` puts the verified headline first and the verification in the JSON."""
    out = tmp_path / "verified.json"
    result = dcr("assess", MATURE, "--review", MATURE_REVIEW, "--json", out)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[2].startswith("Verified: level 1") and lines[4].startswith("Self-assessed (unverified): level 2")
    assert lines[5].startswith("Verified domains: ")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["verification"]["overall"]["level"] == 1 and data["overall"]["level"] == 2
    assert dcr("assess", MATURE, "--review", MATURE_REVIEW, "--fail-under", "85").code == 1  # verified 84.2


def test_verified_json_is_reproducible(mature_verified: Any) -> None:
    """Scoring with the same review twice gives identical JSON."""
    sub, result = mature_verified
    review = Review.model_validate(load_yaml(MATURE_REVIEW.read_text(encoding="utf-8")))
    assert pretty_json(score(STANDARD, sub, review)) == pretty_json(result)
