"""What a library of versions declares beyond each version: pinned content digests, the versioning policy, and
the migration map beside each newer version."""

from __future__ import annotations

import hashlib
from pathlib import Path

from assessor.core.documents import Document, load_document
from assessor.core.problems import DocumentError, InvalidStandard, Problem, UsageError
from assessor.core.validation import validate_document
from assessor.dcrs.migration_models import MigrationMap, VersionIndex, VersioningPolicy
from assessor.dcrs.versions import INDEX, library, semver_key

MAP_FILE = "migration.yaml"


def folder_sha256(folder: Path) -> str:
    """SHA-256 over every file of a version's folder (relative name and bytes, line endings normalised), so any
    edit to a published version shows. Hidden files and caches are not content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p.relative_to(folder))):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in rel.parts)


def pinned_digests(root: Path) -> dict[str, str]:
    """version -> the sha256 the index pins for it (published and superseded versions)."""
    entries = _index(root).data.get("versions") or []
    return {e["version"]: e["sha256"] for e in entries if isinstance(e, dict) and isinstance(e.get("sha256"), str)}


def digest_problems(root: Path) -> list[Problem]:
    """A published or superseded version without a pin, or whose folder no longer matches its pin."""
    pins = pinned_digests(root)
    doc = _index(root)
    entries = [e.get("version") if isinstance(e, dict) else None for e in doc.data.get("versions") or []]
    problems = []
    for info in library(root):
        where = doc.locate(("versions", entries.index(info.version), "sha256"))
        if info.status == "draft":
            continue
        if info.version not in pins:
            problems.append(Problem(where, "unpinned-version", f"{info.status} version {info.version} has no sha256"))
        elif folder_sha256(info.folder) != pins[info.version]:
            message = f"{info.status} version {info.version} changed: its folder no longer matches its sha256"
            problems.append(Problem(where, "published-version-changed", message))
    return problems


def load_policy(root: Path) -> VersioningPolicy:
    """The versioning policy the library's index declares; InvalidStandard with located problems otherwise."""
    try:
        return validate_document(VersionIndex, _index(root)).policy
    except DocumentError as err:
        raise InvalidStandard(err.problems) from None


def previous_version(root: Path, version: str) -> str | None:
    """The version just before `version` in the library, if any."""
    older = [info.version for info in library(root) if semver_key(info.version) < semver_key(version)]
    return older[-1] if older else None


def map_document(folder: Path) -> Document | None:
    """The migration map file beside a version, parsed (None when the version has none)."""
    path = folder / MAP_FILE
    if not path.is_file():
        return None
    return load_document(path, name=f"{folder.name}/{MAP_FILE}")


def load_map(folder: Path) -> MigrationMap | None:
    """The validated migration map beside a version (None when it has none); InvalidStandard when malformed."""
    try:
        doc = map_document(folder)
        return validate_document(MigrationMap, doc) if doc is not None else None
    except DocumentError as err:
        raise InvalidStandard(err.problems) from None


def _index(root: Path) -> Document:
    path = root / INDEX
    if not path.is_file():
        raise UsageError(f"{root} is not a library of versions (no {INDEX})")
    try:
        return load_document(path, name=f"{root.name}/{INDEX}")
    except DocumentError as err:
        raise InvalidStandard(err.problems) from None
