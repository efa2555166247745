"""`dcr app`: serve the Streamlit front end from the installed package."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from assessor.core.problems import DcrError

UPLOAD_LIMIT_MB = 10
# Passed explicitly so the app behaves the same whatever folder it is started from.
SERVER_FLAGS = (
    "--server.headless=true",
    f"--server.maxUploadSize={UPLOAD_LIMIT_MB}",
    "--server.runOnSave=false",
    "--client.showErrorDetails=none",  # tracebacks name server paths; main.py logs them with a reference
    "--browser.gatherUsageStats=false",
    "--theme.base=light",
    "--theme.primaryColor=#1f4e79",
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
    argv += [f"--server.port={port}", f"--server.address={address}"]
    sys.stdout.flush()
    os.execve(sys.executable, argv, env)  # the server replaces this process, so signals reach it directly
