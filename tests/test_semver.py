"""One SemVer implementation: pre-releases and build metadata parse, sort and validate everywhere."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessor.core import semver
from assessor.dcrs.semver_rules import actual_bump
from assessor.dcrs.versions import library
from tests.conftest import ROOT, CliResult

PRECEDENCE = [  # semver.org, section 11
    "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
    "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0-rc.1", "1.1.0", "1.10.0", "2.0.0",
]  # fmt: skip


def test_precedence_follows_semver_org() -> None:
    """The sort key orders semver.org's example list exactly."""
    assert sorted(reversed(PRECEDENCE), key=semver.key) == PRECEDENCE


@given(st.sampled_from(PRECEDENCE), st.from_regex(r"\A[0-9A-Za-z-]{1,8}(\.[0-9A-Za-z-]{1,8}){0,2}\Z"))
def test_build_metadata_is_accepted_and_ignored(version: str, build: str) -> None:
    """VERSION+BUILD parses, keeps its build, and has the precedence of VERSION."""
    parsed = semver.parse(f"{version}+{build}")
    assert parsed.build == build and semver.key(f"{version}+{build}") == semver.key(version)


@pytest.mark.parametrize("bad", ["1.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0-a..b", "v1.0.0", "1.0.0 "])
def test_invalid_versions_are_refused(bad: str) -> None:
    """Leading zeros, empty identifiers and other non-SemVer text raise ValueError naming the text."""
    with pytest.raises(ValueError, match="not a SemVer version"):
        semver.parse(bad)


def test_bump_of_a_release_candidate() -> None:
    """1.1.0 -> 1.2.0-rc.1 is a minor bump; 1.2.0-rc.1 -> 1.2.0 is later; 1.2.0 -> 1.2.0-rc.1 is not."""
    assert actual_bump("1.1.0", "1.2.0-rc.1") == "minor"
    assert actual_bump("1.2.0-rc.1", "1.2.0") != "none"
    assert actual_bump("1.2.0", "1.2.0-rc.1") == "none"


LATEST = library(ROOT / "standard")[-1].version
CANDIDATE = "9.0.0-rc.1"  # a release candidate above every shipped version


def _library_with_release_candidate(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "standard", lib, symlinks=False)
    shutil.copytree(lib / LATEST, lib / CANDIDATE)
    (lib / CANDIDATE / "migration.yaml").unlink(missing_ok=True)
    manifest = lib / CANDIDATE / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8").replace(f"version: {LATEST}", f"version: {CANDIDATE}", 1)
    manifest.write_text(text.replace("status: published", "status: draft", 1), encoding="utf-8")
    index = lib / "versions.yaml"
    text = index.read_text(encoding="utf-8").replace(
        "versions:\n", f"versions:\n  - version: {CANDIDATE}\n    status: draft\n", 1
    )
    index.write_text(text, encoding="utf-8")
    return lib


def test_library_with_a_pre_release_validates(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A release-candidate draft in versions.yaml sorts after the latest and `dcr standard validate` checks it."""
    lib = _library_with_release_candidate(tmp_path)
    assert [v.version for v in library(lib)][-2:] == [LATEST, CANDIDATE]
    result = dcr("standard", "validate", lib, "--standard-version", CANDIDATE)
    assert result.code == 0, result.err
    assert f"{CANDIDATE} is valid" in result.err + result.out


def test_bad_version_in_the_index_is_located(tmp_path: Path) -> None:
    """A version in versions.yaml that is not SemVer is an error naming the entry, not a crash."""
    from assessor.core.problems import DcrError

    lib = _library_with_release_candidate(tmp_path)
    index = lib / "versions.yaml"
    index.write_text(index.read_text(encoding="utf-8").replace(CANDIDATE, "9.0.0-rc..1", 1), encoding="utf-8")
    with pytest.raises(DcrError, match=r"versions\[0\]: '9.0.0-rc..1' is not a SemVer version"):
        library(lib)
