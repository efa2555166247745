"""A valid standard is loaded once per content: the same folder gives the same object, any edit is read again,
an invalid standard is never kept, and the public loader's scoring-rule check is never skipped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import assessor.api
from assessor.core.problems import InvalidStandard
from assessor.dcrs import loader
from assessor.dcrs.loaded import LoadedStandard

STANDARD = Path(__file__).resolve().parent.parent / "standard"


def _retitle(root: Path, old: str, new: str) -> None:
    """Replace the first `old` in the version's AC domain file."""
    domain = root / "domains" / "AC.yaml"
    domain.write_text(domain.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_the_same_folder_gives_the_same_standard() -> None:
    """Loading a version twice hands out one (immutable) object, from either loader."""
    assert assessor.api.load_standard(version="1.2.0") is assessor.api.load_standard(version="1.2.0")
    assert loader.load_standard(version="1.0.0") is loader.load_standard(version="1.0.0")


def test_an_edit_is_read_again(copy_standard: Callable[[Path], Path]) -> None:
    """After an edit to any file of the version, the next load reads it; undoing the edit gives the first."""
    root = copy_standard(STANDARD / "1.0.0")
    first = assessor.api.load_standard(root)
    title = first.domains[0].title
    _retitle(root, title, "Access, edited")
    edited = assessor.api.load_standard(root)
    assert edited.domains[0].title == "Access, edited"
    _retitle(root, "Access, edited", title)
    assert assessor.api.load_standard(root) is first


def test_an_invalid_standard_is_never_kept(copy_standard: Callable[[Path], Path]) -> None:
    """A version broken after a valid load raises on every load until it is repaired."""
    root = copy_standard(STANDARD / "1.2.0")
    assessor.api.load_standard(root)
    manifest = root / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("- rule: relevance", "- rule: relevancy"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InvalidStandard) as err:
            assessor.api.load_standard(root)
        assert [p.code for p in err.value.problems] == ["unknown-rule"]
    manifest.write_text(text, encoding="utf-8")
    assert assessor.api.load_standard(root).manifest.version == "1.2.0"


def test_a_standard_the_plain_loader_passed_is_still_checked_for_its_rules(
    copy_standard: Callable[[Path], Path],
) -> None:
    """The stage's loader does not check scoring rules; a standard it kept is still refused by the public one."""
    root = copy_standard(STANDARD / "1.2.0")
    manifest = root / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8").replace("- rule: relevance", "- rule: relevancy")
    manifest.write_text(text, encoding="utf-8")
    assert loader.load_standard(root).manifest.version == "1.2.0"
    with pytest.raises(InvalidStandard):
        assessor.api.load_standard(root)


def test_a_folder_edited_while_it_is_read_is_not_kept(copy_standard: Callable[[Path], Path]) -> None:
    """A folder edited after it was hashed and before it was read: what was read is returned, but not kept under
    the content hashed before the edit, so loading that content again reads it."""
    root = copy_standard(STANDARD / "1.0.0")
    title = loader.load_standard(root).domains[0].title
    edits = ["Edited while read"]

    def check(at: Path | None, version: str | None) -> LoadedStandard:
        if edits:
            _retitle(root, title, edits.pop())
        return loader.check_standard(at, version)

    assert loader.valid_standard(root, None, check).domains[0].title == "Edited while read"
    _retitle(root, "Edited while read", title)
    assert loader.valid_standard(root, None, check).domains[0].title == title
