"""Two versions of the standard side by side: open them from a library, diff them, and check a new version
against an older one by the rules the library declares."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from pathlib import Path

from assessor.core.problems import InvalidStandard, Problem
from assessor.dcrs.changes import compose, invert
from assessor.dcrs.diff import Pair, VersionDiff, diff, pair
from assessor.dcrs.library import folder_sha256, index_problems, load_map, load_policy, map_document
from assessor.dcrs.loaded import LoadedStandard
from assessor.dcrs.loader import check_standard, default_standard_dir, refuse_changed
from assessor.dcrs.map_rules import check_map
from assessor.dcrs.migration_models import MigrationMap, VersioningPolicy
from assessor.dcrs.semver_rules import bump_problems
from assessor.dcrs.versions import INDEX, is_single_version, library, resolve, semver_key


@dataclass(frozen=True)
class Opened:
    """A loaded version, its folder and the library whose policy governs it."""

    loaded: LoadedStandard
    folder: Path
    library: Path


def open_version(which: str | Path, root: Path | None = None, *, pinned: bool = True) -> Opened:
    """A version by number from the library at `root` (default: the bundled one), or a version's folder; a
    published version whose content no longer matches its pin is refused unless `pinned` is False (for checks
    that report the changed pin among their own problems)."""
    folder = _folder(which, root or default_standard_dir())
    if pinned:
        refuse_changed(folder, folder_sha256(folder))
    loaded = check_standard(folder)
    if loaded.problems:
        raise InvalidStandard(loaded.problems)
    library = folder.parent if (folder.parent / INDEX).is_file() else default_standard_dir()
    return Opened(loaded, folder, library)


def _folder(which: str | Path, root: Path) -> Path:
    path = Path(which)
    if is_single_version(path):
        return path
    return resolve(root, str(which))


def policy_for(opened: Opened) -> VersioningPolicy:
    """The versioning policy of the library a version belongs to."""
    return load_policy(opened.library)


def versions_pair(old: Opened, new: Opened) -> Pair:
    """The two versions with the map between them: declared, inverted, composed along the versions between,
    or (when no maps join them) inferred by id."""
    a, b = old.loaded.standard, new.loaded.standard
    direct = pair(a, b, load_map(new.folder), load_map(old.folder))
    chained = _chain(old, new) if direct.origin == "inferred" else None
    return Pair(a, b, chained, "composed") if chained is not None else direct


def _chain(old: Opened, new: Opened) -> MigrationMap | None:
    """The maps of every version from `old` to `new` composed in turn (inverted when going back)."""
    if old.library != new.library or not (old.library / INDEX).is_file():
        return None
    v_old, v_new = old.loaded.standard.manifest.version, new.loaded.standard.manifest.version
    low, high = sorted((v_old, v_new), key=semver_key)
    steps = [v for v in library(old.library) if semver_key(low) < semver_key(v.version) <= semver_key(high)]
    maps = [load_map(v.folder) for v in steps]
    previous = [low, *(v.version for v in steps[:-1])]
    if not maps or any(m is None or m.from_version != p for m, p in zip(maps, previous, strict=True)):
        return None
    composed = reduce(compose, [m for m in maps if m is not None])
    return composed if v_old == low else invert(composed)


def version_diff(old: str | Path, new: str | Path, root: Path | None = None) -> VersionDiff:
    """The typed diff from `old` to `new`; a version against itself gives an empty diff."""
    a, b = open_version(old, root), open_version(new, root)
    return diff(versions_pair(a, b), tuple(policy_for(b).review))


def check_against(new: str | Path, old: str | Path, root: Path | None = None) -> list[Problem]:
    """Every versioning problem of `new` against `old`: the new version's own validity, the pins of published
    versions, the map beside `new` (every old id accounted for, kinds matching content) and the version bump."""
    b = open_version(new, root, pinned=False)
    a = open_version(old, root, pinned=False)
    problems = index_problems(b.library) if (b.library / INDEX).is_file() else []
    problems += _map_problems(a, b)
    policy = policy_for(b)
    d = diff(versions_pair(a, b), tuple(policy.review))
    problems += bump_problems(d, policy, b.loaded.manifest_doc.locate(("version",)))
    return problems


def _map_problems(old: Opened, new: Opened) -> list[Problem]:
    doc = map_document(new.folder)
    migration: MigrationMap | None = load_map(new.folder)
    if doc is None or migration is None:
        message = f"{new.folder.name} has no migration.yaml mapping {old.loaded.standard.manifest.version} to it"
        return [Problem.at(f"{new.folder.name}/migration.yaml", "missing-map", message)]
    return check_map(doc, migration, old.loaded.standard, new.loaded.standard)
