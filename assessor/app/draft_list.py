"""The identity's drafts on the overview, one page at a time: the store pages and searches them (by title), so
the page loads one page of summaries however many drafts there are, never their data. A page is one block of
plain text, one drop-down choice and one row of buttons (open, delete, previous and next page), so the browser
draws a fixed handful of elements, none per draft and no Markdown (in Chromium a radio list of 20 Markdown
labels cost the page about half a second, a Markdown table of the 20 titles about a third of one)."""

from __future__ import annotations

import streamlit as st

from assessor.app import state
from assessor.app.drafts import StaleDraft
from assessor.app.text import md
from assessor.store.listing import DraftPage, DraftSummary

SEARCH, PAGE = "drafts-search", "drafts-page"


def render() -> None:
    """Search box, one page of drafts to choose from (open or delete the chosen one) and the page controls."""
    search = str(st.session_state.get(SEARCH, ""))
    page = state.store().page("submission", search=search, page=int(st.session_state.get(PAGE, 1)))
    if page.total == 0 and not search:
        return
    st.subheader("Your drafts")
    st.text_input("Search your drafts by title", key=SEARCH, on_change=_first_page)
    shown = f"{page.total:,} draft(s) · page {page.page} of {page.pages}" if page.total else "No draft has that title."
    st.caption(md("{shown} · saved automatically; each draft's History shows every change.", shown=shown))
    if page.drafts:
        _choice(page)


def _choice(page: DraftPage) -> None:
    """The page's drafts as plain text (no Markdown: cheap to draw, shown as typed), the choice, and one row of
    buttons: open or delete the chosen draft, and (over several pages) the previous and next page."""
    by_id = {d.id: d for d in page.drafts}
    st.text("\n".join(_label(d) for d in page.drafts))
    label = f"Draft ({len(by_id)} on this page, newest first)"
    chosen = st.selectbox(label, list(by_id), format_func=lambda i: _label(by_id[i]), key=f"drafts-choice-{page.page}")
    buttons = st.columns(4 if page.pages > 1 else 2)
    if buttons[0].button("Open", key="drafts-open", type="primary") and chosen in by_id:
        _open(by_id[chosen])
    if buttons[1].button("Delete", key="drafts-delete") and chosen in by_id:
        _delete(by_id[chosen])
    if page.pages > 1:
        buttons[2].button("Previous page", key="drafts-previous", disabled=page.page <= 1, on_click=_go,
                          args=(page.page - 1,))  # fmt: skip
        buttons[3].button("Next page", key="drafts-next", disabled=page.page >= page.pages, on_click=_go,
                          args=(page.page + 1,))  # fmt: skip


def _label(summary: DraftSummary) -> str:
    """A draft's line in the list and in the choice (plain text, not Markdown; whitespace made single spaces)."""
    return f"{' '.join(summary.title.split())} · updated {_when(summary)}"


def _when(summary: DraftSummary) -> str:
    return summary.updated[:16].replace("T", " ")


def _open(summary: DraftSummary) -> None:
    draft = state.store().load(summary.id)
    if draft is None:
        st.warning("That draft is no longer there (deleted elsewhere).")
        return
    state.open_draft(draft)
    st.switch_page(st.session_state["pages"]["self"])


def _delete(summary: DraftSummary) -> None:
    draft = state.store().load(summary.id)
    if draft is not None:
        try:
            state.store().delete(draft)
        except StaleDraft:
            st.warning(md("{title} was changed elsewhere just now; it was not deleted.", title=summary.title))
            return
    opened = st.session_state.get("open:submission")
    if opened is not None and opened.id == summary.id:
        state.close_draft()
    st.rerun()


def _first_page() -> None:
    st.session_state[PAGE] = 1


def _go(number: int) -> None:
    st.session_state[PAGE] = number
