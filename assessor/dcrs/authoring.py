"""Authoring versions of the standard: a new draft copied from the latest version with its migration map
scaffolded, content pins, and publishing (draft -> published, earlier releases -> superseded) under the
library's versioning rules. Every step works on a library folder; published folders are never edited."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from assessor.core import semver
from assessor.core.atomic import write_atomic
from assessor.core.problems import InvalidStandard, Problem, UsageError
from assessor.dcrs.changes import infer_map
from assessor.dcrs.compare import check_against
from assessor.dcrs.index_text import entries, set_entry
from assessor.dcrs.library import MAP_FILE, folder_sha256, load_map
from assessor.dcrs.loader import load_standard
from assessor.dcrs.versions import INDEX, MANIFEST, library

_MANIFEST_VERSION = re.compile(r"^version: *\S+ *$", re.MULTILINE)
# The copy is a draft: its manifest says so and carries no release date until it is published.
_MANIFEST_STATUS = re.compile(r"^status: *\S+ *$", re.MULTILINE)
_MANIFEST_RELEASED = re.compile(r"^released: *\S+ *\n", re.MULTILINE)


def new_version(root: Path, version: str) -> Path:
    """Copy the newest version to a draft `version` (which must be newer than every version listed), point its
    manifest at `version` (status draft, no release date), scaffold its migration map (every requirement mapped
    by id; edit it to type each change) and list it as a draft in the index. The new folder."""
    semver.parse(version)
    versions = library(root)
    newest = versions[-1]
    if semver.key(version) <= semver.key(newest.version):
        raise UsageError(f"{version} is not newer than {newest.version}, the newest version of {root}")
    target = root / version
    if target.exists():
        raise UsageError(f"{target} already exists")
    shutil.copytree(newest.folder, target, ignore=shutil.ignore_patterns(MAP_FILE, ".*", "__pycache__"))
    manifest = target / MANIFEST
    text, found = _MANIFEST_VERSION.subn(f"version: {version}", manifest.read_text(encoding="utf-8"), count=1)
    if not found:
        raise UsageError(f"{manifest} has no top-level `version:` line")
    text = _MANIFEST_RELEASED.sub("", _MANIFEST_STATUS.sub("status: draft", text, count=1), count=1)
    try:
        write_atomic(manifest, text)
        _scaffold_map(root, newest.version, version)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)  # nothing half-made is left behind
        raise
    _set(root, version, "draft", None)
    return target


def _scaffold_map(root: Path, old: str, new: str) -> None:
    inferred = infer_map(load_standard(root, old), load_standard(root / new))
    lines = [
        f"# How DCRS {new} relates to {old}, id by id. Scaffolded by `dcr standard new-version`: every requirement",
        "# is mapped to itself as unchanged; type each change (reworded, threshold, level, added, ...) as you edit.",
        f"from_version: {old}",
        f"to_version: {new}",
        "mappings:",
    ]
    for m in inferred.mappings:
        data = m.model_dump(mode="json", exclude_none=True)
        item = yaml.safe_dump(data, default_flow_style=True, width=200, sort_keys=False)
        lines.append(f"  - {item.strip()}")
    write_atomic(root / new / MAP_FILE, "\n".join(lines) + "\n")


def pin(root: Path, version: str) -> str:
    """Record the content hash of `version`'s folder in the index; the hash."""
    status = _status(root, version)
    if status != "draft":
        raise UsageError(f"{version} is {status}: a published version's pin never changes")
    digest = folder_sha256(root / version)
    _set(root, version, status, digest)
    return digest


def publish(root: Path, version: str) -> list[str]:
    """Publish the draft `version`: it must be pinned and unchanged since, and pass the versioning rules against
    the version its migration map starts from. A release supersedes every earlier published version (pre-releases
    of it included); a pre-release supersedes nothing. The versions superseded."""
    status, pinned = entries(_index_text(root)).get(version, (None, None))
    if status != "draft":
        raise UsageError(f"{version} is {status or 'not in the index'}; only a draft can be published")
    where = Problem.at(f"{root.name}/{INDEX}", "unpinned-draft", f"pin {version} before publishing it")
    if pinned is None:
        raise InvalidStandard([where])
    if folder_sha256(root / version) != pinned:
        raise InvalidStandard([Problem.at(f"{root.name}/{INDEX}", "changed-since-pinned",
                                          f"{version} changed since it was pinned; pin it again")])  # fmt: skip
    earlier = [v for v in library(root) if v.status == "published" and semver.key(v.version) < semver.key(version)]
    base = _base(root, version)
    if base is not None:
        problems = [p for p in check_against(version, base, root) if p.severity == "error"]
        if problems:
            raise InvalidStandard(problems)
    superseded = [] if semver.is_prerelease(version) else [v.version for v in earlier]
    for old in superseded:
        _set(root, old, "superseded", entries(_index_text(root))[old][1])
    _set(root, version, "published", pinned)
    return superseded


def _base(root: Path, version: str) -> str | None:
    """The version the draft is checked against: the one its migration map starts from, else the newest
    earlier version that is not a draft."""
    migration = load_map(root / version)
    if migration is not None:
        return migration.from_version
    earlier = [v.version for v in library(root) if v.status != "draft" and semver.key(v.version) < semver.key(version)]
    return earlier[-1] if earlier else None


def _status(root: Path, version: str) -> str:
    status = entries(_index_text(root)).get(version, (None, None))[0]
    if status is None:
        raise UsageError(f"{root / INDEX} lists no version {version}")
    return status


def _index_text(root: Path) -> str:
    return (root / INDEX).read_text(encoding="utf-8")


def _set(root: Path, version: str, status: str, sha256: str | None) -> None:
    write_atomic(root / INDEX, set_entry(_index_text(root), version, status, sha256))
