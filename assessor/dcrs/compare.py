"""Two versions of the standard side by side: open them from a library, diff them, and check a new version
against an older one by the rules the library declares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessor.core.problems import InvalidStandard, Problem
from assessor.dcrs.diff import Pair, VersionDiff, diff, pair
from assessor.dcrs.library import digest_problems, load_map, load_policy, map_document
from assessor.dcrs.loaded import LoadedStandard
from assessor.dcrs.loader import check_standard, default_standard_dir
from assessor.dcrs.map_rules import check_map
from assessor.dcrs.migration_models import MigrationMap, VersioningPolicy
from assessor.dcrs.semver_rules import bump_problems
from assessor.dcrs.versions import INDEX, is_single_version, resolve


@dataclass(frozen=True)
class Opened:
    """A loaded version, its folder and the library whose policy governs it."""

    loaded: LoadedStandard
    folder: Path
    library: Path


def open_version(which: str | Path, root: Path | None = None) -> Opened:
    """A version by number from the library at `root` (default: the bundled one), or a version's folder."""
    folder = _folder(which, root or default_standard_dir())
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
    """The two versions with the map between them (declared, inverted or inferred)."""
    return pair(old.loaded.standard, new.loaded.standard, load_map(new.folder), load_map(old.folder))


def version_diff(old: str | Path, new: str | Path, root: Path | None = None) -> VersionDiff:
    """The typed diff from `old` to `new`; a version against itself gives an empty diff."""
    a, b = open_version(old, root), open_version(new, root)
    return diff(versions_pair(a, b), tuple(policy_for(b).review))


def check_against(new: str | Path, old: str | Path, root: Path | None = None) -> list[Problem]:
    """Every versioning problem of `new` against `old`: the new version's own validity, the pins of published
    versions, the map beside `new` (every old id accounted for, kinds matching content) and the version bump."""
    b = open_version(new, root)
    a = open_version(old, root)
    problems = digest_problems(b.library) if (b.library / INDEX).is_file() else []
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
