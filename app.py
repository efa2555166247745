"""DCR Assessor front end. Run it with `make app`.

Each page is a two-line script in views/ calling its module in app_pages/, a thin shell over assessor.
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="DCR Assessor", page_icon=":material/verified_user:", layout="wide")
PAGES = {
    "overview": st.Page(
        "views/overview.py", title="Overview", icon=":material/home:", url_path="overview", default=True
    ),
    "standard": st.Page("views/standard.py", title="Standard", icon=":material/menu_book:", url_path="standard"),
    "self": st.Page(
        "views/self_assessment.py", title="Self-assessment", icon=":material/edit_note:", url_path="self-assessment"
    ),
    "results": st.Page("views/results.py", title="Results", icon=":material/insights:", url_path="results"),
    "review": st.Page("views/review.py", title="Auditor review", icon=":material/fact_check:", url_path="review"),
}
st.session_state["pages"] = PAGES
st.navigation(list(PAGES.values())).run()
