"""Evidence whose sha256 is checked: only under the evidence folder, never through a link, bounded in bytes;
a sha256 on a URL is a located warning."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import assessor
from assessor.core.limits import EVIDENCE_BYTES
from assessor.intake.rules import location_parts
from tests.conftest import ROOT, load_yaml

EXAMPLE = ROOT / "examples" / "mature-lab.yaml"
EVIDENCE_CODES = {"sha256-unchecked", "sha256-mismatch", "unsafe-location", "too-large", "evidence-unreadable"}
DRILL = "evidence/mature-lab/shutdown-drill-2026-q3.md"


def _submission(folder: Path, location: str = DRILL, sha256: str | None = None) -> Path:
    """The example with the drill record's location (and sha256) set, evidence copied beside it."""
    shutil.copytree(ROOT / "examples" / "evidence", folder / "evidence")
    data: dict[str, Any] = load_yaml(EXAMPLE.read_text(encoding="utf-8"))
    item = next(e for e in data["evidence"] if e.get("location") == DRILL)
    item["location"] = location
    if sha256 is not None:
        item["sha256"] = sha256
    path = folder / "submission.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _codes(path: Path, **kwargs: Any) -> dict[str, str]:
    """Problem code -> severity for the evidence problems of a validation."""
    result = assessor.validate(path, **kwargs)
    return {p.code: p.severity for p in result.problems if p.code in EVIDENCE_CODES}


def test_sparse_200_gb_evidence_is_refused_unread(tmp_path: Path) -> None:
    """A 200 GB sparse file (a few KB on disk) with a sha256 claim is refused as too large, not hashed."""
    path = _submission(tmp_path)
    with (tmp_path / DRILL).open("r+b") as handle:
        handle.truncate(200 * 1024**3)
    result = assessor.validate(path)
    problem = next(p for p in result.problems if p.code == "too-large")
    assert f"{EVIDENCE_BYTES:,}" in problem.message and problem.location.path[:1] == ("evidence",)


def test_neighbouring_file_is_never_opened(tmp_path: Path) -> None:
    """A sha256 on a file beside the submission but outside evidence/ is unchecked whether or not it exists."""
    path = _submission(tmp_path, "secret.txt", "0" * 64)
    absent = _codes(path)
    (tmp_path / "secret.txt").write_text("guess")
    present = _codes(path)
    assert absent == present == {"sha256-unchecked": "warning"}


def test_link_inside_the_evidence_folder_is_not_followed(tmp_path: Path) -> None:
    """A folder on the way swapped for a link (even one pointing inside) is refused, never followed."""
    path = _submission(tmp_path, sha256="0" * 64)
    folder = tmp_path / "evidence" / "mature-lab"
    folder.rename(tmp_path / "evidence" / "real")
    folder.symlink_to("real")
    assert _codes(path).get("unsafe-location") == "error"


def test_evidence_folder_itself_as_a_link_is_refused(tmp_path: Path) -> None:
    """evidence/ planted as a link to another folder is not followed."""
    path = _submission(tmp_path, sha256="0" * 64)
    (tmp_path / "evidence").rename(tmp_path / "elsewhere")
    (tmp_path / "evidence").symlink_to("elsewhere")
    assert _codes(path).get("unsafe-location") == "error"


def test_explicit_evidence_folder(tmp_path: Path) -> None:
    """With evidence=DIR locations are relative to DIR, and a match there passes."""
    import hashlib

    body = (ROOT / "examples" / DRILL).read_bytes()
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "drill.md").write_bytes(body)
    path = _submission(tmp_path / "sub", "drill.md", hashlib.sha256(body).hexdigest())
    assert _codes(path) == {"sha256-unchecked": "warning"}  # not under the default evidence/ folder
    assert _codes(path, evidence=shared) == {}


@pytest.mark.parametrize("location", ["https://example.org/drill.md", "HTTP://example.org/x"])
def test_sha256_on_a_url_is_a_located_warning(tmp_path: Path, location: str) -> None:
    """A sha256 given for a URL is reported as unchecked, at the item's location."""
    path = _submission(tmp_path, location, "0" * 64)
    result = assessor.validate(path)
    problem = next(p for p in result.problems if p.code == "sha256-unchecked")
    assert problem.severity == "warning" and "URL" in problem.message and problem.location.line > 0


@given(st.text(alphabet=st.sampled_from("ab./\\:"), max_size=12) | st.text(max_size=12))
def test_locations_are_read_as_a_posix_path_reads_them(location: str) -> None:
    """An evidence location read as text is absolute, and has the names, that `PurePosixPath` gives it."""
    path = PurePosixPath(location.replace("\\", "/"))
    absolute, names = location_parts(location)
    assert absolute == path.is_absolute()
    assert names == (path.parts[1:] if absolute else path.parts)
