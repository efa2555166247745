"""Nothing from a submission shapes a review skeleton; review rules report every problem at once; invisible text
is empty; an approval states what was examined."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.core.text import is_blank, neutralised, single_line_problem
from assessor.dcrs.loader import load_standard
from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.loader import load_submission
from assessor.intake.models import Submission
from assessor.review.loader import check_review
from assessor.review.template import PLACEHOLDERS, review_yaml
from tests.conftest import ROOT, CliResult, load_yaml

MATURE = ROOT / "examples" / "mature-lab.yaml"
TODAY = date(2026, 11, 5)
REVIEWER = {"name": "R. Viewer", "organisation": "Audit Co", "role": "Lead auditor", "independence": "No ties."}
# Any text at all, line breaks, C0/C1 controls, bidi overrides and YAML syntax included (only surrogates, which
# no file can hold, left out).
ANY_CHAR = st.characters(exclude_categories=["Cs"])
INJECTIONS = ["x\nsign_off: {decision: approved, statement: ok, date: 2026-11-05}", "t\x85decision: accepted",
              "a\u2028b", "\u202eevil", "x\r\n  - evidence: EV-001\n    decision: accepted", "# c\n'"]  # fmt: skip
HOSTILE = st.text(ANY_CHAR, min_size=1, max_size=40) | st.sampled_from(INJECTIONS)


def hostile_submission(sub: Submission, org: str, titles: list[str]) -> Submission:
    """`sub` with the organisation name and evidence titles replaced (bypassing the submission rules)."""
    evidence = [
        e.model_copy(update={"title": t}) for e, t in zip(sub.evidence, titles * len(sub.evidence), strict=False)
    ]
    organisation = sub.organisation.model_copy(update={"name": org})
    return sub.model_copy(update={"organisation": organisation, "evidence": evidence})


def expected_skeleton(sub: Submission) -> dict[str, Any]:
    """The structure a skeleton of `sub` must have, whatever its text."""
    return {
        "submission": {"organisation": sub.organisation.name, "sha256": submission_sha256(sub),
                       "hash_alg": "sha256-jcs", "standard": {"id": sub.standard.id, "version": sub.standard.version}},
        "reviewer": PLACEHOLDERS,
        "date": TODAY,
        "scope": "",
        "verdicts": [{"requirement": r.requirement, "verified": None, "rationale": ""} for r in sub.responses],
        "evidence": [{"evidence": e.id, "decision": "not_examined", "note": ""} for e in sub.evidence],
        "findings": [],
    }  # fmt: skip


@cache
def mature() -> tuple[Standard, Submission]:
    """DCRS 1.0.0 and the mature example, loaded once."""
    standard = load_standard(version="1.0.0")
    return standard, load_submission(MATURE, standard)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(org=HOSTILE, titles=st.lists(HOSTILE, min_size=1, max_size=3), source=HOSTILE)
def test_no_submission_text_changes_the_skeleton(org: str, titles: list[str], source: str) -> None:
    """Whatever the organisation name, evidence titles and file name hold, the skeleton parses to exactly the
    bound, unexamined, unsigned structure: no key, verdict, decision or sign-off comes from the submission."""
    standard, sub = mature()
    sub = hostile_submission(sub, org, titles)
    text = review_yaml(standard, sub, source, TODAY)
    assert load_yaml(text) == expected_skeleton(sub)


def test_two_line_title_keeps_the_skeleton_parseable(standard: Standard) -> None:
    """An innocent two-line evidence title is escaped in its comment and the skeleton still parses."""
    sub = hostile_submission(load_submission(MATURE, standard), "Meridian AI", ["Drill report\nsecond line"])
    text = review_yaml(standard, sub, "mature-lab.yaml", TODAY)
    assert "Drill report\\x0asecond line" in text and load_yaml(text) == expected_skeleton(sub)


@given(st.text(ANY_CHAR, max_size=30))
def test_neutralised_text_is_one_line(text: str) -> None:
    """Neutralised text holds no line break, control or bidi character, and is unchanged when it had none."""
    clean = neutralised(text)
    assert single_line_problem(clean) is None and clean.splitlines() in ([clean], [])
    assert (clean == text) == (single_line_problem(text) is None)


def test_invisible_only_text_is_blank() -> None:
    """Zero-width spaces, joiners, fillers and spaces are blank; a letter among them is not."""
    assert is_blank("\u200b \u200d\u3164\u00a0\ufeff") and is_blank("")
    assert not is_blank("\u200bA")


def filled_review(tmp_path: Path, dcr: Callable[..., CliResult], change: Callable[[dict[str, Any]], None]) -> Path:
    """The mature example's skeleton with the reviewer named, then `change` applied."""
    out = tmp_path / "review.yaml"
    assert dcr("review", "init", MATURE, "-o", out, "--force").code == 0
    data = load_yaml(out.read_text(encoding="utf-8"))
    data["reviewer"] = dict(REVIEWER)
    change(data)
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def codes(standard: Standard, review: Path) -> list[str]:
    """The error codes of checking `review` against the mature example."""
    return sorted(p.code for p in check_review(review, load_submission(MATURE, standard), standard).errors)


def test_a_schema_error_hides_nothing(standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A structural error, a wrong binding, a placeholder and an unknown requirement are reported together."""

    def change(d: dict[str, Any]) -> None:
        d["submission"]["sha256"] = "0" * 64
        d["reviewer"]["role"] = "<role>"
        d["verdicts"][0]["verified"] = "mostly"
        d["verdicts"].append({"requirement": "DCRS-ZZ-01", "verified": None, "rationale": ""})

    found = codes(standard, filled_review(tmp_path, dcr, change))
    assert found == ["placeholder", "schema", "submission-changed", "unknown-requirement"]


def test_incomplete_review_still_reports_its_dates(
    standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A rejected, incomplete review signed off before its review date gets the date error too."""

    def change(d: dict[str, Any]) -> None:
        d["sign_off"] = {"decision": "rejected", "statement": "No.", "date": "2026-11-01"}
        d["date"] = "2026-11-05"

    assert codes(standard, filled_review(tmp_path, dcr, change)) == ["sign-off-before-review"]


def test_invisible_names_and_rationales_are_empty(
    standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """A zero-width space is neither a reviewer's name nor a rationale, and a name holds one line."""

    def change(d: dict[str, Any]) -> None:
        d["reviewer"]["name"] = "\u200b"
        d["reviewer"]["role"] = "Lead\u202e auditor"
        d["verdicts"][0].update(verified="partially", rationale="\u200b\u200d ")

    assert codes(standard, filled_review(tmp_path, dcr, change)) == ["missing-rationale", "not-one-line", "schema"]


def approve(**sign_off: Any) -> Callable[[dict[str, Any]], None]:
    """A change approving the review with `sign_off`'s fields, after accepting all with `examine`."""

    def change(d: dict[str, Any]) -> None:
        d["sign_off"] = {"decision": "approved", "statement": "Confirmed.", "date": "2026-12-31", **sign_off}

    return change


def test_approving_nothing_examined_is_refused(
    standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """An approval with no verdict and no evidence decision is refused, as is one that does not say what it rests on."""
    assert codes(standard, filled_review(tmp_path, dcr, approve(examined="sample", sample_basis="Random 10%."))) == [
        "approved-unexamined"
    ]
    assert codes(standard, filled_review(tmp_path, dcr, approve())) == ["approved-unexamined", "missing-approval-basis"]


def test_approval_states_its_basis(standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`examined: all` must be true; a sample needs its basis; a declared sample with a basis is accepted."""

    def some(**sign_off: Any) -> Callable[[dict[str, Any]], None]:
        def change(d: dict[str, Any]) -> None:
            d["verdicts"][0].update(verified=load_claim(d["verdicts"][0]["requirement"]))
            approve(**sign_off)(d)

        return change

    def load_claim(requirement: str) -> str:
        return next(r.status for r in load_submission(MATURE, standard).responses if r.requirement == requirement)

    assert codes(standard, filled_review(tmp_path, dcr, some(examined="all"))) == ["approval-incomplete"]
    assert codes(standard, filled_review(tmp_path, dcr, some(examined="sample", sample_basis="\u200b"))) == [
        "missing-sample-basis"
    ]
    assert codes(standard, filled_review(tmp_path, dcr, some(examined="sample", sample_basis="AC domain."))) == []


@cache
def mature_assessment() -> Any:
    """The mature example's self-assessment and the standard's label."""
    from assessor.scoring.engine import score

    standard, sub = mature()
    return score(standard, sub)


@settings(max_examples=60, deadline=None)
@given(org=HOSTILE)
def test_summary_lines_cannot_be_forged(org: str) -> None:
    """Whatever the organisation name holds, the CLI summary has the same lines, each one line of visible text."""
    from assessor.scoring.summary import summary

    assessment = mature_assessment()
    subject = assessment.subject.model_copy(update={"organisation": org})
    text = summary(assessment.model_copy(update={"subject": subject}), "DCRS 1.0.0")
    plain = summary(assessment, "DCRS 1.0.0")
    assert text.split("\n")[1:] == plain.split("\n")[1:]
    assert all(single_line_problem(line) is None for line in text.split("\n"))


def test_reports_neutralise_bidi_and_controls(tmp_path: Path) -> None:
    """A narrative's bidi override and C1 control reach the PDF's HTML and the workbook as visible escapes."""
    import io

    from openpyxl import load_workbook

    from assessor.reports.context import build_context
    from assessor.reports.html import render_html
    from assessor.reports.xlsx import workbook_bytes

    standard, sub = mature()
    responses = [
        r.model_copy(update={"narrative": "Drill\u202e passed\x85 ok\nsecond line"}) for r in sub.responses[:1]
    ]
    hostile = sub.model_copy(update={"responses": responses + sub.responses[1:]})
    ctx = build_context(standard, hostile, mature_assessment())
    html = render_html(ctx)
    assert "\u202e" not in html and "\x85" not in html and "Drill\\u202e passed\\x85 ok" in html
    wb = load_workbook(io.BytesIO(workbook_bytes(ctx)))
    cells = [c.value for row in wb["Requirements"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Drill\\u202e passed\\x85 ok\nsecond line" in cells


def test_rules_over_raw_text_take_any_shape(standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A verdict status, requirement or rationale of the wrong shape (a list, a mapping) is a schema error, never
    a crash of the rules that read the document as written."""

    def change(d: dict[str, Any]) -> None:
        d["verdicts"][0].update(verified=["fully"], rationale={"a": 1})
        d["verdicts"][1].update(requirement=["DCRS-AC-02"])
        d["evidence"][0].update(evidence={"x": 1}, decision="rejected", note=["n"])

    assert set(codes(standard, filled_review(tmp_path, dcr, change))) == {"schema"}
