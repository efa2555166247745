"""`dcr batch` and `assessor.batch`: every submission under a folder, in parallel, streamed, resumable."""

from __future__ import annotations

import json
import pathlib
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import assessor
from assessor.batch.records import from_json
from tests.conftest import MATURE_1_2, ROOT, CliResult, load_yaml
from tests.published_library import bumped, latest_published, published_library

EXAMPLES_1_2 = sorted((ROOT / "examples" / "1.2.0").glob("*.yaml"))
STANDARD = ROOT / "standard"


def folder_of_examples(tmp_path: Path) -> Path:
    """A folder holding the three 1.2.0 examples, one of them in a subfolder."""
    folder = tmp_path / "in"
    (folder / "2026").mkdir(parents=True)
    for path in EXAMPLES_1_2:
        target = folder / ("2026" if path.stem == "mature-lab" else "") / path.name
        shutil.copy(path, target)
    return folder


def log(out: Path) -> dict[str, assessor.BatchRecord]:
    """The batch log's records by input name."""
    records = [from_json(line) for line in (out / "batch.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r.input: r for r in records}


def test_results_equal_individual_assessments(tmp_path: Path) -> None:
    """Each result written is byte for byte the JSON `assess` gives for that submission alone."""
    folder = folder_of_examples(tmp_path)
    summary = assessor.batch(folder, tmp_path / "out", jobs=1)
    assert summary.counts["assessed"] == 3 and summary.failed == 0
    for path in folder.rglob("*.yaml"):
        name = path.relative_to(folder).as_posix()
        written = (tmp_path / "out" / "results" / f"{name}.json").read_text(encoding="utf-8")
        assert written == assessor.json_text(assessor.assess(path))


def test_two_workers_write_what_one_does(tmp_path: Path) -> None:
    """A pool of two workers writes the same results and records as one process."""
    folder = folder_of_examples(tmp_path)
    assessor.batch(folder, tmp_path / "one", jobs=1)
    assessor.batch(folder, tmp_path / "two", jobs=2)
    for sub in ("results", "records"):
        ones = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one" / sub).rglob("*.json"))
        assert ones and ones == sorted(
            p.relative_to(tmp_path / "two") for p in (tmp_path / "two" / sub).rglob("*.json")
        )
        for rel in ones:
            assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes()


def test_an_invalid_file_is_located_and_the_others_go_on(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A submission failing validation is reported with its located errors, the rest are assessed, exit 4."""
    folder = folder_of_examples(tmp_path)
    data = load_yaml(MATURE_1_2.read_text(encoding="utf-8"))
    data["responses"][0]["status"] = "mostly"
    (folder / "broken.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = dcr("batch", folder, "--out", tmp_path / "out", "--jobs", "2", "-q")
    assert result.code == 4
    assert f"{folder / 'broken.yaml'}:" in result.err and "$.responses[0].status" not in result.err
    records = log(tmp_path / "out")
    assert records["broken.yaml"].status == "invalid" and records["broken.yaml"].problems[0].location.line > 0
    assert sum(r.status == "assessed" for r in records.values()) == 3


def test_a_folder_of_valid_submissions_exits_zero(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """With nothing failing the exit status is 0, and the summary counts every file."""
    result = dcr("batch", folder_of_examples(tmp_path), "--out", tmp_path / "out", "--jobs", "1")
    assert result.code == 0, result.err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"] == {"assessed": 3} and summary["failed"] == 0
    assert "Assessing" not in result.err  # no progress bar when standard error is not a terminal


@pytest.mark.slow
def test_a_rerun_reuses_current_results_only(tmp_path: Path) -> None:
    """A re-run assesses again only the inputs whose bytes changed; asking for another report redoes all."""
    folder = folder_of_examples(tmp_path)
    out = tmp_path / "out"
    assessor.batch(folder, out, jobs=1)
    changed = folder / "developing-lab.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    again = assessor.batch(folder, out, jobs=1)
    assert again.reused == 2 and {n for n, r in log(out).items() if not r.reused} == {"developing-lab.yaml"}
    assert assessor.batch(folder, out, jobs=1, xlsx=True).reused == 0


def test_a_deleted_result_is_made_again(tmp_path: Path) -> None:
    """A record whose result file is gone is not current."""
    folder = folder_of_examples(tmp_path)
    out = tmp_path / "out"
    assessor.batch(folder, out, jobs=1)
    (out / "results" / "developing-lab.yaml.json").unlink()
    assert assessor.batch(folder, out, jobs=1).reused == 2
    assert (out / "results" / "developing-lab.yaml.json").is_file()


def test_duplicates_are_found_across_formats(tmp_path: Path) -> None:
    """The same submission as YAML and as JSON is one content, reported as a group of duplicates."""
    folder = folder_of_examples(tmp_path)
    data = load_yaml(MATURE_1_2.read_text(encoding="utf-8"))
    (folder / "copy.json").write_text(json.dumps(data), encoding="utf-8")
    summary = assessor.batch(folder, tmp_path / "out", jobs=1)
    assert summary.duplicates == [["2026/mature-lab.yaml", "copy.json"]]


def test_non_submission_files_are_reported_not_failed(tmp_path: Path) -> None:
    """A text file and a YAML file that is no submission are reported as such; neither is a failure."""
    folder = folder_of_examples(tmp_path)
    (folder / "notes.txt").write_text("minutes\n", encoding="utf-8")
    (folder / "settings.yaml").write_text("colour: blue\n", encoding="utf-8")
    summary = assessor.batch(folder, tmp_path / "out", jobs=1)
    records = log(tmp_path / "out")
    assert summary.counts["not-a-submission"] == 2 and summary.failed == 0
    assert records["settings.yaml"].problems[0].code == "not-a-submission"
    assert records["notes.txt"].problems[0].location.file == str(folder / "notes.txt")


def test_unknown_and_draft_versions_are_located_errors(tmp_path: Path) -> None:
    """An unknown version and a draft version are errors at the version's line; naming the draft assesses it."""
    library = published_library(tmp_path / "standard")
    latest = latest_published()
    previous = load_yaml((library / latest / "migration.yaml").read_text(encoding="utf-8"))["from_version"]
    draft_version = bumped(latest, "minor")
    draft = library / draft_version
    shutil.copytree(library / latest, draft)
    for name, old, new in (("manifest.yaml", f"version: {latest}", f"version: {draft_version}"),
                           ("migration.yaml", f"from_version: {previous}", f"from_version: {latest}"),
                           ("migration.yaml", f"to_version: {latest}", f"to_version: {draft_version}")):  # fmt: skip
        text = (draft / name).read_text(encoding="utf-8")
        (draft / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    index = library / "versions.yaml"
    entry = f"\n  - version: {draft_version}\n    status: draft\n\n# The versioning"
    index.write_text(index.read_text(encoding="utf-8").replace("\n\n# The versioning", entry, 1), encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    mature = (ROOT / "examples" / latest / "mature-lab.yaml").read_text(encoding="utf-8")
    declared = f"version: {latest}"
    (folder / "draft.yaml").write_text(mature.replace(declared, f"version: {draft_version}", 1), encoding="utf-8")
    (folder / "unknown.yaml").write_text(mature.replace(declared, "version: 9.9.9", 1), encoding="utf-8")
    assert assessor.batch(folder, tmp_path / "out", jobs=1, standard=library).failed == 2
    records = log(tmp_path / "out")
    line = next(n for n, text in enumerate(mature.splitlines(), 1) if text.strip() == declared)
    assert [(p.code, p.location.line) for p in records["draft.yaml"].errors] == [("draft-version", line)]
    assert [(p.code, p.location.line) for p in records["unknown.yaml"].errors] == [("standard-mismatch", line)]
    named = assessor.batch(folder, tmp_path / "named", jobs=1, standard=library, standard_version=draft_version)
    assert log(tmp_path / "named")["draft.yaml"].status == "assessed" and named.failed == 1


def test_a_workbook_submission_is_assessed(tmp_path: Path) -> None:
    """A filled evidence workbook in the folder is read and assessed like the YAML it holds."""
    folder = tmp_path / "in"
    folder.mkdir()
    submission = assessor.load_submission(MATURE_1_2)
    standard = assessor.load_standard(version="1.2.0")
    (folder / "lab.xlsx").write_bytes(assessor.evidence_workbook(standard, prefill=submission))
    assert assessor.batch(folder, tmp_path / "out", jobs=1).counts["assessed"] == 1
    assert log(tmp_path / "out")["lab.xlsx"].organisation == submission.organisation.name


def test_an_unknown_requested_version_is_a_usage_error(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """--standard-version naming no version fails before any work, with exit 2."""
    result = dcr("batch", folder_of_examples(tmp_path), "--out", tmp_path / "out", "--standard-version", "7.0.0")
    assert result.code == 2 and "no version 7.0.0" in result.err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_output_folder_inside_the_input_is_not_read(tmp_path: Path, jobs: int) -> None:
    """Results written under the folder being read are never taken as inputs on a re-run."""
    folder = folder_of_examples(tmp_path)
    assessor.batch(folder, folder / "out", jobs=jobs)
    assert assessor.batch(folder, folder / "out", jobs=jobs).total == 3


def test_a_result_cut_short_is_made_again(tmp_path: Path) -> None:
    """A result whose bytes no longer match its record (a crash mid-write, an edit) is not current."""
    folder = folder_of_examples(tmp_path)
    out = tmp_path / "out"
    assessor.batch(folder, out, jobs=1)
    result = out / "results" / "developing-lab.yaml.json"
    result.write_bytes(result.read_bytes()[:100])
    assert assessor.batch(folder, out, jobs=1).reused == 2
    assert result.read_text(encoding="utf-8") == assessor.json_text(assessor.assess(folder / "developing-lab.yaml"))


def test_a_record_of_another_shape_is_not_current(tmp_path: Path) -> None:
    """A record file this version cannot read (another layout, damaged) means the input is assessed again."""
    folder = folder_of_examples(tmp_path)
    out = tmp_path / "out"
    assessor.batch(folder, out, jobs=1)
    record = out / "records" / "developing-lab.yaml.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({**data, "outputs": list(data["outputs"])}), encoding="utf-8")
    again = assessor.batch(folder, out, jobs=1)
    assert again.reused == 2 and again.failed == 0 and again.counts["assessed"] == 3


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="pathlib interns the names in a path up to Python 3.11")
def test_a_batch_makes_no_path_per_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch names its inputs, outputs and evidence locations by text, so the paths it makes do not grow with
    its inputs (each would add to the interpreter's interned strings, which then grows its table)."""
    made: list[int] = []
    parse = pathlib.PurePath._parse_args.__func__  # type: ignore[attr-defined]

    def counted(cls: type, args: object) -> object:
        made.append(1)
        return parse(cls, args)

    def paths_made(copies: int, run: str = "") -> int:
        folder = tmp_path / f"in-{copies}{run}"
        folder.mkdir()
        for copy in range(copies):
            for path in EXAMPLES_1_2:
                shutil.copy(path, folder / f"{copy}-{path.name}")
        made.clear()
        with monkeypatch.context() as patched:
            patched.setattr(pathlib.PurePath, "_parse_args", classmethod(counted))
            summary = assessor.batch(folder, tmp_path / f"out-{copies}{run}", jobs=1)
        assert summary.counts["assessed"] == 3 * copies
        return len(made)

    paths_made(1, "-first")  # what is made once per process (the standard's files) made here
    assert paths_made(1) == paths_made(4)
