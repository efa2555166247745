"""Matching the requirements of two assessments: by id in one version, through the migration map across two."""

from __future__ import annotations

from dataclasses import dataclass

from assessor.dcrs.migration_models import MigrationMap


@dataclass(frozen=True)
class Link:
    """The earlier requirements an id of the later assessment answers to, and what the map says changed."""

    sources: tuple[str, ...]
    changes: tuple[str, ...] = ()
    note: str | None = None


def links(before_ids: list[str], after_ids: list[str], migration: MigrationMap | None) -> dict[str, Link]:
    """For each later id, its earlier ids: itself when no map is given (one version), else the map's sources."""
    if migration is None:
        known = set(before_ids)
        return {rid: Link((rid,) if rid in known else ()) for rid in after_ids}
    found: dict[str, list[tuple[str, tuple[str, ...], str | None]]] = {}
    for m in migration.mappings:
        for target in m.targets:
            found.setdefault(target, []).append((m.source or "", tuple(m.changes), m.note))
    result = {}
    for rid in after_ids:
        entries = found.get(rid, [])
        sources = tuple(sorted({s for s, _, _ in entries if s}))
        changes = tuple(dict.fromkeys(k for _, kinds, _ in entries for k in kinds if k != "unchanged"))
        notes = " ".join(dict.fromkeys(n for _, _, n in entries if n)) or None
        result[rid] = Link(sources, changes, notes)
    return result


def withdrawn(before_ids: list[str], matched: dict[str, Link]) -> list[str]:
    """Earlier ids no later id answers to."""
    used = {s for link in matched.values() for s in link.sources}
    return [rid for rid in before_ids if rid not in used]
