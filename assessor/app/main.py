"""The Streamlit entry script (`dcr app` runs it; so does `streamlit run app.py` in a checkout).

Each page is a two-line script in views/ calling its module here, a thin shell over the assessor API.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

import streamlit as st

from assessor.app import memory, signin
from assessor.app.text import md
from assessor.core.problems import DcrError

VIEWS = Path(__file__).resolve().parent / "views"
FAVICON = Path(__file__).resolve().parent / "favicon.png"  # shipped with the app: no icon is fetched from a CDN
LOG = logging.getLogger("dcr.app")


def run() -> None:
    """Declare the pages and run the one the URL asks for."""
    st.set_page_config(page_title="DCR Assessor", page_icon=str(FAVICON), layout="wide")
    try:
        if not signin.gate():
            return
    except DcrError as err:  # the store cannot be opened: say why, never a traceback
        st.error(md("{message}", message=str(err)))
        return
    pages = {
        "overview": st.Page(
            VIEWS / "overview.py", title="Overview", icon=":material/home:", url_path="overview", default=True
        ),
        "standard": st.Page(VIEWS / "standard.py", title="Standard", icon=":material/menu_book:", url_path="standard"),
        "self": st.Page(
            VIEWS / "self_assessment.py",
            title="Self-assessment",
            icon=":material/edit_note:",
            url_path="self-assessment",
        ),
        "results": st.Page(VIEWS / "results.py", title="Results", icon=":material/insights:", url_path="results"),
        "review": st.Page(VIEWS / "review.py", title="Auditor review", icon=":material/fact_check:", url_path="review"),
        "versions": st.Page(VIEWS / "versions.py", title="Versions", icon=":material/difference:", url_path="versions"),
        "workflow": st.Page(
            VIEWS / "workflow.py", title="Submissions", icon=":material/assignment_turned_in:", url_path="submissions"
        ),
        "history": st.Page(VIEWS / "history.py", title="History", icon=":material/history:", url_path="history"),
        "portfolio": st.Page(
            VIEWS / "portfolio.py", title="Portfolio", icon=":material/grid_view:", url_path="portfolio"
        ),
    }
    st.session_state["pages"] = pages
    page = st.navigation(list(pages.values()), position="top")
    try:
        page.run()
    except DcrError as err:  # the store refused or cannot be reached: its message says why and what to do
        st.error(md("{message}", message=str(err)))
    except Exception:  # a bug: the visitor gets a reference, the server log the traceback (no paths shown)
        reference = secrets.token_hex(4)
        LOG.exception("page %s failed; reference %s", page.url_path, reference)
        st.error(md("Something went wrong on this page (reference {ref}). The details are in the server log.",
                    ref=reference))  # fmt: skip
    memory.settle(page.url_path)


if __name__ == "__main__":
    run()
