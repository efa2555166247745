"""The versioning rules a library declares, applied to a diff: a change that can lower an existing assessment's
score or level needs at least the bump the policy gives it; wording-only changes are a patch, never more."""

from __future__ import annotations

from dataclasses import dataclass

from assessor.core.problems import Location, Problem
from assessor.core.semver import core
from assessor.dcrs.changes import observed_kinds
from assessor.dcrs.diff import VersionDiff
from assessor.dcrs.migration_models import BUMP_ORDER, Bump, ChangeKind, VersioningPolicy
from assessor.dcrs.versions import semver_key

# An observed field difference, as the kind of change it is at least (text may be wording only).
_SEEN: dict[str, ChangeKind] = {
    "text": "reworded",
    "reference": "reworded",
    "applicability": "changed",
    "moved": "moved",
    "level": "level",
    "criticality": "criticality",
    "weight": "weight",
    "threshold": "threshold",
    "evidence": "evidence",
}


@dataclass(frozen=True)
class Need:
    """The least bump one change needs, and what the change is."""

    bump: Bump
    what: str


def needs(diff: VersionDiff, policy: VersioningPolicy) -> list[Need]:
    """The bump every change in the diff needs, per the policy."""
    out = []
    for change in diff.requirements:
        name = change.source or ", ".join(change.targets)
        kinds = [k for k in change.changes if k != "unchanged"]
        out += [Need(policy.bumps.get(k, "major"), f"{name} {k}") for k in kinds]
        # What the content shows counts too, whatever the map declares (a map can be wrong).
        seen = [_SEEN.get(k, "reworded") for k in observed_kinds(change.fields) if k != "withdrawn"]
        out += [Need(policy.bumps.get(k, "major"), f"{name} {k} (in its content)") for k in seen if k not in kinds]
    for entry in diff.manifest:
        section = entry.key.split(".", 1)[0]
        out.append(Need(policy.manifest.get(section, policy.manifest_default), f"manifest {entry.key} {entry.change}"))
    return out


def actual_bump(old: str, new: str) -> Bump:
    """The SemVer bump from `old` to `new` (none when equal or lower)."""
    if semver_key(new) <= semver_key(old):
        return "none"
    a, b = core(old), core(new)
    return "major" if b[0] != a[0] else "minor" if b[1] != a[1] else "patch"


def bump_problems(diff: VersionDiff, policy: VersioningPolicy, where: Location) -> list[Problem]:
    """Whether the new version's number fits its changes."""
    got = actual_bump(diff.old_version, diff.new_version)
    if got == "none":
        message = f"{diff.new_version} is not later than {diff.old_version}"
        return [Problem(where, "version-not-increased", message)]
    found = needs(diff, policy)
    want = max((n.bump for n in found), key=BUMP_ORDER.index, default="none")
    rank = BUMP_ORDER.index
    if rank(got) < rank(want):
        why = "; ".join(n.what for n in found if n.bump == want)
        message = f"{diff.old_version} -> {diff.new_version} is a {got} bump; these changes need a {want} bump: {why}"
        return [Problem(where, "bump-too-small", message)]
    if rank(want) <= rank(policy.wording_only) and rank(got) > rank(policy.wording_only):
        message = f"only wording changed, so {diff.new_version} must be a {policy.wording_only} bump, not {got}"
        return [Problem(where, "bump-too-large", message)]
    return []
