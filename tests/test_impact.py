"""`dcr standard impact`: re-scoring a corpus under a draft; a tightened threshold moves exactly the submissions
it should, and says so."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import assessor
from assessor.scoring.engine import score
from tests.conftest import ROOT, CliResult
from tests.published_library import bumped, latest_published, published_library

CORPUS = ROOT / "examples" / "corpus"
CURRENT = latest_published()
DRAFT = bumped(CURRENT, "minor")
ROLLBACK = 'metric: time_to_rollback_minutes\n        op: "<="\n        value: 30'


def draft_library(tmp_path: Path, rollback_minutes: int | None) -> Path:
    """A copy of the standard with a draft of the next minor version: the latest published with DCRS-TK-05's
    rollback threshold set to `rollback_minutes` (None: no change at all), and its migration map saying so."""
    library = published_library(tmp_path / "standard")
    draft = library / DRAFT
    shutil.copytree(library / CURRENT, draft)
    manifest = draft / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(f"version: {CURRENT}", f"version: {DRAFT}", 1))
    standard = assessor.load_standard(version=CURRENT)
    mappings = []
    for req in standard.active_requirements():
        changed = req.id == "DCRS-TK-05" and rollback_minutes is not None
        mappings.append({"source": req.id, "targets": [req.id], "changes": ["threshold" if changed else "unchanged"],
                         "relationship": "subset-of" if changed else "equivalent-to"})  # fmt: skip
    data = {"from_version": CURRENT, "to_version": DRAFT, "mappings": mappings}
    (draft / "migration.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    if rollback_minutes is not None:
        tk = draft / "domains" / "TK.yaml"
        text = tk.read_text(encoding="utf-8")
        assert ROLLBACK in text
        tk.write_text(text.replace(ROLLBACK, ROLLBACK[:-2] + str(rollback_minutes), 1), encoding="utf-8")
    index = library / "versions.yaml"
    entry = f"\n  - version: {DRAFT}\n    status: draft\n\n# The versioning"
    index.write_text(index.read_text(encoding="utf-8").replace("\n\n# The versioning", entry, 1), encoding="utf-8")
    return library


def moved_by_rollback(library: Path) -> set[str]:
    """Independently: the corpus submissions whose DCRS-TK-05 result differs between the latest published
    version and the draft."""
    current = assessor.load_standard(library, version=CURRENT)
    draft = assessor.load_standard(library, version=DRAFT)
    moved = set()
    for path in sorted(CORPUS.rglob("*.yaml")):
        answered = yaml.safe_load(path.read_text(encoding="utf-8"))["standard"]["version"]
        if answered == CURRENT:
            submission = assessor.load_submission(path, standard=current)
        else:
            submission = assessor.migrate(path, to_version=CURRENT, standard=library).submission
        before = {r.id: r for r in score(current, submission).requirements}["DCRS-TK-05"]
        after = {r.id: r for r in score(draft, submission).requirements}["DCRS-TK-05"]
        if (before.supported, before.credit, before.models) != (after.supported, after.credit, after.models):
            moved.add(path.relative_to(CORPUS).as_posix())
    return moved


@pytest.mark.parametrize("minutes", [20, 5])
def test_a_tightened_threshold_moves_exactly_its_submissions(tmp_path: Path, minutes: int) -> None:
    """The threshold's cause lists exactly the submissions whose rollback result it changes, and nothing else
    moves them."""
    library = draft_library(tmp_path, minutes)
    impact = assessor.standard_impact(DRAFT, corpus=CORPUS, standard=library)
    expected = moved_by_rollback(library)
    assert expected, "the corpus should hold a submission this threshold moves"
    assert [(c.change, set(c.submissions)) for c in impact.causes] == [("DCRS-TK-05 threshold", expected)]
    assert {m.submission for m in impact.movers} == expected
    assert impact.scored == len(list(CORPUS.rglob("*.yaml"))) and impact.skipped == []
    assert all(m.delta == round((m.score_after or 0) - (m.score_before or 0), 2) for m in impact.movers)


def test_a_draft_that_changes_nothing_moves_no_one(tmp_path: Path) -> None:
    """A draft identical to its current version moves no submission."""
    impact = assessor.standard_impact(DRAFT, corpus=CORPUS, standard=draft_library(tmp_path, None))
    assert impact.movers == [] and impact.causes == [] and impact.scored > 10


def test_cli_prints_the_table_chart_and_json(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """The text has the table, the chart with its zero and the causes; --format json gives the same data."""
    library = draft_library(tmp_path, 20)
    text = dcr("standard", "impact", DRAFT, "--standard", library)
    assert text.code == 0, text.err
    assert "Which change moved whom:" in text.out and "|" in text.out and "DCRS-TK-05 threshold" in text.out
    data = dcr("standard", "impact", DRAFT, "--standard", library, "--corpus", CORPUS, "--format", "json")
    assert '"format": "dcrs-impact/1"' in data.out


def test_a_corpus_file_that_is_not_valid_is_skipped_with_its_problems(tmp_path: Path) -> None:
    """An invalid submission in the corpus is reported as skipped, with located problems; the rest are scored."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "broken.yaml").write_text("standard: {id: DCRS, version: 1.2.0}\nresponses: 3\n", encoding="utf-8")
    impact = assessor.standard_impact(DRAFT, corpus=corpus, standard=draft_library(tmp_path, 20))
    assert [s.submission for s in impact.skipped] == ["broken.yaml"]
    assert all("broken.yaml" in p for p in impact.skipped[0].problems)
