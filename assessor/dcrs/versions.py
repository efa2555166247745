"""The versions of the standard side by side: which exist, where each stands, and which one to load.

A standard root is either one version's folder (it holds manifest.yaml) or a library of versions: one folder
per SemVer version and a `versions.yaml` index with each version's lifecycle status.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast, get_args

from assessor.core import semver
from assessor.core.documents import load_document
from assessor.core.problems import DcrError, UsageError

INDEX = "versions.yaml"
MANIFEST = "manifest.yaml"
VersionStatus = Literal["draft", "published", "superseded"]
STATUSES: tuple[VersionStatus, ...] = get_args(VersionStatus)


@dataclass(frozen=True)
class VersionInfo:
    """One version in a library: its number, lifecycle status and folder."""

    version: str
    status: VersionStatus
    folder: Path


def semver_key(version: str) -> semver.SortKey:
    """Sort key in SemVer precedence (1.10.0 after 1.9.0, 1.2.0-rc.1 before 1.2.0); see assessor.core.semver."""
    return semver.key(version)


def is_single_version(root: Path) -> bool:
    """True when `root` is one version's folder rather than a library of versions."""
    return (root / MANIFEST).is_file()


def library(root: Path) -> list[VersionInfo]:
    """Every version the library's index lists, oldest first."""
    index = root / INDEX
    if not index.is_file():
        raise UsageError(f"{root} holds neither a {MANIFEST} nor a {INDEX} index of versions")
    data = load_document(index).data
    entries = data.get("versions") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DcrError(f"{index}: expected `versions:` with a list of {{version, status}}")
    found = [_entry(root, index, number, entry) for number, entry in enumerate(entries)]
    return sorted(found, key=lambda info: semver_key(info.version))


def _entry(root: Path, index: Path, number: int, entry: object) -> VersionInfo:
    if not isinstance(entry, dict) or entry.get("status") not in STATUSES or not isinstance(entry.get("version"), str):
        raise DcrError(f"{index}: versions[{number}] needs a version and a status ({', '.join(STATUSES)})")
    try:
        semver.parse(entry["version"])
    except ValueError as err:
        raise DcrError(f"{index}: versions[{number}]: {err}") from None
    folder = root / entry["version"]
    if not (folder / MANIFEST).is_file():
        raise DcrError(f"{index}: version {entry['version']} has no folder {folder} with a {MANIFEST}")
    return VersionInfo(entry["version"], cast(VersionStatus, entry["status"]), folder)


def latest_published(root: Path) -> VersionInfo:
    """The newest published version (what new templates answer), else the newest of any status."""
    versions = library(root)
    published = [info for info in versions if info.status == "published"]
    if not versions:
        raise DcrError(f"{root / INDEX} lists no versions")
    return (published or versions)[-1]


def resolve(root: Path, version: str | None) -> Path:
    """The folder of `version` (default: the latest published) under `root`, or `root` itself when it is one
    version's folder (then `version`, if given, must be the one it holds)."""
    if is_single_version(root):
        return root
    if version is None:
        return latest_published(root).folder
    for info in library(root):
        if info.version == version:
            return info.folder
    known = ", ".join(info.version for info in library(root))
    raise UsageError(f"no version {version} of the standard in {root}; there are: {known}")


def status_of(root: Path, version: str) -> str | None:
    """The lifecycle status the library records for `version` (None for a single-version folder)."""
    if is_single_version(root):
        return None
    return next((info.status for info in library(root) if info.version == version), None)


def available(root: Path, version: str) -> bool:
    """Whether the library under `root` holds `version` (a single-version folder holds only its own)."""
    if is_single_version(root):
        return False
    return any(info.version == version for info in library(root))


def draft_notice(standard_id: str, version: str, root: Path) -> str | None:
    """What every surface says of a result against a draft version: it is not published and may still change.
    None for any other version, or a folder that records no lifecycle."""
    try:
        if status_of(root, version) != "draft":
            return None
    except (DcrError, OSError):
        return None
    return (
        f"{standard_id} {version} is a draft, not a published version: its content may still change, so this "
        "result is for trying the draft out, not for the record."
    )


def superseded_notice(standard_id: str, version: str, root: Path) -> str | None:
    """What every surface says of a result against a superseded version: the newer version and the command that
    carries the answers across. None for a current version, or a folder that records no lifecycle."""
    try:
        if status_of(root, version) != "superseded":
            return None
        latest = latest_published(root).version
    except (DcrError, OSError):
        return None
    return (
        f"{standard_id} {version} is superseded by {standard_id} {latest}: this result answers a superseded "
        f"version. Carry the answers across with `dcr migrate SUBMISSION --to {latest} -o NEW.yaml` and assess again."
    )
