"""Team mode: Streamlit's OpenID Connect sign-in (`st.login`, Authlib) in front of every page.

Team mode is on when an `[auth]` section is configured (`.streamlit/secrets.toml`, or the `DCR_OIDC_*`
environment that `dcr app` turns into one); otherwise the app is single-user: the local administrator, no
sign-in; a secrets file that is there but does not parse stops the app instead (never single-user by accident).
A signed-in user is looked up in the store by its verified e-mail (else its subject); its roles and
organisation come from there, so every query the pages make is scoped by the store. A user the store does
not know, an unreachable identity provider and an expired sign-in each get a clear page, never a traceback.
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
from pathlib import Path
from typing import Any

import streamlit as st

from assessor.app import session
from assessor.app.text import md
from assessor.core.problems import DcrError
from assessor.store import NotFound

SESSION_HOURS_ENV = "DCR_SESSION_HOURS"  # how long a sign-in lasts (default 12 hours; 0: always expired)
PROBE_SECONDS = 3.0
SINGLE_USER_ENV = "DCR_SINGLE_USER"  # "1": serve a shared (PostgreSQL) database without sign-in, to oneself alone


def _auth() -> dict[str, Any] | None:
    try:
        section = st.secrets.get("auth")
    except Exception as err:
        # No secrets file at all is single-user mode. A file that is there but does not parse is a broken team
        # configuration: refuse to serve rather than make every visitor the local administrator.
        broken = [path for path in _secrets_files() if Path(path).is_file()]
        if broken:
            raise DcrError(f"the sign-in configuration in {broken[0]} cannot be read ({err}); fix it and restart "
                           "the app: without it no one can be signed in") from None  # fmt: skip
        return None
    return dict(section) if section else None


def _single_user_allowed() -> None:
    """Without sign-in every visitor is the local administrator: fine over the user's own SQLite file, never by
    accident over a shared database (a second process started without the sign-in configuration, say)."""
    if session.base_store().engine.dialect.name == "sqlite" or os.environ.get(SINGLE_USER_ENV) == "1":
        return
    raise DcrError(f"this app serves a shared database without sign-in, so every visitor would be its administrator: "
                   f"configure sign-in (an [auth] section, or DCR_OIDC_*), or set {SINGLE_USER_ENV}=1 to serve it to "
                   "yourself alone")  # fmt: skip


def _secrets_files() -> list[str]:
    from streamlit import config

    files = config.get_option("secrets.files")
    return [str(f) for f in files] if isinstance(files, list) else []


def team_mode() -> bool:
    """Whether sign-in is configured."""
    return _auth() is not None


def gate() -> bool:
    """Whether the page may render: single-user mode, or a signed-in user the store knows, within its session's
    lifetime. Otherwise the sign-in, expired or unknown-user page is shown instead."""
    if not team_mode():
        _single_user_allowed()
        return True
    if not st.user.is_logged_in:
        _sign_in()
        return False
    if _expired():
        st.title("Your sign-in has expired")
        st.info("For safety a sign-in lasts a limited time. Sign in again to continue; nothing you saved is lost.")
        if st.button("Sign in again", type="primary"):
            st.logout()
        return False
    return _known()


def user_name() -> str:
    """The signed-in user's name in the store: its e-mail claim where the provider verified it, else its subject.

    An unverified address proves nothing (many providers let users register or edit their own), so it never
    names a store user: `email_verified` must be exactly true."""
    if st.user.get("email") and st.user.get("email_verified") is True:
        return str(st.user["email"])
    return str(st.user.get("sub") or "")


def _known() -> bool:
    name = user_name()
    try:
        session.set_identity(session.base_store().identity_for(name))
    except NotFound:
        st.title("Not registered")
        st.warning(md("You are signed in as **{name}**, but this DCR Assessor does not know that account. Ask "
                      "an administrator to add it (`dcr users add`).", name=name))  # fmt: skip
        if st.button("Sign out"):
            st.logout()
        return False
    who = session.identity()
    # Above every page, not in a sidebar: the navigation runs along the top and leaves the page its width.
    signed_in, sign_out = st.columns([5, 1], vertical_alignment="center")
    signed_in.caption(md("Signed in as **{name}** · {roles}", name=name, roles=", ".join(sorted(who.roles))))
    if sign_out.button("Sign out", key="sign-out"):
        st.logout()
    return True


def _expired() -> bool:
    hours = float(os.environ.get(SESSION_HOURS_ENV, "12") or 12)
    issued = st.user.get("iat")
    return not isinstance(issued, int | float) or time.time() - float(issued) >= hours * 3600


def _sign_in() -> None:
    st.title("DCR Assessor")
    st.write("Sign in with your organisation's account to see your organisation's drafts and submissions, or "
             "the submissions assigned to you for review.")  # fmt: skip
    problem = provider_problem(_auth() or {})
    if problem:
        st.error(md("The identity provider cannot be reached, so nobody can sign in right now: {why}. Try again "
                    "in a moment; if it persists, tell your administrator.", why=problem))  # fmt: skip
        return
    if st.button("Sign in", type="primary"):
        st.login()


def provider_problem(auth: dict[str, Any]) -> str | None:
    """Why the provider's OpenID configuration cannot be read (None when it can): a short probe, so a broken
    identity provider is a message here rather than an error after the redirect."""
    url = auth.get("server_metadata_url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return "no server_metadata_url is configured for sign-in"
    try:
        with urllib.request.urlopen(url, timeout=PROBE_SECONDS) as response:
            metadata = json.loads(response.read(1_000_000))
    except OSError as err:
        return f"{url}: {getattr(err, 'reason', err)}"
    except ValueError:
        return f"{url} is not an OpenID Connect configuration (not JSON)"
    if not isinstance(metadata, dict) or "authorization_endpoint" not in metadata:
        return f"{url} is not an OpenID Connect configuration"
    return None
