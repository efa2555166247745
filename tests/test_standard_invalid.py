"""The invalid-standard corpus: each case is named for the error code it must produce."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor.api import check_standard, load_standard
from assessor.core.problems import InvalidStandard

DATA = Path(__file__).resolve().parent / "data"
STANDARD = Path(__file__).resolve().parent.parent / "standard"
SUFFICIENT = "sufficiency: {coverage_percent: 0, sample_size: 1}, "
CASES = sorted(p for p in (DATA / "invalid-standards").iterdir() if p.is_dir())


def overlay(case: Path, tmp_path: Path) -> Path:
    """The mini standard with the case's files laid over it."""
    target = tmp_path / "standard"
    shutil.copytree(DATA / "mini-standard", target)
    shutil.copytree(case, target, dirs_exist_ok=True)
    return target


def test_corpus_is_not_empty() -> None:
    """Guard: the corpus exists and covers many codes."""
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_standard_reports_its_code(case: Path, tmp_path: Path) -> None:
    """Each corpus case yields a problem with the code it is named for, located in a file."""
    try:
        problems = check_standard(overlay(case, tmp_path)).problems
    except InvalidStandard as err:
        problems = err.problems
    matching = [p for p in problems if p.code == case.name]
    assert matching, [str(p) for p in problems]
    assert all(p.location.file for p in matching)


def test_mini_standard_is_valid() -> None:
    """The base the corpus overlays is itself valid, so each case isolates one mistake."""
    assert check_standard(DATA / "mini-standard").problems == []


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    """Mistakes in different files are all reported in one run."""
    target = overlay(DATA / "invalid-standards" / "duplicate-id", tmp_path)
    shutil.copytree(DATA / "invalid-standards" / "duplicate-term", target, dirs_exist_ok=True)
    shutil.copytree(DATA / "invalid-standards" / "incomplete-credits", target, dirs_exist_ok=True)
    with pytest.raises(InvalidStandard) as err:
        load_standard(target)
    assert {"duplicate-id", "duplicate-term", "incomplete-credits"} <= {p.code for p in err.value.problems}


def test_duplicate_id_names_both_places(copy_standard: Callable[[Path], Path], dcr: Callable[..., object]) -> None:
    """A duplicated id in a copy of the real standard exits 3 and names file:line of both occurrences."""
    root = copy_standard(Path(__file__).resolve().parent.parent / "standard" / "1.0.0")
    tk = root / "domains" / "TK.yaml"
    text = tk.read_text(encoding="utf-8")
    tk.write_text(text.replace("id: DCRS-TK-05", "id: DCRS-TK-04"), encoding="utf-8")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "id: DCRS-TK-0" in line and line.strip()[-1] in "45"]
    result = dcr("standard", "validate", root)
    assert result.code == 3  # type: ignore[attr-defined]
    for line in lines:
        assert f"1.0.0/domains/TK.yaml:{line}" in result.err  # type: ignore[attr-defined]


def test_scoring_rule_problems_come_all_at_once(tmp_path: Path, dcr: Callable[..., object]) -> None:
    """An unknown rule, bad parameters, a missing scopes rule, two aggregates and a too-wide band: exit 3,
    every one located at file:line, no traceback."""
    target = overlay(DATA / "invalid-standards" / "tolerance-band", tmp_path)
    manifest = target / "manifest.yaml"
    rules = (DATA / "invalid-standards" / "rule-phase" / "manifest.yaml").read_text(encoding="utf-8")
    rules = rules[rules.index("  rules:") : rules.index("scope_caveats:")]
    rules = rules.replace("- {rule: relevance}", "- {rule: relevance}\n    - {rule: toy_cap_everything}")
    rules = rules.replace("window_days: 365", "window_days: -1")
    text = manifest.read_text(encoding="utf-8").replace("scope_caveats:", rules + "scope_caveats:", 1)
    manifest.write_text(
        text.replace("minimum: 0, maximum: 70,", "minimum: 0, maximum: 70, " + SUFFICIENT), encoding="utf-8"
    )
    result = dcr("standard", "validate", target)
    assert result.code == 3  # type: ignore[attr-defined]
    err: str = result.err  # type: ignore[attr-defined]
    lines = {line.split(" ")[1]: line.split(" ")[0] for line in err.splitlines() if line.startswith("standard/")}
    assert {"[unknown-rule]", "[bad-rule-params]", "[rule-phase]", "[tolerance-band]"} <= set(lines), err
    assert lines["[unknown-rule]"].startswith("standard/manifest.yaml:") and lines["[unknown-rule]"][-2] != ":"
    assert "Traceback" not in err


def test_rule_params_name_known_evidence_types(copy_standard: Callable[[Path], Path]) -> None:
    """An evidence type a rule parameter names must be in the registry; the problem points at that parameter."""
    root = copy_standard(STANDARD / "1.2.0")
    manifest = root / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("counts_as: DOC", "counts_as: MEMO", 1)
    manifest.write_text(text, encoding="utf-8")
    rows = text.splitlines()
    line = next(n for n, row in enumerate(rows, 1) if "counts_as: MEMO" in row)
    rule = next(row.split("rule:")[1].strip() for row in reversed(rows[:line]) if "- rule:" in row)
    (problem,) = check_standard(root).errors
    assert (problem.code, problem.location.line) == ("unknown-evidence-type", line)
    assert rule in problem.message and "MEMO" in problem.message


def test_an_unknown_rule_is_an_invalid_standard_not_a_crash(copy_standard: Callable[[Path], Path]) -> None:
    """Loading a version whose manifest lists an unregistered rule raises InvalidStandard (exit 3), never a
    scoring error at assessment time."""
    root = copy_standard(STANDARD / "1.2.0")
    manifest = root / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8").replace("- rule: relevance", "- rule: relevancy")
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidStandard) as err:
        load_standard(root)
    assert [p.code for p in err.value.problems] == ["unknown-rule"]


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0", "1.2.0"])
def test_shipped_versions_declare_runnable_rules(version: str) -> None:
    """Every shipped version's declared rules (listed, or read from the older keys) bind without a problem."""
    assert check_standard(STANDARD, version=version).problems == []
