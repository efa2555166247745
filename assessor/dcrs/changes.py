"""What changed in one requirement between two versions, field by field, and the map between two versions:
declared beside the newer one, inverted for going back, or inferred by id when no map joins them."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import JsonValue

from assessor.dcrs.base import StrictModel
from assessor.dcrs.migration_models import ChangeKind, Mapping, MigrationMap, Relationship
from assessor.dcrs.models import Requirement, Standard

TEXT_FIELDS = ("title", "statement", "rationale", "guidance")
_COMPARED = (
    *TEXT_FIELDS,
    "level",
    "critical",
    "weight",
    "applies_when",
    "status",
    "replaced_by",
    "source",
    "crosswalk",
)
# Observed differences that one of several declared kinds accounts for.
COVERED_BY: dict[str, tuple[ChangeKind, ...]] = {
    "text": ("reworded", "changed"),
    "applicability": ("changed",),
    "reference": ("reworded", "changed", "unchanged"),
}
_INVERSE: dict[Relationship, Relationship] = {"subset-of": "superset-of", "superset-of": "subset-of"}
_SWAP: dict[ChangeKind, ChangeKind] = {"split": "merged", "merged": "split"}


class FieldChange(StrictModel):
    """One field that differs between a requirement and the one it became."""

    field: str
    target: str
    old: JsonValue
    new: JsonValue


@dataclass(frozen=True)
class Located:
    """A requirement with the domain it sits in."""

    domain: str
    requirement: Requirement


def index(standard: Standard) -> dict[str, Located]:
    """Every requirement of a standard by id, with its domain."""
    return {r.id: Located(d.id, r) for d in standard.domains for r in d.requirements}


def field_changes(old: Located, new: Located) -> list[FieldChange]:
    """Every field that differs; metrics and evidence keyed by metric and evidence type."""
    a, b, target = old.requirement, new.requirement, new.requirement.id
    da, db = a.model_dump(mode="json"), b.model_dump(mode="json")
    out = [FieldChange(field=f, target=target, old=da[f], new=db[f]) for f in _COMPARED if da[f] != db[f]]
    if old.domain != new.domain:
        out.append(FieldChange(field="domain", target=target, old=old.domain, new=new.domain))
    out += _keyed(target, "metrics", _metrics(a), _metrics(b))
    out += _keyed(target, "evidence", _evidence(a), _evidence(b))
    return out


def _metrics(r: Requirement) -> dict[str, str]:
    return {m.metric: f"{m.op} {m.value:g}" for m in r.metrics}


def _evidence(r: Requirement) -> dict[str, str]:
    return {e.type: f"within {e.max_age_days} days" for e in r.evidence}


def _keyed(target: str, name: str, old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    keys = list(old) + [k for k in new if k not in old]
    return [
        FieldChange(field=f"{name}.{k}", target=target, old=old.get(k), new=new.get(k))
        for k in keys
        if old.get(k) != new.get(k)
    ]


def observed_kinds(changes: list[FieldChange]) -> list[str]:
    """The kinds of change the field differences show (text, applicability and reference need a reading)."""
    kinds: list[str] = []
    for change in changes:
        kind = _kind_of(change.field)
        if kind not in kinds:
            kinds.append(kind)
    return kinds


def _kind_of(field: str) -> str:
    head = field.split(".", 1)[0]
    simple = {"level": "level", "critical": "criticality", "weight": "weight", "metrics": "threshold"}
    if head in simple:
        return simple[head]
    if head in TEXT_FIELDS:
        return "text"
    if head in ("status", "replaced_by"):
        return "withdrawn"
    return {"domain": "moved", "evidence": "evidence", "applies_when": "applicability"}.get(head, "reference")


def undeclared(observed: list[str], declared: list[ChangeKind]) -> list[str]:
    """Observed kinds the declared ones do not account for."""
    return [k for k in observed if k not in declared and not set(COVERED_BY.get(k, ())) & set(declared)]


def infer_map(old: Standard, new: Standard) -> MigrationMap:
    """A map by id, for versions no declared map joins: same id = same requirement, text changes read as
    changed meaning (a person has to say when wording alone changed)."""
    before, after = index(old), index(new)
    mappings = [_inferred(before[i], after.get(i)) for i in before]
    mappings += [
        Mapping(targets=[i], changes=["added"], relationship="no-relationship")
        for i in after
        if i not in before and after[i].requirement.status != "withdrawn"
    ]
    return MigrationMap(from_version=old.manifest.version, to_version=new.manifest.version, mappings=mappings)


def _inferred(old: Located, new: Located | None) -> Mapping:
    source = old.requirement.id
    if new is None:
        return Mapping(source=source, changes=["withdrawn"], relationship="no-relationship", note="dropped")
    if new.requirement.status == "withdrawn" and old.requirement.status != "withdrawn":
        targets = [new.requirement.replaced_by] if new.requirement.replaced_by else []
        return Mapping(source=source, targets=targets, changes=["withdrawn"], relationship="intersects-with")
    seen = [k for k in observed_kinds(field_changes(old, new)) if k != "reference"]
    kinds: list[ChangeKind] = [_as_kind(k) for k in seen] or ["unchanged"]
    relationship: Relationship = "equivalent-to" if kinds == ["unchanged"] else "intersects-with"
    return Mapping(source=source, targets=[source], changes=list(dict.fromkeys(kinds)), relationship=relationship)


def _as_kind(observed: str) -> ChangeKind:
    kinds: dict[str, ChangeKind] = {
        "text": "changed",
        "applicability": "changed",
        "level": "level",
        "criticality": "criticality",
        "weight": "weight",
        "threshold": "threshold",
        "evidence": "evidence",
        "moved": "moved",
    }
    return kinds.get(observed, "withdrawn")


def invert(forward: MigrationMap) -> MigrationMap:
    """The map for going back: split and merged swap, added and withdrawn swap, subset and superset swap."""
    back: dict[str, list[Mapping]] = {}
    restored: list[Mapping] = []
    for m in forward.mappings:
        if m.source is None:
            back.setdefault(m.targets[0], [])  # added going forward: nothing to go back to
        elif m.changes == ["withdrawn"]:
            restored.append(Mapping(targets=[m.source], changes=["added"], relationship="no-relationship"))
        else:
            for target in m.targets:
                back.setdefault(target, []).append(m)
    mappings = [_inverse(target, sources) for target, sources in back.items()] + restored
    return MigrationMap(from_version=forward.to_version, to_version=forward.from_version, mappings=mappings)


def _inverse(target: str, sources: list[Mapping]) -> Mapping:
    if not sources:
        return Mapping(source=target, changes=["withdrawn"], relationship="no-relationship")
    olds = [m.source for m in sources if m.source is not None]
    if len(olds) > 1:
        return Mapping(source=target, targets=olds, changes=["split"], relationship="superset-of")
    only = sources[0]
    kinds = [_SWAP.get(k, k) for k in only.changes]
    relationship = _INVERSE.get(only.relationship, only.relationship)
    return Mapping(source=target, targets=olds, changes=kinds, relationship=relationship, note=only.note)


def compose(first: MigrationMap, second: MigrationMap) -> MigrationMap:
    """The map across two consecutive maps (A -> B, B -> C gives A -> C): each id follows its targets on."""
    onward = {m.source: m for m in second.mappings if m.source is not None}
    mappings = [c for c in (_through(m, onward) for m in first.mappings) if c.source is not None or c.targets]
    mappings += [m for m in second.mappings if m.source is None]
    return MigrationMap(from_version=first.from_version, to_version=second.to_version, mappings=mappings)


def _through(m: Mapping, onward: dict[str, Mapping]) -> Mapping:
    nexts = [onward[t] for t in m.targets if t in onward]
    targets = list(dict.fromkeys(t for n in nexts for t in n.targets))
    every: list[ChangeKind] = [*m.changes, *(k for n in nexts for k in n.changes)]
    kinds: list[ChangeKind] = list(dict.fromkeys(k for k in every if k != "unchanged"))
    others: set[Relationship] = {m.relationship, *(n.relationship for n in nexts)} - {"equivalent-to"}
    relationship: Relationship = (
        "equivalent-to" if not others else others.pop() if len(others) == 1 else "intersects-with"
    )
    notes = " ".join(x.note for x in (m, *nexts) if x.note)
    return Mapping(
        source=m.source,
        targets=targets,
        changes=kinds or ["unchanged"],
        relationship=relationship,
        note=notes or None,
    )
