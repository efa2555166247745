"""The Streamlit app under AppTest: every page renders, uploads score as expected, edits autosave."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from assessor.app.text import plain
from tests.app_helpers import level_on_results, open_in_new_session, start, stored_drafts, upload
from tests.app_helpers import workspace as workspace
from tests.conftest import EXAMPLES, ROOT, load_yaml

PAGES = ["views/overview.py", "views/standard.py", "views/self_assessment.py", "views/results.py"]
EXPECTED_LEVEL = {"mature-lab": 2, "developing-lab": 1, "open-weights-release": 0}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.slow
def test_every_page_renders(workspace: Path, page: str) -> None:
    """Each page renders without an exception and with a title, even with nothing open."""
    at = start(workspace)
    at.switch_page(page).run()
    assert not at.exception
    assert at.title and at.title[0].value


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.slow
def test_uploading_each_example_gives_its_level(workspace: Path, path: Path) -> None:
    """Uploading an example opens it as a draft whose results show the expected level."""
    at = upload(start(workspace), path)
    assert not at.exception
    assert level_on_results(at) == str(EXPECTED_LEVEL[path.stem])
    assert len(stored_drafts(workspace).list()) == 1


def test_invalid_upload_shows_located_errors(workspace: Path) -> None:
    """A broken submission is not imported; each problem is shown with its file:line."""
    data = load_yaml(EXAMPLES[0].read_text(encoding="utf-8"))
    data["responses"][0]["evidence"].append("EV-NOPE")
    data["responses"][1]["status"] = "mostly"
    at = upload(start(workspace), Path("broken.yaml"), yaml.safe_dump(data, sort_keys=False).encode())
    assert not at.exception
    messages = [e.value.replace("\\", "") for e in at.error]  # user text arrives escaped for Markdown
    assert any("could not be imported" in m for m in messages)
    assert any("broken.yaml:" in m and "[unknown-evidence]" in m for m in messages)
    assert any("broken.yaml:" in m and "[schema]" in m for m in messages)
    assert stored_drafts(workspace).list() == []


def test_hostile_uploads_are_refused_cleanly(workspace: Path) -> None:
    """An oversized file and a non-workbook .xlsx give located errors, never a traceback."""
    at = upload(start(workspace), Path("huge.yaml"), b"a: 1\n" + b"#" * (11 * 1024 * 1024))
    assert not at.exception and any("[too-large]" in e.value for e in at.error)
    at = upload(at, Path("fake.xlsx"), b"not a zip")
    assert not at.exception and any("[not-a-workbook]" in e.value for e in at.error)


def test_editing_one_status_changes_the_score_and_autosaves(workspace: Path) -> None:
    """Setting a critical requirement to partially drops the level, and the stored draft follows."""
    at = upload(start(workspace), EXAMPLES[[p.stem for p in EXAMPLES].index("mature-lab")])
    before = next(m.value for m in at.success)
    at.switch_page("views/self_assessment.py").run()
    at.session_state["self-tabs"] = "TK"
    at.run()
    status = next(s for s in at.selectbox if s.key and s.key.endswith("DCRS-TK-01.status"))
    status.set_value("partially").run()
    assert not any("level **0" in m.value for m in at.success)  # level 0 is never in a green box
    after = next(m.value for m in at.warning if "level **" in m.value)
    assert "level **2" in before and "level **0" in after
    (draft,) = stored_drafts(workspace).list()
    response = next(r for r in draft.data["responses"] if r["requirement"] == "DCRS-TK-01")
    assert response["status"] == "partially"


@pytest.mark.slow
def test_draft_is_restored_after_a_restart(workspace: Path) -> None:
    """A new session opened with the draft's URL finds the same draft, edits included."""
    upload(start(workspace), EXAMPLES[0])
    (draft,) = stored_drafts(workspace).list()
    draft_id = draft.id
    st.cache_resource.clear()
    fresh = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60)
    fresh.query_params["draft"] = draft_id
    fresh.run()
    fresh.switch_page("views/self_assessment.py").run()
    assert not fresh.exception
    assert fresh.title[0].value == plain(stored_drafts(workspace).load(draft_id).title)  # type: ignore[union-attr]
    assert any("readiness level" in m.value for m in fresh.success)


@pytest.mark.slow
def test_downloads_are_offered(workspace: Path) -> None:
    """Results offer PDF, XLSX, JSON and OSCAL; the standard page offers the data and the schemas."""
    at = upload(start(workspace), EXAMPLES[0])
    at.switch_page("views/results.py").run()
    assert [b.label for b in at.get("download_button")] == [
        "PDF report",
        "Spreadsheet (XLSX)",
        "Result (JSON)",
        "DCRS 1.0.0 catalog (OSCAL)",
        "Assessment results (OSCAL)",
    ]
    at.switch_page("views/standard.py").run()
    assert {"Standard (JSON)", "Download schema"} <= {b.label for b in at.get("download_button")}


def test_blank_assessment_shows_live_validation(workspace: Path) -> None:
    """A blank assessment opens with its problems listed by location."""
    at = start(workspace)
    next(b for b in at.button if b.label == "Start a blank assessment").click().run()
    assert not at.exception
    assert any("problem(s) to fix" in e.value for e in at.error)
    assert any("Organisation" in e.value for e in at.error)


def test_standard_search_filters(workspace: Path) -> None:
    """Searching the standard narrows the requirement list."""
    at = start(workspace)
    at.switch_page("views/standard.py").run()
    total = len(at.expander)
    at.text_input(key="std-search").set_value("shutdown").run()
    assert 0 < len(at.expander) < total
    at.toggle(key="std-critical").set_value(True).run()
    assert all("critical" in e.label for e in at.expander)


def test_standard_details_built_when_opened(workspace: Path) -> None:
    """A requirement's details on the Standard page are sent only once its expander is opened."""
    at = start(workspace)
    at.switch_page("views/standard.py").run()
    assert at.expander and not any("What good looks like" in m.value for m in at.markdown)
    first = at.expander[0].label.split(" — ")[0]
    at.session_state[f"std-open-{first}"] = True
    at.run()
    assert not at.exception
    opened = [m.value for m in at.expander[0].markdown]
    assert any("What good looks like" in v and "Crosswalk" in v for v in opened)
    assert not any("What good looks like" in m.value for e in at.expander[1:] for m in e.markdown)


def test_requirement_guidance_built_when_opened(workspace: Path) -> None:
    """A requirement card's guidance is sent only once its expander is opened."""
    at = upload(start(workspace), EXAMPLES[0])
    at.switch_page("views/self_assessment.py").run()
    at.session_state["self-tabs"] = "TK"
    at.run()
    assert not any(c.value.startswith("Expected") for c in at.caption)
    first = next(e for e in at.expander if e.label == "Guidance and expected evidence")
    assert not first.caption
    at.session_state["guidance-DCRS-TK-01"] = True
    at.run()
    assert not at.exception
    assert sum(c.value.startswith("Expected") for c in at.caption) == 1


def test_delete_a_draft(workspace: Path) -> None:
    """A draft listed on the overview can be deleted from the store."""
    at = upload(start(workspace), EXAMPLES[0])
    at.switch_page("views/overview.py").run()
    next(b for b in at.button if b.label == "Delete").click().run()
    assert not at.exception
    assert stored_drafts(workspace).list() == []


def test_review_page_records_a_verdict(workspace: Path) -> None:
    """On the review page a downgrade needs a rationale and counts as examined; before sign-off the page shows
    the review's progress, never a verified level; the draft autosaves."""
    at = upload(start(workspace), EXAMPLES[[p.stem for p in EXAMPLES].index("mature-lab")])
    at.switch_page("views/review.py").run()
    next(b for b in at.button if b.label == "Start a review").click().run()
    assert not at.exception
    assert any("[placeholder]" in e.value for e in at.error)
    at.session_state["review-tabs"] = "TK"
    at.run()
    next(s for s in at.selectbox if s.key and s.key.endswith("DCRS-TK-05.verified")).set_value("partially").run()
    assert any("[missing-rationale]" in e.value for e in at.error)
    next(t for t in at.text_area if t.key and t.key.endswith("DCRS-TK-05.rationale")).set_value("API only.").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Review"] == "In progress" and metrics["Examined"] == "1/51 requirements"
    assert metrics["Self-assessed (unverified)"].startswith("2 ") and "Verified level" not in metrics
    (review,) = stored_drafts(workspace).list("review")
    verdict = next(v for v in review.data["verdicts"] if v["requirement"] == "DCRS-TK-05")
    assert (verdict["verified"], verdict["rationale"]) == ("partially", "API only.")
    at.session_state["review-tabs"] = "Download"
    at.run()
    assert [b.label for b in at.get("download_button")] == [
        "Review (YAML)",
        "Report, review not signed off (PDF)",
        "Result, review not signed off (JSON)",
        "Assessment results, review not signed off (OSCAL)",
    ]


def test_results_say_unverified(workspace: Path) -> None:
    """The results page labels the self-assessment as unverified."""
    at = upload(start(workspace), EXAMPLES[0])
    level_on_results(at)
    assert any("unverified" in i.value for i in at.info)


@pytest.mark.pdf
def test_overview_verifies_an_uploaded_report(workspace: Path, tmp_path: Path) -> None:
    """A report uploaded on the overview is verified: an unsigned PDF is reported as unsigned with its checks."""
    import assessor

    pdf = tmp_path / "r.pdf"
    assessor.write_pdf(assessor.assess(EXAMPLES[0]), pdf)
    at = start(workspace)
    at.file_uploader(key="verify-report").set_value(("r.pdf", pdf.read_bytes(), "application/pdf")).run()
    assert not at.exception
    assert any(w.value.startswith("Unsigned") for w in at.warning)
    assert any("submission" in m.value and "matches" in m.value for m in at.markdown)


def test_review_upload_of_a_stale_review_is_refused(workspace: Path) -> None:
    """Loading a review of a different submission version shows the binding error, not a traceback."""
    at = upload(start(workspace), EXAMPLES[[p.stem for p in EXAMPLES].index("developing-lab")])
    at.switch_page("views/review.py").run()
    review = (ROOT / "examples" / "reviews" / "mature-lab-review.yaml").read_bytes()
    at.file_uploader(key="review-upload").set_value(("mature-lab-review.yaml", review, "application/yaml")).run()
    assert not at.exception
    assert any("[submission-changed]" in e.value for e in at.error)
    assert stored_drafts(workspace).list("review") == []


@pytest.mark.slow
def test_two_tabs_on_one_draft_never_lose_an_edit(workspace: Path) -> None:
    """Tab 2's save based on the old version is refused, shows tab 1's change and its own; redone, both stay."""
    upload(start(workspace), EXAMPLES[0])
    (draft,) = stored_drafts(workspace).list()
    one, two = open_in_new_session(draft.id), open_in_new_session(draft.id)
    one.text_input(key=f"{draft.id}:$.organisation.jurisdiction").set_value("Edited in tab one").run()
    two.text_input(key=f"{draft.id}:$.organisation.contact").set_value("edited-in-tab-two@example.org").run()
    stored = stored_drafts(workspace).load(draft.id)
    assert stored is not None and stored.data["organisation"]["jurisdiction"] == "Edited in tab one"
    assert stored.data["organisation"].get("contact") != "edited-in-tab-two@example.org"
    (warning,) = [w.value for w in two.warning if "not saved" in w.value]
    assert "organisation.jurisdiction" in warning.replace("\\", "") and "organisation.contact" in warning.replace(
        "\\", ""
    )
    assert two.text_input(key=f"{draft.id}:$.organisation.jurisdiction").value == "Edited in tab one"
    two.text_input(key=f"{draft.id}:$.organisation.contact").set_value("edited-in-tab-two@example.org").run()
    both = stored_drafts(workspace).load(draft.id)
    assert both is not None and both.data["organisation"]["jurisdiction"] == "Edited in tab one"
    assert both.data["organisation"]["contact"] == "edited-in-tab-two@example.org"


@pytest.mark.slow
def test_live_validation_applies_the_input_limits(workspace: Path) -> None:
    """A name longer than the limit, typed into a draft, is a located problem like in a file, not a crash."""
    upload(start(workspace), EXAMPLES[0])
    (draft,) = stored_drafts(workspace).list()
    tab = open_in_new_session(draft.id)
    tab.text_input(key=f"{draft.id}:$.organisation.name").set_value("N" * 600).run()
    assert not tab.exception
    messages = [e.value.replace("\\", "") for e in tab.error]
    assert any("[text-too-long]" in m and "Organisation › Name" in m for m in messages)  # the field's label


def test_a_page_bug_shows_a_reference_not_a_traceback(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected error on a page shows a short reference; no traceback or server path reaches the page."""
    from assessor.app import overview

    def broken() -> None:
        raise RuntimeError(f"boom in {ROOT}")

    monkeypatch.setattr(overview, "render", broken)
    at = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=60)
    at.run()
    assert not at.exception
    (shown,) = [e.value for e in at.error]
    assert "reference" in shown and str(ROOT) not in shown and "boom" not in shown
