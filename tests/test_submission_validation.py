"""Submission validation: every problem at once, each located; hostile input refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from assessor.core.problems import DocumentError
from assessor.dcrs.models import Standard
from assessor.intake.loader import check_submission
from tests.conftest import MINI, CliResult, load_yaml, write_yaml

DATA = Path(__file__).resolve().parent / "data"
CORPUS = sorted((DATA / "invalid-submissions").glob("invalid-*.yaml"))


def code_of(path: Path) -> str:
    """The error code a corpus file is named for (`invalid-<code>.yaml`, or `invalid-<code>.<variant>.yaml`)."""
    return path.stem.removeprefix("invalid-").split(".")[0]


def test_corpus_is_not_empty() -> None:
    """Guard: the corpus exists."""
    assert len(CORPUS) >= 20


def test_valid_mini_submission(mini: Standard) -> None:
    """The base of the corpus is valid, so each case isolates one mistake."""
    checked = check_submission(DATA / "valid-mini-submission.yaml", mini)
    assert checked.errors == [] and checked.submission is not None


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem.removeprefix("invalid-"))
def test_invalid_submission_reports_its_code(path: Path, mini: Standard) -> None:
    """Each corpus file yields its code, located at a line of that file."""
    try:
        problems = check_submission(path, mini).errors
    except DocumentError as err:
        problems = err.problems
    matching = [p for p in problems if p.code == code_of(path)]
    assert matching, [str(p) for p in problems]
    assert all(p.location.file == str(path) for p in matching)
    assert all(p.location.line > 0 for p in matching if code_of(path) not in {"empty-document"})


def test_json_problems_are_located_by_path(tmp_path: Path, mini: Standard) -> None:
    """The same mistake in JSON is located by its JSON path."""
    data = load_yaml((DATA / "invalid-submissions" / "invalid-unknown-evidence.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "sub.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    (problem,) = check_submission(path, mini).errors
    assert str(problem.location) == f"{path} $.responses[1].evidence[0]"


def test_structural_and_semantic_problems_together(tmp_path: Path, mini: Standard) -> None:
    """A bad status does not hide an unknown evidence id or a missing justification elsewhere."""
    text = (DATA / "valid-mini-submission.yaml").read_text(encoding="utf-8")
    text = text.replace("status: partially", "status: mostly").replace("evidence: [T1]", "evidence: [T9]")
    text = text.replace(", justification: No fine-tuning API is offered.}", "}")
    path = tmp_path / "three.yaml"
    path.write_text(text, encoding="utf-8")
    problems = check_submission(path, mini).errors
    assert sorted(p.code for p in problems) == ["missing-justification", "schema", "unknown-evidence"]
    assert len({p.location.line for p in problems}) == 3


def test_three_mistakes_on_the_real_standard(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`dcr validate` lists three distinct mistakes in a real submission with their lines, and exits 4."""
    example = load_yaml((Path(__file__).resolve().parent.parent / "examples" / "mature-lab.yaml").read_text())
    example["responses"][0]["evidence"].append("EV-NOPE")
    example["responses"][1]["status"] = "not_applicable"
    example["evidence"][0]["date"] = "2099-01-01"
    path = tmp_path / "three.yaml"
    path.write_text(yaml.safe_dump(example, sort_keys=False), encoding="utf-8")
    result = dcr("validate", path)
    assert result.code == 4
    located = [line for line in result.err.splitlines() if line.startswith(f"{path}:")]
    assert {"[unknown-evidence]", "[missing-justification]", "[evidence-after-assessment]"} <= {
        line.split(" ")[1] for line in located
    }
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "content,code",
    [
        ("", "empty-document"),
        ("[1, 2]\n", "not-a-mapping"),
        ("standard: 3\n", "schema"),
        ("a: " + "[" * 200 + "]" * 200 + "\n", "too-deep"),
        ("a: 1\na: 2\n", "duplicate-key"),
    ],
)
def test_bad_input_exits_4_with_a_location(
    tmp_path: Path, dcr: Callable[..., CliResult], content: str, code: str
) -> None:
    """Empty, non-mapping, wrongly typed, deeply nested and duplicate-key files: located error, exit 4."""
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    result = dcr("validate", path, "--standard", MINI)
    assert result.code == 4
    assert f"[{code}]" in result.err and str(path) in result.err
    assert "Traceback" not in result.err


def test_fifty_megabytes_is_refused(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A 50 MB submission is refused by size with a clear message."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = dcr("validate", path, "--standard", MINI)
    assert result.code == 4 and "[too-large]" in result.err


def test_missing_responses_are_warnings(tmp_path: Path, mini: Standard) -> None:
    """Unanswered applicable requirements are listed as warnings, not errors."""
    data = load_yaml((DATA / "valid-mini-submission.yaml").read_text(encoding="utf-8"))
    data["responses"] = data["responses"][:3]
    path = tmp_path / "partial.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    checked = check_submission(path, mini)
    assert checked.errors == []
    missing = [p for p in checked.warnings if p.code == "missing-response"]
    assert [p.message.split()[0] for p in missing] == ["TST-XB-02", "TST-XB-03"]


def test_one_bad_field_hides_no_other_problem(tmp_path: Path, mini: Standard) -> None:
    """An item whose reading is malformed still has its dates, models and other readings checked."""
    data = load_yaml((DATA / "valid-mini-submission.yaml").read_text(encoding="utf-8"))
    test = data["evidence"][1]
    test.update(date="2026-07-01", performed="2026-07-02", models=["M9"], issuer={"role": "auditor"})
    test["metrics"] = [
        {"metric": "t_minutes", "value": 45, "at_most": 50, "unit": "minutes"},
        {"metric": "t_minutes", "at_least": -5, "unit": "minutes", "models": ["M8"]},
        {"metric": "t_minutes", "at_least": 9, "at_most": 3, "unit": "hours"},
    ]
    data["evidence"][0]["in_force"] = {"since": "2026-08-01", "until": "2026-07-01"}
    problems = check_submission(write_yaml(tmp_path / "many.yaml", data), mini).errors
    assert sorted(p.code for p in problems) == [
        "empty-range",
        "evidence-after-assessment",
        "in-force-after-assessment",
        "in-force-order",
        "issuer-without-organisation",
        "metric-unit",
        "metric-value",
        "performed-after-assessment",
        "reading-kind",
        "unknown-model",
        "unknown-model",
    ], [str(p) for p in problems]
    assert all(p.location.line > 0 for p in problems)
