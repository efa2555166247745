"""A copy of the shipped library of versions without its drafts, for tests that draft, pin and publish a next
version of their own whatever drafts the repository holds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from assessor.dcrs import versions
from assessor.dcrs.loader import load_standard
from tests.conftest import load_yaml

STANDARD = Path(__file__).resolve().parent.parent / "standard"


def published_library(target: Path) -> Path:
    """Copy standard/ to `target`, leaving out every draft version's folder and its entry in versions.yaml."""
    index = STANDARD / "versions.yaml"
    text = index.read_text(encoding="utf-8")
    drafts = [v["version"] for v in load_yaml(text)["versions"] if v["status"] == "draft"]
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


CURRENT = latest_published()
DRAFT = bumped(CURRENT, "minor")
ROLLBACK = 'metric: time_to_rollback_minutes\n        op: "<="\n        value: 30'


def draft_library(tmp_path: Path, rollback_minutes: int | None) -> Path:
    """A copy of the standard with a draft of the next minor version: the latest published with DCRS-TK-05's
    rollback threshold set to `rollback_minutes` (None: no change at all), and its migration map saying so."""
    library = published_library(tmp_path / "standard")
    draft = library / DRAFT
    shutil.copytree(library / CURRENT, draft)
    manifest = draft / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8").replace(f"version: {CURRENT}", f"version: {DRAFT}", 1)
    manifest.write_text(re.sub(r"^status: published\nreleased: \S+\n", "status: draft\n", text, count=1, flags=re.M))
    standard = load_standard(version=CURRENT)
    mappings = []
    for req in standard.active_requirements():
        changed = req.id == "DCRS-TK-05" and rollback_minutes is not None
        mappings.append({"source": req.id, "targets": [req.id], "changes": ["threshold" if changed else "unchanged"],
                         "relationship": "subset-of" if changed else "equivalent-to"})  # fmt: skip
    data = {"from_version": CURRENT, "to_version": DRAFT, "mappings": mappings}
    (draft / "migration.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    if rollback_minutes is not None:
        tk = draft / "domains" / "TK.yaml"
        text = tk.read_text(encoding="utf-8")
        assert ROLLBACK in text
        tk.write_text(text.replace(ROLLBACK, ROLLBACK[:-2] + str(rollback_minutes), 1), encoding="utf-8")
    index = library / "versions.yaml"
    entry = f"\n  - version: {DRAFT}\n    status: draft\n\n# The versioning"
    index.write_text(index.read_text(encoding="utf-8").replace("\n\n# The versioning", entry, 1), encoding="utf-8")
    return library
