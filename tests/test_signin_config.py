"""Team mode fails closed: a broken sign-in configuration stops the app, and only a verified e-mail names a user."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assessor.app import signin
from assessor.cli.app import OIDC_ENV, auth_flags
from assessor.core.problems import DcrError

AUTH = """[auth]
redirect_uri = "https://dcr.example.org/oauth2callback"
cookie_secret = "a long random string"
client_id = "dcr-assessor"
client_secret = "not-a-real-secret"
server_metadata_url = "https://login.example.org/.well-known/openid-configuration"
"""
PROBE = """from assessor.app import signin
from assessor.core.problems import DcrError
try:
    print(signin.team_mode())
except DcrError as err:
    print("refused:", err)
"""


def _team_mode_in(folder: Path, secrets: str | None) -> str:
    (folder / ".streamlit").mkdir(parents=True)
    if secrets is not None:
        (folder / ".streamlit" / "secrets.toml").write_text(secrets, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder)}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=120, check=True)  # fmt: skip
    return done.stdout.strip().splitlines()[-1]


def test_secrets_decide_team_mode(tmp_path: Path) -> None:
    """No secrets file is single-user, a well-formed [auth] section is team mode."""
    assert _team_mode_in(tmp_path / "none", None) == "False"
    assert _team_mode_in(tmp_path / "good", AUTH) == "True"


def test_a_secrets_file_that_does_not_parse_stops_the_app(tmp_path: Path) -> None:
    """One typo in the secrets file is a refusal naming the file and the line, never single-user mode."""
    said = _team_mode_in(tmp_path / "bad", AUTH.replace('string"', "string"))
    assert said.startswith("refused:") and "secrets.toml" in said and "line 3" in said, said


def test_oidc_variables_set_but_empty_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """DCR_OIDC_* variables rendered empty are a broken team configuration, each named, not "no sign-in"."""
    for name in OIDC_ENV:
        monkeypatch.setenv(name, "")
    with pytest.raises(DcrError) as refused:
        auth_flags(8501)
    assert all(name in str(refused.value) for name in OIDC_ENV)
    for name in OIDC_ENV:
        monkeypatch.delenv(name)
    assert auth_flags(8501) == []


class _Claims(dict[str, Any]):
    is_logged_in = True


@pytest.mark.parametrize(("verified", "name"), [(True, "rita@regulator.example"), (False, "attacker-42"),
                                                (None, "attacker-42"), ("true", "attacker-42")])  # fmt: skip
def test_only_a_verified_email_names_a_user(monkeypatch: pytest.MonkeyPatch, verified: object, name: str) -> None:
    """An e-mail claim the provider did not verify (false, absent, or not exactly true) falls back to the subject."""
    claims = _Claims(sub="attacker-42", email="rita@regulator.example")
    if verified is not None:
        claims["email_verified"] = verified
    monkeypatch.setattr("assessor.app.signin.st.user", claims)
    assert signin.user_name() == name
