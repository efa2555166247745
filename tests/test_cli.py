"""The `dcr` command line: outputs and exit codes (0 ok, 1 below threshold, 2 usage, 3 standard, 4 submission)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.versions import library
from assessor.schemas import expected_files
from tests.conftest import MINI, ROOT, CliResult

DATA = Path(__file__).resolve().parent / "data"
VALID = DATA / "valid-mini-submission.yaml"
Dcr = Callable[..., CliResult]


def test_standard_validate_ok(dcr: Dcr) -> None:
    """The shipped standard validates: exit 0 and a count; each draft it did not check is named with the command
    that checks it."""
    result = dcr("standard", "validate")
    assert result.code == 0
    assert "51 active requirements" in result.out
    drafts = [v.version for v in library(default_standard_dir()) if v.status == "draft"]
    assert all(
        f"Not checked: the draft {d} (dcr standard validate --standard-version {d})" in result.out for d in drafts
    )


def test_standard_show_takes_a_version(dcr: Dcr) -> None:
    """`--standard-version` shows that version of the library, a draft said to be one; an unknown one is an error
    listing the versions there are."""
    draft = dcr("standard", "show", "--standard-version", "1.4.0")
    assert draft.code == 0 and draft.out.startswith("DCRS 1.4.0") and "(draft)" in draft.out.splitlines()[0]
    unknown = dcr("standard", "show", "--standard-version", "9.9.9")
    assert unknown.code != 0 and "1.3.0" in unknown.err


def test_standard_show_lists_domains_and_ids(dcr: Dcr) -> None:
    """The outline names at least 9 domains and 45 requirement ids."""
    result = dcr("standard", "show")
    assert result.code == 0
    assert len({line.split()[0] for line in result.out.splitlines() if " — " in line and "requirements" in line}) >= 9
    assert result.out.count("DCRS-") >= 45


def test_standard_schema_check_and_write(dcr: Dcr, tmp_path: Path) -> None:
    """`schema --check` passes on the committed schemas; writing produces one file per published model."""
    assert dcr("standard", "schema", "--check").code == 0
    assert dcr("standard", "schema", "--check", "--out", tmp_path).code == 1
    assert dcr("standard", "schema", "--out", tmp_path).code == 0
    assert len(list(tmp_path.glob("*.schema.json"))) == len(expected_files())


def test_usage_errors_exit_2(dcr: Dcr, tmp_path: Path) -> None:
    """Missing folders, missing files, unknown options and commands are usage errors."""
    assert dcr("standard", "validate", tmp_path / "nope").code == 2
    assert dcr("validate", tmp_path / "nope.yaml").code == 2
    assert dcr("assess", VALID, "--bogus").code == 2
    assert dcr("frobnicate").code == 2
    assert dcr("template").code == 2


def test_a_domain_file_that_does_not_parse_is_one_problem(dcr: Dcr, tmp_path: Path) -> None:
    """A YAML error in the AC domain file is reported at its line, and the ids it holds are not reported as
    unknown elsewhere (the scope caveat that names them) on top of it."""
    folder = Path(shutil.copytree(ROOT / "standard" / "1.3.0", tmp_path / "1.3.0"))
    with (folder / "domains" / "AC.yaml").open("a", encoding="utf-8") as handle:
        handle.write("id: AC\n  bad: [\n")
    result = dcr("standard", "validate", folder)
    assert result.code == 3 and "AC.yaml" in result.err and "[yaml-syntax]" in result.err
    assert "unknown-requirement" not in result.err and "1 problem" in result.err


def test_invalid_standard_exits_3(dcr: Dcr, tmp_path: Path) -> None:
    """Using a broken standard for a submission stops with exit 3."""
    broken = tmp_path / "std"
    broken.mkdir()
    (broken / "manifest.yaml").write_text("id: [\n", encoding="utf-8")
    result = dcr("validate", VALID, "--standard", broken)
    assert result.code == 3 and "[yaml-syntax]" in result.err


def test_validate_ok_and_invalid(dcr: Dcr) -> None:
    """A valid submission exits 0; an invalid one exits 4 with its problems."""
    assert dcr("validate", VALID, "--standard", MINI).code == 0
    result = dcr("validate", DATA / "invalid-submissions" / "invalid-unknown-evidence.yaml", "--standard", MINI)
    assert result.code == 4 and "[unknown-evidence]" in result.err


def test_assess_writes_json_and_summary(dcr: Dcr, tmp_path: Path) -> None:
    """assess prints level and score and writes the JSON result atomically."""
    out = tmp_path / "result.json"
    result = dcr("assess", VALID, "--standard", MINI, "--json", out)
    assert result.code == 0
    assert "Overall: level" in result.out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["provenance"]["standard_id"] == "TST"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temp file left behind


def test_assess_json_to_stdout(dcr: Dcr) -> None:
    """--json - writes the JSON to stdout and the summary to stderr."""
    result = dcr("assess", VALID, "--standard", MINI, "--json", "-")
    assert json.loads(result.out)["format"] == "dcrs-assessment/1"
    assert "Overall: level" in result.err


def test_fail_under(dcr: Dcr) -> None:
    """--fail-under exits 1 below the threshold and 0 at or above it."""
    assert dcr("assess", VALID, "--standard", MINI, "--fail-under", "99").code == 1
    assert dcr("assess", VALID, "--standard", MINI, "--fail-under", "10").code == 0


def test_template_yaml_is_a_valid_submission(dcr: Dcr, tmp_path: Path) -> None:
    """The blank template lists every active requirement and validates as it stands."""
    out = tmp_path / "blank.yaml"
    assert dcr("template", "--yaml", out).code == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("- requirement: DCRS-") == 51
    assert "The developer MUST" in text
    assert dcr("validate", out).code == 0


def test_real_process_has_no_traceback(tmp_path: Path) -> None:
    """The installed `dcr` script reports a broken file in one line, not a traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("standard: {id: DCRS\n", encoding="utf-8")
    dcr_path = Path(sys.executable).parent / "dcr"
    proc = subprocess.run([str(dcr_path), "validate", str(bad)], capture_output=True, text=True, check=False)
    assert proc.returncode == 4
    assert "Traceback" not in proc.stderr and f"{bad}:" in proc.stderr


def test_summary_gives_statuses_and_targets_in_words(dcr: Dcr) -> None:
    """The top gaps read 'supported not implemented' and 'needs at most 24', never 'not_implemented' or '<='."""
    result = dcr("assess", ROOT / "examples" / "1.2.0" / "developing-lab.yaml")
    gaps = result.out.split("Top gaps:")[1].split("No response")[0]
    assert "supported not implemented" in gaps and "not_implemented" not in gaps
    review = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"
    verified = dcr("assess", ROOT / "examples" / "mature-lab.yaml", "--review", review).out.split("Top gaps:")[1]
    assert "verified not implemented" in verified and "(needs at most 24)" in verified
    assert "_implemented" not in verified and "<=" not in verified and ">=" not in verified
