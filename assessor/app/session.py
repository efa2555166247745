"""The store behind the app: opened once per server process, seen by each browser session as its identity.

Without configuration the store is the embedded SQLite file in the user's data folder and the session is the
local administrator (single-user mode); `DCR_DATABASE_URL` shares one PostgreSQL database between several app
processes, and team mode (see `signin.py`) makes each session its signed-in user. File drafts of earlier
versions of the app ($DCR_WORKSPACE) are imported once, when the process first opens the store.
"""

from __future__ import annotations

import logging

import streamlit as st

from assessor.app.drafts import default_workspace
from assessor.store import LOCAL_ADMIN, Identity, Store, open_store
from assessor.store.engine import default_url
from assessor.store.file_drafts import import_file_drafts

LOG = logging.getLogger("dcr.app")
IDENTITY = "identity"  # session_state key: the Identity every store call of this session is scoped by


@st.cache_resource(show_spinner=False)
def _opened(url: str) -> Store:
    """The store at `url` as the local administrator, with the workspace's file drafts imported (once)."""
    store = open_store(url)
    report = import_file_drafts(store, default_workspace())
    if report.imported:
        LOG.info("imported %d file draft(s) into the store", len(report.imported))
    for name, reason in report.skipped:
        LOG.warning("file draft %s not imported: %s", name, reason)
    return store


def base_store() -> Store:
    """The process's store ($DCR_DATABASE_URL, else the SQLite file in the user's data folder), unscoped."""
    return _opened(default_url())


def identity() -> Identity:
    """Who this browser session is: its signed-in user in team mode, else the local administrator."""
    who = st.session_state.get(IDENTITY)
    return who if isinstance(who, Identity) else LOCAL_ADMIN


def set_identity(who: Identity) -> None:
    """Make `who` this session's identity (team mode, after sign-in)."""
    st.session_state[IDENTITY] = who


def scoped() -> Store:
    """The store as this session's identity: every query it makes is scoped there."""
    return base_store().as_identity(identity())
