"""Rules for a declared migration map: every old id accounted for once, every new id reached, ids kept for
ever, kinds and relationships consistent, and the declared kinds matching what the content shows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assessor.core.documents import Document
from assessor.core.problems import Location, Problem
from assessor.dcrs.changes import Located, field_changes, index, observed_kinds, undeclared
from assessor.dcrs.migration_models import ChangeKind, Mapping, MigrationMap
from assessor.dcrs.models import Standard

# Kinds whose content differences are expected and are not checked field by field.
_RESHAPED = {"split", "merged", "withdrawn"}
# Declared kinds a field comparison can confirm.
_CHECKABLE = ("threshold", "level", "weight", "criticality", "evidence")
_EQUIVALENT_ONLY: set[ChangeKind] = {"unchanged", "reworded", "moved"}


@dataclass
class MapContext:
    """The map, where it came from, and the two versions it joins."""

    doc: Document
    map: MigrationMap
    before: dict[str, Located]
    after: dict[str, Located]

    def at(self, index: int, *path: str | int) -> Location:
        return self.doc.locate(("mappings", index, *path))

    def mappings(self) -> Iterator[tuple[int, Mapping]]:
        return iter(enumerate(self.map.mappings))


MapRule = Callable[[MapContext], Iterator[Problem]]


def check_map(doc: Document, migration: MigrationMap, old: Standard, new: Standard) -> list[Problem]:
    """Every problem of a declared map between `old` and `new`."""
    ctx = MapContext(doc, migration, index(old), index(new))
    problems = list(_versions(ctx, old.manifest.version, new.manifest.version))
    return problems + [p for rule in MAP_RULES for p in rule(ctx)]


def _versions(ctx: MapContext, old: str, new: str) -> Iterator[Problem]:
    for key, want in (("from_version", old), ("to_version", new)):
        got = getattr(ctx.map, key)
        if got != want:
            yield Problem(ctx.doc.locate((key,)), "map-version-mismatch", f"{key} is {got}; expected {want}")


def accounted(ctx: MapContext) -> Iterator[Problem]:
    """Each old id has exactly one mapping; each new id is reached by one."""
    seen: dict[str, int] = {}
    for i, m in ctx.mappings():
        if m.source is not None and m.source in seen:
            message = f"{m.source} is already mapped (mapping {seen[m.source] + 1})"
            yield Problem(ctx.at(i, "source"), "duplicate-mapping", message)
        seen.setdefault(m.source or "", i)
    for old_id in ctx.before:
        if old_id not in seen:
            yield Problem(ctx.doc.locate(("mappings",)), "unmapped-id", f"{old_id} is not accounted for in the map")
    reached = {t for m in ctx.map.mappings for t in m.targets}
    for new_id, new in ctx.after.items():
        if new.requirement.status != "withdrawn" and new_id not in reached and new_id not in ctx.before:
            message = f"{new_id} is new but no mapping reaches it (add it as a target, or as added)"
            yield Problem(ctx.doc.locate(("mappings",)), "unaccounted-new-id", message)


def known_ids(ctx: MapContext) -> Iterator[Problem]:
    """Sources are ids of the old version, targets ids of the new one; added has no source, others have one."""
    for i, m in ctx.mappings():
        if m.source is not None and m.source not in ctx.before:
            yield Problem(ctx.at(i, "source"), "unknown-source", f"{m.source} is not a requirement of the old version")
        for j, target in enumerate(m.targets):
            if target not in ctx.after:
                yield Problem(ctx.at(i, "targets", j), "unknown-target", f"{target} is not in the new version")
        if ("added" in m.changes) == (m.source is not None):
            message = "an added requirement has no source" if m.source else "only added mappings lack a source"
            yield Problem(ctx.at(i, "changes"), "added-source", message)
        if not m.targets and "withdrawn" not in m.changes:
            yield Problem(ctx.at(i, "targets"), "missing-target", "only a withdrawal may have no target")


def ids_kept(ctx: MapContext) -> Iterator[Problem]:
    """Ids are permanent: an old id that does not carry on as itself stays in the new version, withdrawn,
    pointing at where it went."""
    for i, m in ctx.mappings():
        if m.source is None or m.source not in ctx.before:
            continue
        kept = ctx.after.get(m.source)
        if kept is None:
            yield Problem(ctx.at(i, "source"), "id-dropped", f"{m.source} is gone from the new version; ids are kept")
        elif m.source not in m.targets and kept.requirement.status != "withdrawn":
            message = f"{m.source} no longer carries its own content, so the new version must mark it withdrawn"
            yield Problem(ctx.at(i, "source"), "id-not-withdrawn", message)
        elif m.source not in m.targets and m.targets and kept.requirement.replaced_by not in m.targets:
            message = f"{m.source}'s replaced_by ({kept.requirement.replaced_by}) is not among the map's targets"
            yield Problem(ctx.at(i, "targets"), "replaced-by-mismatch", message)


def consistent_kinds(ctx: MapContext) -> Iterator[Problem]:
    """`unchanged` stands alone; split has several targets; relationships fit the kinds."""
    for i, m in ctx.mappings():
        kinds = set(m.changes)
        if "unchanged" in kinds and len(kinds) > 1:
            yield Problem(ctx.at(i, "changes"), "unchanged-with-changes", "unchanged cannot be combined")
        if "split" in kinds and len(m.targets) < 2:
            yield Problem(ctx.at(i, "targets"), "split-needs-targets", "a split names at least two targets")
        yield from _relationship(ctx, i, m, kinds)


def _relationship(ctx: MapContext, i: int, m: Mapping, kinds: set[ChangeKind]) -> Iterator[Problem]:
    want = None
    if kinds <= _EQUIVALENT_ONLY:
        want = "equivalent-to"
    elif not m.targets or "added" in kinds:
        want = "no-relationship"
    if want and m.relationship != want:
        message = f"{', '.join(m.changes)} means {want}, not {m.relationship}"
        yield Problem(ctx.at(i, "relationship"), "relationship-mismatch", message)
    if not want and (kinds & {"split", "merged", "changed"}) and m.relationship == "equivalent-to":
        message = f"{', '.join(m.changes)} changes meaning; equivalent-to does not fit"
        yield Problem(ctx.at(i, "relationship"), "relationship-mismatch", message)


def declared_matches_content(ctx: MapContext) -> Iterator[Problem]:
    """What the map declares is what the two versions' content shows, field by field."""
    for i, m in ctx.mappings():
        old = ctx.before.get(m.source or "")
        if old is None or set(m.changes) & _RESHAPED:
            continue
        fields = [f for t in m.targets if t in ctx.after for f in field_changes(old, ctx.after[t])]
        seen = _seen(observed_kinds(fields), m)
        missing = undeclared(seen, list(m.changes))
        if missing:
            message = f"{m.source} shows {', '.join(missing)} changes the map does not declare ({', '.join(m.changes)})"
            yield Problem(ctx.at(i, "changes"), "undeclared-change", message)
        for kind in (k for k in _CHECKABLE if k in m.changes and k not in seen):
            message = f"{m.source} is declared '{kind}' but its content shows no such change"
            yield Problem(ctx.at(i, "changes"), "declared-change-not-seen", message, "warning")


def _seen(observed: list[str], m: Mapping) -> list[str]:
    """The kinds a mapping's content shows. A change of status or replaced_by is a withdrawal whatever else the
    map calls it (else `dcr migrate` would carry answers across it unmarked); only a move, which leaves a
    withdrawn stub behind, accounts for it without declaring it."""
    return [k for k in observed if k != "withdrawn" or "moved" not in m.changes]


def ids_never_reused(ctx: MapContext) -> Iterator[Problem]:
    """An id withdrawn in the old version stays withdrawn: ids are never reused for another requirement."""
    mapped = {m.source: i for i, m in ctx.mappings() if m.source is not None}
    for old_id, old in ctx.before.items():
        new = ctx.after.get(old_id)
        if old.requirement.status == "withdrawn" and new is not None and new.requirement.status != "withdrawn":
            where = ctx.at(mapped[old_id], "source") if old_id in mapped else ctx.doc.locate(("mappings",))
            message = (
                f"{old_id} was withdrawn and is {new.requirement.status} again; ids are never reused (use a new id)"
            )
            yield Problem(where, "withdrawn-id-reused", message)


MAP_RULES: tuple[MapRule, ...] = (
    accounted,
    known_ids,
    ids_kept,
    ids_never_reused,
    consistent_kinds,
    declared_matches_content,
)
