"""A copy of the shipped library of versions without its drafts, for tests that draft, pin and publish a next
version of their own whatever drafts the repository holds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from assessor.dcrs import versions

STANDARD = Path(__file__).resolve().parent.parent / "standard"


def published_library(target: Path) -> Path:
    """Copy standard/ to `target`, leaving out every draft version's folder and its entry in versions.yaml."""
    index = STANDARD / "versions.yaml"
    text = index.read_text(encoding="utf-8")
    drafts = [v["version"] for v in yaml.safe_load(text)["versions"] if v["status"] == "draft"]
    shutil.copytree(STANDARD, target, ignore=lambda folder, names: drafts if Path(folder) == STANDARD else [])
    for version in drafts:
        text = re.sub(rf"\n  - version: {re.escape(version)}\n    status: draft\n", "\n", text)
    (target / "versions.yaml").write_text(text, encoding="utf-8")
    return target


def latest_published() -> str:
    """The newest published version the repository's versions.yaml lists."""
    return versions.latest_published(STANDARD).version


def bumped(version: str, part: str) -> str:
    """`version` with its `part` (minor or patch) raised by one and the parts after it reset."""
    major, minor, patch = (int(n) for n in version.split("-")[0].split("."))
    return f"{major}.{minor + 1}.0" if part == "minor" else f"{major}.{minor}.{patch + 1}"
