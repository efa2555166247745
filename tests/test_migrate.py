"""`dcr migrate` and the migration API: answers carried across the map, flagged answers, both versions' results."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor.api import assess, load_standard, load_submission, migrate, write_submission
from assessor.core.documents import Document
from assessor.intake.migration import REVIEW_MARK
from assessor.intake.models import Submission
from tests.conftest import EXAMPLES, ROOT, CliResult

MATURE = ROOT / "examples" / "mature-lab.yaml"
Dcr = Callable[..., CliResult]


def _answers(submission: Submission) -> dict[str, object]:
    return {r.requirement: r.model_dump() for r in submission.responses}


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.slow
def test_forward_and_back_keeps_every_unflagged_answer(example: Path, tmp_path: Path) -> None:
    """1.0.0 -> 1.1.0 -> 1.0.0 returns every answer that was neither marked for review nor dropped."""
    forward = migrate(example, to_version="1.1.0")
    flagged = {s for m in forward.migrated.moves if m.action in ("review", "dropped") for s in m.sources}
    out = tmp_path / "forward.yaml"
    write_submission(forward.submission, out, standard=forward.new_standard)
    back = migrate(out, to_version="1.0.0")
    original, returned = _answers(load_submission(example)), _answers(back.submission)
    kept = [i for i in original if i not in flagged]
    assert len(kept) >= 40, "guard: most answers are carried"
    assert {i: returned.get(i) for i in kept} == {i: original[i] for i in kept}
    assert back.submission.evidence == load_submission(example).evidence


def test_mature_example_flags_split_merged_changed_and_lists_new_and_dropped() -> None:
    """The mature lab's answers across the split, merge and change of meaning are marked with the reason."""
    result = migrate(MATURE, to_version="1.1.0")
    review = {m.requirement: m for m in result.migrated.of("review")}
    kinds = {k for m in review.values() for k in m.changes}
    assert {"split", "merged", "changed"} <= kinds
    by_id = {r.requirement: r for r in result.submission.responses}
    for requirement, move in review.items():
        assert by_id[requirement].narrative.startswith(REVIEW_MARK) and move.reason
    new_ids = {m.requirement for m in result.migrated.of("unanswered")}
    assert new_ids and not new_ids & set(by_id)
    assert all(m.changes == ["withdrawn"] for m in result.migrated.of("dropped"))


def test_both_sides_match_assessing_each_version() -> None:
    """The effect's two sides are what assessing the original and the migrated draft give."""
    result = migrate(MATURE, to_version="1.1.0")
    before = assess(MATURE).assessment.overall
    after = assess(_doc(result.submission)).assessment.overall
    assert (result.effect.old.level, result.effect.old.score) == (before.level, before.score)
    assert (result.effect.new.level, result.effect.new.score) == (after.level, after.score)


def test_movers_account_for_the_change_in_score() -> None:
    """Points moved by the listed requirements and by the rest add up to the change in the overall score."""
    effect = migrate(MATURE, to_version="1.1.0").effect
    assert effect.old.score is not None and effect.new.score is not None
    moved = sum(m.delta for m in effect.movers) + effect.others
    assert abs(moved - (effect.new.score - effect.old.score)) < 0.1
    assert effect.new.level < effect.old.level, "guard: 1.1.0 lowers the mature lab's level"
    blockers = [m for m in effect.movers if m.qualifies_new is False and m.qualifies_old is not False]
    assert blockers, "the requirements that lowered the level are listed"


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_json_and_workbook_migrate_like_yaml(suffix: str, tmp_path: Path) -> None:
    """A JSON or workbook copy of the mature lab migrates to the same answers, written in its own format."""
    source = tmp_path / f"mature{suffix}"
    write_submission(load_submission(MATURE), source, standard=load_standard(version="1.0.0"))
    reference = migrate(MATURE, to_version="1.1.0").submission
    result = migrate(source, to_version="1.1.0")
    assert _answers(result.submission) == _answers(reference)
    out = tmp_path / f"migrated{suffix}"
    write_submission(result.submission, out, standard=result.new_standard)
    reread = load_submission(out)
    assert reread.standard.version == "1.1.0" and _answers(reread) == _answers(reference)


def test_cli_migrate_prints_both_versions_and_flags(dcr: Dcr, tmp_path: Path) -> None:
    """`dcr migrate` writes the draft and prints level and score under both versions and the marked answers."""
    out = tmp_path / "mature-1.1.0.yaml"
    result = dcr("migrate", MATURE, "--to", "1.1.0", "-o", out)
    assert result.code == 0, result.err
    assert "1.0.0" in result.out and "1.1.0" in result.out and "Overall score" in result.out
    assert "Requirements that moved them" in result.out and "Marked for review" in result.out
    assert load_submission(out).standard.version == "1.1.0"


def test_cli_migrate_json_report(dcr: Dcr, tmp_path: Path) -> None:
    """`--report json` prints a record with counts, moves and the effect."""
    result = dcr("migrate", MATURE, "--to", "1.1.0", "-o", tmp_path / "m.json", "--report", "json")
    record = json.loads(result.out)
    assert record["format"] == "dcrs-migration/1" and record["counts"]["review"] >= 3
    assert record["effect"]["old"]["version"] == "1.0.0" and record["effect"]["new"]["version"] == "1.1.0"


def test_cli_migrate_refuses_bad_input(dcr: Dcr, tmp_path: Path) -> None:
    """An unknown version is a usage error; an invalid submission is refused with its problems; nothing is written."""
    out = tmp_path / "never.yaml"
    assert dcr("migrate", MATURE, "--to", "9.9.9", "-o", out).code == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text(MATURE.read_text().replace("status: fully", "status: totally", 1))
    assert dcr("migrate", broken, "--to", "1.1.0", "-o", out).code == 4
    assert dcr("migrate", MATURE, "--to", "1.1.0", "-o", tmp_path / "x.txt").code == 2
    assert not out.exists()


def _doc(submission: Submission) -> Document:
    return Document("migrated", submission.model_dump(mode="json", exclude_none=True))


@pytest.mark.slow
def test_cli_migrate_reads_standard_input(tmp_path: Path) -> None:
    """`dcr migrate - --format yaml` migrates a submission piped in and writes the format -o names."""
    dcr = Path(sys.executable).parent / "dcr"
    out = tmp_path / "piped.json"
    command = [str(dcr), "migrate", "-", "--format", "yaml", "--to", "1.1.0", "-o", str(out), "-q"]
    proc = subprocess.run(command, input=MATURE.read_bytes(), capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text())["standard"]["version"] == "1.1.0"
