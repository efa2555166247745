"""What a library of versions declares beyond each version: pinned content digests, the versioning policy, and
the migration map beside each newer version."""

from __future__ import annotations

import hashlib
from pathlib import Path

from assessor.core.documents import Document, load_document
from assessor.core.problems import DocumentError, InvalidStandard, Location, Problem, UsageError
from assessor.core.validation import validate_document
from assessor.dcrs.index_text import entries
from assessor.dcrs.migration_models import MigrationMap, VersionIndex, VersioningPolicy
from assessor.dcrs.versions import INDEX, MANIFEST, VersionInfo, library, semver_key

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
            problems.append(_changed(where, info.status, info.version))
    return problems


def index_problems(root: Path) -> list[Problem]:
    """Everything the library's index holds each version to: its pin, and the lifecycle its manifest states."""
    return digest_problems(root) + [p for info in library(root) for p in _lifecycle_problems(info)]


def _lifecycle_problems(info: VersionInfo) -> list[Problem]:
    """A manifest must not claim another lifecycle than the index's: a draft says `status: draft` and has no
    release date; a published (or superseded) version says it was published, and when."""
    doc = load_document(info.folder / MANIFEST, name=f"{info.folder.name}/{MANIFEST}")
    data = doc.data if isinstance(doc.data, dict) else {}
    status, released = data.get("status"), data.get("released")
    if info.status == "draft" and (status != "draft" or released is not None):
        message = f"{info.version} is a draft in {INDEX}, but its manifest says status {status}" + (
            f", released {released}" if released is not None else "")  # fmt: skip
        return [Problem(doc.locate(("status",)), "lifecycle-mismatch", message)]
    if info.status != "draft" and (status == "draft" or released is None):
        message = (
            f"{info.version} is {info.status} in {INDEX}, but its manifest says status {status} with no release date"
        )
        return [Problem(doc.locate(("status",)), "lifecycle-mismatch", message)]
    return []


def pin_problems(folder: Path, content_sha256: str) -> list[Problem]:
    """The published (or superseded) version in `folder` no longer matches the sha256 its library's index pins:
    what it holds is not the version its number names, so nothing may be scored or shown as that version."""
    index = folder.parent / INDEX
    if not index.is_file():
        return []
    status, pinned = entries(index.read_text(encoding="utf-8")).get(folder.name, (None, None))
    if status == "draft" or (status is not None and pinned == content_sha256):
        return []  # the normal path: a regex over the index's text, no YAML parse (about 20 µs)
    doc = _index(folder.parent)
    listed = doc.data.get("versions") if isinstance(doc.data, dict) else None
    for number, entry in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(entry, dict) or entry.get("version") != folder.name or entry.get("status") == "draft":
            continue
        pinned = entry.get("sha256")
        if isinstance(pinned, str) and pinned != content_sha256:
            return [_changed(doc.locate(("versions", number, "sha256")), str(entry.get("status")), folder.name)]
    return []


def _changed(where: Location, status: str, version: str) -> Problem:
    message = (
        f"{status} version {version} changed: its folder no longer matches its sha256 (a published version never "
        f"changes; restore its files, or make the change in a new version with `dcr standard new-version`)"
    )
    return Problem(where, "published-version-changed", message)


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
