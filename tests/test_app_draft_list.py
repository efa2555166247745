"""The overview's list of drafts: one page at a time from the store, searched by title, opened from any page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessor.app import session
from tests.app_helpers import start, stored_drafts, workspace

__all__ = ["workspace"]  # the fixture, imported so pytest finds it here


def _fill(count: int) -> None:
    store = session.base_store()
    for n in range(count):
        store.create_draft({"n": n}, f"Lab {n:03d}")


def _choice(at: AppTest) -> object:
    return next(s for s in at.selectbox if s.key and s.key.startswith("drafts-choice-"))


def _titles(at: AppTest) -> list[str]:
    found = [s for s in at.selectbox if s.key and s.key.startswith("drafts-choice-")]
    return [str(option).split(" · ")[0] for option in found[0].options] if found else []


def test_the_list_shows_one_page_and_pages_on(workspace: Path) -> None:
    """With 45 drafts the overview lists the newest 20, then the next 20 and the last 5, each title once."""
    at = start(workspace)
    _fill(45)
    at.run()
    seen = [_titles(at)]
    assert len(seen[0]) == 20 and seen[0][0] == "Lab 044"
    for _ in range(2):
        at.button(key="drafts-next").click().run()
        seen.append(_titles(at))
    assert [len(s) for s in seen] == [20, 20, 5] and len({t for s in seen for t in s}) == 45
    assert at.button(key="drafts-next").disabled and not at.exception


def test_search_filters_the_list_and_starts_at_page_one(workspace: Path) -> None:
    """Searching from page 2 shows page 1 of the matching drafts; a search matching nothing says so."""
    at = start(workspace)
    _fill(30)
    at.run()
    at.button(key="drafts-next").click().run()
    at.text_input(key="drafts-search").set_value("lab 01").run()
    assert sorted(_titles(at)) == [f"Lab {n:03d}" for n in range(10, 20)]
    at.text_input(key="drafts-search").set_value("no such lab").run()
    assert _titles(at) == [] and any("No draft has that title" in c.value for c in at.caption)


def test_a_draft_opens_from_a_later_page(workspace: Path) -> None:
    """Open on page 2 opens that draft (loaded in full from the store) in the self-assessment editor."""
    at = start(workspace)
    _fill(25)
    at.run()
    at.button(key="drafts-next").click().run()
    wanted = next(d for d in stored_drafts().list() if d.title == "Lab 000")
    _choice(at).set_value(wanted.id).run()  # type: ignore[attr-defined]
    at.button(key="drafts-open").click().run()
    assert not at.exception and at.session_state["open:submission"].id == wanted.id
    assert at.session_state["open:submission"].data["n"] == 0


def test_the_page_shows_its_titles_as_typed(workspace: Path) -> None:
    """The page's titles are one block of plain text, shown as typed: Markdown characters stay characters and
    line breaks in a title become spaces."""
    at = start(workspace)
    session.base_store().create_draft({"n": 1}, "**Lab** | _one_\n<b>x</b>")
    at.run()
    shown = [t.value for t in at.text]
    assert any(line.startswith("**Lab** | _one_ <b>x</b> · updated ") for t in shown for line in t.splitlines())
    assert not at.exception
