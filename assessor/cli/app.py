"""`dcr app`: serve the Streamlit front end from the installed package."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from assessor.core.problems import DcrError

UPLOAD_LIMIT_MB = 10
# Team mode from the environment: each variable becomes a key of the [auth] section Streamlit's st.login reads.
OIDC_ENV = {
    "DCR_OIDC_METADATA_URL": "server_metadata_url",
    "DCR_OIDC_CLIENT_ID": "client_id",
    "DCR_OIDC_CLIENT_SECRET": "client_secret",
    "DCR_OIDC_REDIRECT_URI": "redirect_uri",
    "DCR_COOKIE_SECRET": "cookie_secret",
}
# Passed explicitly so the app behaves the same whatever folder it is started from.
SERVER_FLAGS = (
    "--server.headless=true",
    f"--server.maxUploadSize={UPLOAD_LIMIT_MB}",
    "--server.runOnSave=false",
    # No source watching: users do not edit the app's code, and with it on a page's messages reached the
    # browser 0.1-0.2 s later after every run.
    "--server.fileWatcherType=none",
    "--client.showErrorDetails=none",  # tracebacks name server paths; main.py logs them with a reference
    "--browser.gatherUsageStats=false",
    "--theme.base=light",
    "--theme.primaryColor=#1f4e79",
    "--client.toolbarMode=viewer",  # no Deploy button or developer options in the toolbar
)


@click.command("app")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True, help="Port to serve on.")
@click.option("--address", default="localhost", show_default=True, help="Address to listen on.")
@click.option(
    "--example",
    default="mature-lab.yaml",
    show_default=True,
    help="Submission opened on first visit: a file, or the name of a bundled example ('' for none).",
)
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of file drafts from earlier versions, imported into the store on first start "
    "(default: $DCR_WORKSPACE or the platform's user data folder). Drafts live in the store ($DCR_DATABASE_URL).",
)
def app(port: int, address: str, example: str, workspace: Path | None) -> None:
    """Serve the front end (needs the app extra: pip install 'dcr-assessor[app]')."""
    from importlib.resources import files
    from importlib.util import find_spec

    if find_spec("streamlit") is None:
        raise DcrError("the app needs the front end: pip install 'dcr-assessor[app]'")

    script = files("assessor.app").joinpath("main.py")
    env = dict(os.environ, DCR_EXAMPLE=example)
    if workspace is not None:
        env["DCR_WORKSPACE"] = str(workspace)
    argv = [sys.executable, "-m", "streamlit", "run", str(script), *SERVER_FLAGS]
    argv += [f"--server.port={port}", f"--server.address={address}", *auth_flags(port)]
    sys.stdout.flush()
    os.execve(sys.executable, argv, env)  # the server replaces this process, so signals reach it directly


def auth_flags(port: int) -> list[str]:
    """Streamlit flags for team mode configured through DCR_OIDC_* and DCR_COOKIE_SECRET: an [auth] secrets
    file written for this port (readable by this user only). None set: no flags (secrets.toml or single-user);
    any set, even empty, and all must be set and not empty."""
    given = {key: os.environ[name] for name, key in OIDC_ENV.items() if name in os.environ}
    if not given:
        return []
    # Set but empty is a configuration that went wrong (a secret store rendering nothing), not "no sign-in".
    missing = [name for name, key in OIDC_ENV.items() if not given.get(key)]
    if missing:
        raise DcrError(f"team mode needs every one of {', '.join(OIDC_ENV)}; missing or empty: {', '.join(missing)}")
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("dcr-assessor", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"auth-{port}.toml"
    text = "[auth]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in sorted(given.items()))
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return [f"--secrets.files={path}"]
