"""The diff between two versions of the standard, keyed by requirement id and following the migration map,
plus the manifest's registries and scoring rules compared key by key (a rule by its name)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from pydantic import JsonValue

from assessor.dcrs.base import StrictModel
from assessor.dcrs.changes import FieldChange, Located, field_changes, index, infer_map, invert
from assessor.dcrs.migration_models import CHANGE_KINDS, ChangeKind, Mapping, MigrationMap, Relationship
from assessor.dcrs.models import Manifest, Standard

MapOrigin = Literal["declared", "inverted", "composed", "inferred"]
# Identity and lifecycle fields differ between any two versions; they are not changes to the content.
_IDENTITY = {"version", "status", "released"}
_KEYS = ("id", "name", "level")
RULES_KEY = "scoring.rules"
DEFAULT_REVIEW: tuple[ChangeKind, ...] = ("changed", "split", "merged", "withdrawn")


class RequirementChange(StrictModel):
    """What became of one requirement (or where a new one came from), typed, with the fields that differ."""

    source: str | None
    targets: list[str]
    title: str
    domain: str
    changes: list[ChangeKind]
    relationship: Relationship
    review: bool
    note: str | None
    fields: list[FieldChange]


class ManifestChange(StrictModel):
    """A manifest entry added, removed or changed: a registry item by id, a scoring rule by name."""

    key: str
    change: Literal["added", "removed", "changed"]
    old: JsonValue
    new: JsonValue


class VersionDiff(StrictModel):
    """Every change from one version to another; `map` says whether a declared map typed it."""

    format: Literal["dcrs-diff/1"] = "dcrs-diff/1"
    standard: str
    old_version: str
    new_version: str
    map: MapOrigin
    requirements: list[RequirementChange]
    unchanged: list[str]
    manifest: list[ManifestChange]

    def counts(self) -> dict[str, int]:
        """How many requirements each kind of change touches, in the vocabulary's order."""
        seen = Counter(kind for change in self.requirements for kind in change.changes)
        return {kind: seen[kind] for kind in CHANGE_KINDS if seen[kind]}

    @property
    def empty(self) -> bool:
        return not self.requirements and not self.manifest


@dataclass(frozen=True)
class Pair:
    """Two loaded versions and the map between them."""

    old: Standard
    new: Standard
    map: MigrationMap
    origin: MapOrigin


def pair(old: Standard, new: Standard, new_map: MigrationMap | None, old_map: MigrationMap | None) -> Pair:
    """Choose the map: the one beside the newer version, the older one's inverted, else inferred by id."""
    v_old, v_new = old.manifest.version, new.manifest.version
    if new_map is not None and (new_map.from_version, new_map.to_version) == (v_old, v_new):
        return Pair(old, new, new_map, "declared")
    if old_map is not None and (old_map.from_version, old_map.to_version) == (v_new, v_old):
        return Pair(old, new, invert(old_map), "inverted")
    return Pair(old, new, infer_map(old, new), "inferred")


def diff(versions: Pair, review: tuple[ChangeKind, ...] = DEFAULT_REVIEW) -> VersionDiff:
    """The typed diff of `versions.old` -> `versions.new`. A version against itself gives no change."""
    before, after = index(versions.old), index(versions.new)
    changes = [_change(m, before, after, review) for m in versions.map.mappings]
    return VersionDiff(
        standard=versions.new.manifest.id,
        old_version=versions.old.manifest.version,
        new_version=versions.new.manifest.version,
        map=versions.origin,
        requirements=[c for c in changes if c.changes != ["unchanged"] or c.fields],
        unchanged=[c.source for c in changes if c.changes == ["unchanged"] and not c.fields and c.source],
        manifest=manifest_changes(versions.old.manifest, versions.new.manifest),
    )


def _change(
    m: Mapping, before: dict[str, Located], after: dict[str, Located], review: tuple[str, ...]
) -> RequirementChange:
    old = before.get(m.source) if m.source else None
    shown = old if old is not None or not m.targets else after.get(m.targets[0])
    return RequirementChange(
        source=m.source,
        targets=list(m.targets),
        title=shown.requirement.title if shown else "",
        domain=shown.domain if shown else "",
        changes=list(m.changes),
        relationship=m.relationship,
        review=bool(set(m.changes) & set(review)),
        note=m.note,
        fields=_fields(m, old, after),
    )


def _fields(m: Mapping, old: Located | None, after: dict[str, Located]) -> list[FieldChange]:
    if old is None:
        return []
    if m.changes == ["withdrawn"]:
        # A withdrawal is compared with the id's own withdrawn entry, not with its replacement.
        same = after.get(old.requirement.id)
        return field_changes(old, same) if same else []
    return [f for t in m.targets if t in after for f in field_changes(old, after[t])]


def manifest_changes(old: Manifest, new: Manifest) -> list[ManifestChange]:
    """Manifest entries that differ, keyed like `scoring.credits`, `metrics.<id>`, `scope_caveats.<id>`; the
    scoring rules a version lists by name (`scoring.rules.<name>`, then each parameter that changed)."""
    a = old.model_dump(mode="json", exclude=_IDENTITY)
    b = new.model_dump(mode="json", exclude=_IDENTITY)
    rules = rule_changes(a["scoring"].pop("rules", None), b["scoring"].pop("rules", None))
    out = _compare("", a, b, depth=0)
    after = max((i + 1 for i, m in enumerate(out) if m.key.startswith("scoring.")), default=len(out))
    return out[:after] + rules + out[after:]


def rule_changes(old: JsonValue, new: JsonValue) -> list[ManifestChange]:
    """The listed scoring rules compared by name: each added, removed or changed, each changed parameter, and
    the order when the rules both versions list run in a different order."""
    a, b = _by_rule(old), _by_rule(new)
    out: list[ManifestChange] = []
    for name in list(a) + [n for n in b if n not in a]:
        key = f"{RULES_KEY}.{name}"
        if a.get(name) == b.get(name):
            continue
        change: Literal["added", "removed", "changed"] = (
            "added" if name not in a else "removed" if name not in b else "changed"
        )
        out.append(ManifestChange(key=key, change=change, old=a.get(name), new=b.get(name)))
        if change == "changed":
            out += _compare(key, a[name], b[name], depth=2)
    common_a: list[JsonValue] = [n for n in a if n in b]
    common_b: list[JsonValue] = [n for n in b if n in a]
    if common_a != common_b:
        out.append(ManifestChange(key=f"{RULES_KEY}.order", change="changed", old=common_a, new=common_b))
    return out


def _by_rule(rules: JsonValue) -> dict[str, JsonValue]:
    """A rule list by name (a rule listed again is `name#2`); the params of each entry."""
    out: dict[str, JsonValue] = {}
    for entry in rules if isinstance(rules, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("rule"), str):
            name, n = str(entry["rule"]), 2
            while name in out:
                name, n = f"{entry['rule']}#{n}", n + 1
            out[name] = entry.get("params", {})
    return out


def _compare(key: str, a: JsonValue, b: JsonValue, depth: int) -> list[ManifestChange]:
    if a == b:
        return []
    ea, eb = _entries(a), _entries(b)
    if depth >= 3 or ea is None or eb is None:
        change: Literal["added", "removed", "changed"] = "added" if a is None else "removed" if b is None else "changed"
        return [ManifestChange(key=key, change=change, old=a, new=b)]
    out: list[ManifestChange] = []
    for sub in list(ea) + [k for k in eb if k not in ea]:
        out += _compare(f"{key}.{sub}" if key else sub, ea.get(sub), eb.get(sub), depth + 1)
    return out


def _entries(value: JsonValue) -> dict[str, JsonValue] | None:
    """A mapping's keys, or a list of records by their id / name / level; None for anything else."""
    if isinstance(value, dict):
        return value
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for key in _KEYS:
            if all(key in v for v in value):  # type: ignore[operator]
                return {str(v[key]): v for v in value}  # type: ignore[index,call-overload]
    return None
