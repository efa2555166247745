"""The invalid-standard corpus: each case is named for the error code it must produce."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor.core.problems import InvalidStandard
from assessor.dcrs.loader import check_standard, load_standard

DATA = Path(__file__).resolve().parent / "data"
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
