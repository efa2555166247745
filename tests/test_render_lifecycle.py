"""A draft says it is one wherever it is shown; a redline names edits and the scoring rules' changes."""

from __future__ import annotations

from pathlib import Path

import assessor
from assessor.render.output import standard_html
from tests.app_helpers import start
from tests.app_helpers import workspace as workspace
from tests.conftest import ROOT


def test_a_rendered_draft_says_draft_and_a_published_version_its_release() -> None:
    """The 1.4.0 draft is a 'draft for consultation' in its heading and title; 1.3.0 says when it was released."""
    draft = standard_html(assessor.standard_document("1.4.0"))
    assert "1.4.0 — draft for consultation</h1>" in draft and "<title>DCRS 1.4.0 (draft)" in draft
    published = standard_html(assessor.standard_document("1.3.0"))
    assert "draft" not in published.split("</h1>")[0] and "Published, released 2026-12-05." in published


def test_the_redline_names_edited_fields_and_scoring_changes() -> None:
    """1.3.0 against 1.2.0 tags a crosswalk-only edit as 'edited: crosswalk', never 'changed: unchanged'; 1.4.0
    against 1.3.0 lists the new rule and each new scoring parameter with its value."""
    doc = assessor.standard_document("1.3.0", against="1.2.0")
    tags = {(r.mark, tuple(r.changes)) for d in doc.domains for r in d.requirements if r.mark}
    assert ("edited", ("crosswalk",)) in tags and not any("unchanged" in c for _, c in tags)
    lines = assessor.standard_document("1.4.0", against="1.3.0").manifest
    assert "scoring.rules.thresholds.near_miss_supersedes: added (true)" in lines and len(lines) == 9
    assert "scoring.rules.register_surfaces: added (no parameters)" in lines


def test_a_result_against_a_draft_is_said_to_be_one(tmp_path: Path) -> None:
    """Validating a submission that answers the 1.4.0 draft warns 'draft-version' at its version line."""
    text = (ROOT / "examples" / "1.3.0" / "mature-lab.yaml").read_text(encoding="utf-8")
    source = tmp_path / "draft-answer.yaml"
    source.write_text(text.replace("version: 1.3.0", "version: 1.4.0", 1), encoding="utf-8")
    checked = assessor.validate(source)
    drafts = [p for p in checked.problems if p.code == "draft-version"]
    assert len(drafts) == 1 and "is a draft" in str(drafts[0]) and drafts[0].severity == "warning"
    assert assessor.version_notice("DCRS", version="1.3.0") is None


def test_the_standard_page_marks_a_draft_version(workspace: Path) -> None:
    """Picking the 1.4.0 draft on the Standard page shows a draft warning; the published version shows none."""
    at = start(workspace).switch_page("views/standard.py").run()
    assert not [w for w in at.warning if "is a draft" in w.value]
    at.selectbox(key="std-version").set_value("1.4.0").run()
    assert [w for w in at.warning if "DCRS 1.4.0 is a draft" in w.value.replace("\\", "")]
