"""Authoring versions of the standard: a new draft copied from the latest version with its migration map
scaffolded, content pins, and publishing (draft -> published, earlier releases -> superseded) under the
library's versioning rules. Every step works on a library folder; published folders are never edited."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import yaml

from assessor.core import semver
from assessor.core.atomic import write_atomic
from assessor.core.problems import InvalidStandard, Location, Problem, UsageError
from assessor.dcrs.changes import infer_map
from assessor.dcrs.compare import check_against
from assessor.dcrs.index_text import entries, set_entry
from assessor.dcrs.library import MAP_FILE, folder_sha256, load_map, map_document
from assessor.dcrs.loader import load_standard
from assessor.dcrs.versions import INDEX, MANIFEST, library

_MANIFEST_VERSION = re.compile(r"^version: *\S+ *$", re.MULTILINE)
# The copy is a draft: its manifest says so and carries no release date until it is published.
_MANIFEST_STATUS = re.compile(r"^status: *\S+ *$", re.MULTILINE)
_MANIFEST_RELEASED = re.compile(r"^released: *\S+ *\n", re.MULTILINE)


def new_version(root: Path, version: str) -> Path:
    """Copy the newest version below `version` to a draft `version` (newer than every published version, and not
    listed yet: an errata patch of the published line may be drafted beside a draft of the next minor), point its
    manifest at `version` (status draft, no release date), scaffold its migration map (every requirement mapped
    by id; edit it to type each change) and list it as a draft in the index. The new folder."""
    _version_name(version)
    versions = library(root)
    listed = next((v for v in versions if v.version == version), None)
    if listed is not None:
        raise UsageError(f"{version} already exists in {root} ({listed.status})")
    released = [v for v in versions if v.status != "draft"]
    if released and semver.key(version) <= semver.key(released[-1].version):
        raise UsageError(f"{version} is not newer than {released[-1].version}, the latest published version of {root}")
    # The newest version below it: a draft being prepared for the next minor (1.4.0) does not stop an errata
    # patch of the published line (1.3.1 is drawn from 1.3.0); the draft is then rebased before it is published.
    newest = [v for v in versions if semver.key(v.version) < semver.key(version)][-1]
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


def _version_name(version: str) -> None:
    """UsageError unless `version` names a version folder: SemVer without build metadata (which orders nothing,
    so 1.5.0+b and 1.5.0 would be two folders of one version)."""
    try:
        parsed = semver.parse(version)
    except ValueError:
        parsed = None
    if parsed is None or parsed.build:
        raise UsageError(
            f"{version!r} is not a version name: use MAJOR.MINOR.PATCH or MAJOR.MINOR.PATCH-PRE (1.5.0, 1.5.0-rc.1)"
        )


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


def publish(root: Path, version: str, released: date | None = None) -> list[str]:
    """Publish the draft `version`: it must be pinned and unchanged since, newer than every published version,
    built on a published version (the one its migration map starts from), and pass the versioning rules against
    it. Its manifest is then stamped `status: published` with its release date (default today) and pinned again,
    so the folder says what it is; a release supersedes every earlier published version, a pre-release only
    earlier published pre-releases. The versions superseded."""
    _pinned_draft(root, version)
    base = _base(root, version)
    problems = _order_problems(root, version, base)
    if base is not None:
        problems += [p for p in check_against(version, base, root) if p.severity == "error"]
    if problems:
        raise InvalidStandard(problems)
    superseded = _to_supersede(root, version)
    with _stamped(root / version, released or date.today()) as digest:
        text = _index_text(root)
        for old in superseded:
            text = set_entry(text, old, "superseded", entries(text)[old][1])
        write_atomic(root / INDEX, set_entry(text, version, "published", digest))
    return superseded


def _pinned_draft(root: Path, version: str) -> None:
    """UsageError unless `version` is a draft; InvalidStandard unless it is pinned and unchanged since."""
    status, pinned = entries(_index_text(root)).get(version, (None, None))
    if status != "draft":
        raise UsageError(f"{version} is {status or 'not in the index'}; only a draft can be published")
    if pinned is None:
        raise InvalidStandard(
            [Problem.at(f"{root.name}/{INDEX}", "unpinned-draft", f"pin {version} before publishing it")]
        )
    if folder_sha256(root / version) != pinned:
        raise InvalidStandard([Problem.at(f"{root.name}/{INDEX}", "changed-since-pinned",
                                          f"{version} changed since it was pinned; pin it again")])  # fmt: skip


def _order_problems(root: Path, version: str, base: str | None) -> list[Problem]:
    """Versions are published in order, each on a published one: never below the newest published version (two
    would then both be current), never on a draft (its content could still change under the new version)."""
    statuses = {v.version: v.status for v in library(root)}
    newest = max((v for v, s in statuses.items() if s == "published"), key=semver.key, default=None)
    where = Location(f"{root.name}/{INDEX}")
    problems = []
    if newest is not None and semver.key(version) < semver.key(newest):
        message = f"{version} is older than {newest}, already published; publish versions in order"
        problems.append(Problem(where, "published-out-of-order", message))
    if base is not None and statuses.get(base) != "published":
        status = statuses.get(base, "not in the index")
        remedy = f"publish {base} first" if status == "draft" else "build it on the version published now"
        message = f"{version} is built on {base}, which is {status}; {remedy}"
        problems.append(Problem(_from_version_at(root / version) or where, "unpublished-base", message))
    return problems


def _from_version_at(folder: Path) -> Location | None:
    doc = map_document(folder)
    return doc.locate(("from_version",)) if doc is not None else None


def _to_supersede(root: Path, version: str) -> list[str]:
    """What publishing `version` supersedes, so one release (and at most one pre-release after it) is current."""
    published = [
        v.version for v in library(root) if v.status == "published" and semver.key(v.version) < semver.key(version)
    ]
    if semver.is_prerelease(version):
        return [v for v in published if semver.is_prerelease(v)]
    return published


@contextmanager
def _stamped(folder: Path, released: date) -> Iterator[str]:
    """The draft's manifest marked `status: published` with its release date while the block runs (restored if
    it fails); yields the folder's new content hash, the pin it is published under."""
    manifest = folder / MANIFEST
    before = manifest.read_text(encoding="utf-8")
    after = _MANIFEST_STATUS.sub(f"status: published\nreleased: {released.isoformat()}", before, count=1)
    write_atomic(manifest, after)
    try:
        yield folder_sha256(folder)
    except BaseException:
        write_atomic(manifest, before)  # still the draft that was pinned
        raise


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
