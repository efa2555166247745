"""Text the store cannot keep is refused before it is written, with a typed error naming the limit, alike on
SQLite and PostgreSQL: titles and file names to their columns, questions and answers to the long-text limit."""

from __future__ import annotations

import pytest

from assessor.app.state import _title
from assessor.core.limits import LONG_TEXT, SHORT_TEXT
from assessor.store import Store
from assessor.store.errors import UnstorableValue
from tests.store.conftest import lab_data
from tests.store.steps import under_review

LONG_TITLE = "O" * 500 + " (" + "f" * 96 + ".yaml)"  # a 500-character organisation name and its file's name


def test_an_over_long_title_is_refused_on_every_backend(team: dict[str, Store]) -> None:
    """Creating or renaming a draft with a title over the column's 500 characters is a clear refusal."""
    with pytest.raises(UnstorableValue, match="title has 604 characters; at most 500"):
        team["mia"].create_draft(lab_data(), LONG_TITLE)
    draft = team["mia"].create_draft(lab_data(), "T" * 500)
    with pytest.raises(UnstorableValue, match="title"):
        team["mia"].save_draft(draft.id, draft.version, title=LONG_TITLE)
    assert [d["title"] for d in team["mia"].drafts()] == ["T" * 500]


def test_an_over_long_evidence_file_name_is_refused(team: dict[str, Store]) -> None:
    """An evidence file whose name is longer than the column holds is refused and nothing is stored."""
    draft = team["mia"].create_draft(lab_data(), "lab")
    item = draft["data"]["evidence"][0]["id"]
    with pytest.raises(UnstorableValue, match="file name"):
        team["mia"].add_evidence(draft.id, draft.version, item, "f" * 501 + ".pdf", b"drill log")
    assert team["mia"].draft(draft.id).version == draft.version


def test_questions_and_answers_are_bounded(team: dict[str, Store]) -> None:
    """A question or an answer over 32,767 characters is refused; one at the limit is kept."""
    sid = under_review(team)
    version = team["rita"].submission(sid).version
    with pytest.raises(UnstorableValue, match="question"):
        team["rita"].raise_request(sid, "q" * (LONG_TEXT + 1), version)
    request = team["rita"].raise_request(sid, "q" * LONG_TEXT, version)
    with pytest.raises(UnstorableValue, match="answer"):
        team["mia"].answer_request(request.id, "x" * 5_000_000, request.version)
    assert team["mia"].answer_request(request.id, "a" * LONG_TEXT, request.version)["answer"] == "a" * LONG_TEXT


def test_the_apps_upload_title_fits_the_store() -> None:
    """The title the app makes from an organisation name and a file name is cut to what the store keeps."""
    title = _title("O" * SHORT_TEXT, "f" * 100 + ".yaml")
    assert len(title) == SHORT_TEXT and title.endswith("…")
    assert _title("Meridian AI", "lab.yaml") == "Meridian AI (lab.yaml)"
