"""Real servers for the team-mode tests: the OpenID Connect provider mock and `dcr app` processes on free
loopback ports, each stopped at the end."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

USERS = ["mia@northwind.example", "noah@meridian.example", "rita@regulator.example"]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Until `url` answers 200 (or the process exits, or the deadline passes)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@contextlib.contextmanager
def running(cmd: list[str], env: dict[str, str], health: str, cwd: Path) -> Iterator[None]:
    """A server process, healthy, stopped (and reaped) on exit."""
    process = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(health, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def provider(cwd: Path) -> Iterator[str]:
    """oidc-provider-mock with the test users predefined (e-mail claims); its issuer URL."""
    port = free_port()
    # The provider vouches for each address, as the app requires before an e-mail names a store user.
    verified = [{"sub": user, "email": user, "email_verified": True} for user in USERS]
    claims = [arg for user in verified for arg in ("--user-claims", json.dumps(user))]
    cmd = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), *claims]
    issuer = f"http://127.0.0.1:{port}"
    with running(cmd, dict(os.environ), f"{issuer}/.well-known/openid-configuration", cwd):
        yield issuer


def app_env(issuer: str, database: str, home: Path, port: int, **extra: str) -> dict[str, str]:
    """The environment of a team-mode `dcr app` on `port` (redirect back to `public`, default itself)."""
    public = extra.pop("public", f"http://127.0.0.1:{port}")
    return {**os.environ, "DCR_DATABASE_URL": database, "XDG_DATA_HOME": str(home), "DCR_WORKSPACE": str(home / "w"),
            "DCR_OIDC_METADATA_URL": f"{issuer}/.well-known/openid-configuration",
            "DCR_OIDC_CLIENT_ID": "dcr-assessor", "DCR_OIDC_CLIENT_SECRET": "not-a-real-secret",
            "DCR_OIDC_REDIRECT_URI": f"{public}/oauth2callback",
            "DCR_COOKIE_SECRET": "a shared cookie secret for every app process of the test", **extra}  # fmt: skip


@contextlib.contextmanager
def app(env: dict[str, str], port: int, cwd: Path) -> Iterator[str]:
    """`dcr app` on 127.0.0.1:`port` in team mode; its URL."""
    dcr = Path(sys.executable).parent / "dcr"
    cmd = [str(dcr), "app", "--port", str(port), "--address", "127.0.0.1", "--example", ""]
    url = f"http://127.0.0.1:{port}"
    with running(cmd, env, f"{url}/_stcore/health", cwd):
        yield url
