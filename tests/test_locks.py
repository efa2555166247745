"""The two locks: the runtime lock holds what the app needs and nothing for development; both agree on every pin."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)", flags=re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    """Package name (normalised) -> pinned version in a lock file."""
    text = (ROOT / name).read_text(encoding="utf-8")
    return {re.sub(r"[-_.]+", "-", n).lower(): v for n, v in PIN.findall(text)}


def test_runtime_lock_holds_the_app_and_no_development_tools() -> None:
    """`make app` installs streamlit and psycopg, never mypy, pytest, Playwright, atheris, MkDocs or import-linter."""
    runtime = pins("requirements.lock")
    assert {"streamlit", "psycopg", "weasyprint", "pydantic"} <= set(runtime)
    tools = {"mypy", "pytest", "playwright", "atheris", "mkdocs", "ruff", "hypothesis", "import-linter", "grimp"}
    assert tools & set(runtime) == set()


def test_dev_lock_holds_everything_at_the_runtime_pins() -> None:
    """The dev lock pins every runtime package at the same version, plus the development tools."""
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {"mypy", "pytest", "playwright", "mkdocs", "build", "import-linter"} <= set(dev)
    assert {n: v for n, v in runtime.items() if dev.get(n) != v} == {}


def test_every_pin_is_hashed() -> None:
    """Both locks carry a hash for every pinned package, as `pip install --require-hashes` needs."""
    for name in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / name).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
        assert len(entries) >= 50
        assert [e.split()[0] for e in entries if "--hash=sha256:" not in e] == []
