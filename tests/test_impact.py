"""`dcr standard impact`: re-scoring a corpus under a draft; a tightened threshold moves exactly the submissions
it should, and says so."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import assessor
from assessor.core.canonical import pretty_json
from assessor.impact.output import impact_html
from assessor.impact.text import impact_text
from assessor.scoring.engine import score
from tests.conftest import ROOT, CliResult, load_yaml
from tests.published_library import CURRENT, DRAFT, draft_library

CORPUS = ROOT / "examples" / "corpus"


def moved_by_rollback(library: Path) -> set[str]:
    """Independently: the corpus submissions whose DCRS-TK-05 result differs between the latest published
    version and the draft."""
    current = assessor.load_standard(library, version=CURRENT)
    draft = assessor.load_standard(library, version=DRAFT)
    moved = set()
    for path in sorted(CORPUS.rglob("*.yaml")):
        answered = load_yaml(path.read_text(encoding="utf-8"))["standard"]["version"]
        if answered == CURRENT:
            submission = assessor.load_submission(path, standard=current)
        else:
            submission = assessor.migrate(path, to_version=CURRENT, standard=library).submission
        before = {r.id: r for r in score(current, submission).requirements}["DCRS-TK-05"]
        after = {r.id: r for r in score(draft, submission).requirements}["DCRS-TK-05"]
        if (before.supported, before.credit, before.models) != (after.supported, after.credit, after.models):
            moved.add(path.relative_to(CORPUS).as_posix())
    return moved


@pytest.mark.slow
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


@pytest.mark.slow
def test_a_draft_that_changes_nothing_moves_no_one(tmp_path: Path) -> None:
    """A draft identical to its current version moves no submission."""
    impact = assessor.standard_impact(DRAFT, corpus=CORPUS, standard=draft_library(tmp_path, None))
    assert impact.movers == [] and impact.causes == [] and impact.scored > 10


@pytest.mark.slow
def test_cli_prints_the_table_chart_and_json(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """The text has the table, the chart with its zero and the causes; --format json gives the same data."""
    library = draft_library(tmp_path, 20)
    text = dcr("standard", "impact", DRAFT, "--standard", library)
    assert text.code == 0, text.err
    assert "Which change moved whom:" in text.out and "|" in text.out and "DCRS-TK-05 threshold" in text.out
    assert text.out.startswith(f"DCRS {DRAFT} (draft) against DCRS {CURRENT}: ")
    data = dcr("standard", "impact", DRAFT, "--standard", library, "--corpus", CORPUS, "--format", "json")
    assert '"format": "dcrs-impact/1"' in data.out


def test_a_published_version_is_not_called_a_draft(tmp_path: Path) -> None:
    """The impact of a version the library has published says so in its text, its document and its JSON."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "examples" / "1.2.0" / "developing-lab.yaml", corpus)
    published = assessor.standard_impact(CURRENT, corpus=corpus)
    assert published.draft_status == "published"
    assert impact_text(published).startswith(f"DCRS {CURRENT} (published) against DCRS ")
    assert ": 1 submission scored, 0 move." in impact_text(published)
    document = impact_html(published)
    assert f"<h1>DCRS {CURRENT} published: impact</h1>" in document and "draft" not in document.lower()
    assert '"draft_status": "published"' in pretty_json(published)


@pytest.mark.slow
def test_a_corpus_file_that_is_not_valid_is_skipped_with_its_problems(tmp_path: Path) -> None:
    """An invalid submission in the corpus is reported as skipped, with located problems; the rest are scored."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "broken.yaml").write_text("standard: {id: DCRS, version: 1.2.0}\nresponses: 3\n", encoding="utf-8")
    impact = assessor.standard_impact(DRAFT, corpus=corpus, standard=draft_library(tmp_path, 20))
    assert [s.submission for s in impact.skipped] == ["broken.yaml"]
    assert all("broken.yaml" in p for p in impact.skipped[0].problems)


@pytest.mark.slow
def test_a_model_that_moves_under_a_weaker_headline_is_reported(tmp_path: Path) -> None:
    """A narrower rollback tolerance moves the mature lab's flagship a level while the headline, its weaker
    model's, stays: the submission is a mover, with the flagship's own move and the manifest change as cause."""
    library = draft_library(tmp_path, None)
    manifest = library / DRAFT / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    head, tail = text.split("  - id: time_to_rollback_minutes", 1)
    tail = tail.replace("tolerance_percent: 20", "tolerance_percent: 5", 1)
    manifest.write_text(f"{head}  - id: time_to_rollback_minutes{tail}", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "examples" / CURRENT / "mature-lab.yaml", corpus / "mature-lab.yaml")
    impact = assessor.standard_impact(DRAFT, corpus=corpus, standard=library)
    [mover] = impact.movers
    assert (mover.level_before, mover.level_after) == (1, 1)
    assert [(m.model, m.level_before, m.level_after) for m in mover.models] == [("Meridian-4", 2, 1)]
    assert mover.causes and all("metrics" in cause for cause in mover.causes), mover.causes
    assert "model Meridian-4" in impact_text(impact) and "model Meridian-4" in impact_html(impact)
