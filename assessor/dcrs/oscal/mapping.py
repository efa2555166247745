"""OSCAL 1.2.3 mapping collections: the standard to each framework its crosswalk cites (typed crosswalks only),
and the previous version to this one, from the version's migration map.

Relationships read source -> target, as OSCAL and the migration maps do: a DCRS requirement `subset-of` a
framework's clause asks for less than the clause does.
"""

from __future__ import annotations

from assessor.dcrs.migration_models import Mapping, MigrationMap
from assessor.dcrs.models import Framework, Manifest, Requirement, Standard
from assessor.dcrs.oscal.common import NS, OSCAL_VERSION, Json, prop, stable_uuid, timestamp

MATCHING = "semantic"


def typed(standard: Standard) -> bool:
    """Whether every crosswalk entry of the standard carries a relationship (DCRS 1.3.0 on)."""
    refs = [c for r in standard.requirements() for c in r.crosswalk]
    return bool(refs) and all(c.relationship is not None for c in refs)


def catalog_file(m: Manifest, version: str | None = None) -> str:
    """The file name `dcr standard export --oscal` is documented to write a version's catalog to."""
    return f"{m.id.lower()}-{version or m.version}.oscal.json"


def framework_mapping(standard: Standard, framework: Framework) -> Json:
    """DCRS -> one framework: a map per typed crosswalk entry, the rationale as its remarks."""
    m = standard.manifest
    maps = [_crosswalk_map(m, r, framework) for r in standard.active_requirements()]
    title = f"{m.id} {m.version} to {framework.title}"
    source = _catalog_resource(m, m.version)
    target = _framework_resource(m, framework)
    mapping = {
        "uuid": stable_uuid("mapping", m.id, m.version, framework.id),
        "source-resource": {"type": "catalog", "href": f"#{source['uuid']}"},
        "target-resource": {"ns": NS, "type": "framework", "href": f"#{target['uuid']}"},
        "maps": [entry for found in maps for entry in found],
    }
    return _collection(m, title, ("framework", framework.id), mapping, [source, target])


def _crosswalk_map(m: Manifest, req: Requirement, framework: Framework) -> list[Json]:
    out = []
    for index, ref in enumerate(req.crosswalk):
        if ref.framework != framework.id or ref.relationship is None:
            continue
        entry: Json = {
            "uuid": stable_uuid("map", m.id, m.version, req.id, str(index)),
            "matching-rationale": MATCHING,
            "relationship": ref.relationship,
            "sources": [{"type": "control", "id-ref": req.id}],
            "targets": [{"type": "control", "id-ref": ref.ref}],
        }
        out.append(entry | ({"remarks": ref.rationale} if ref.rationale else {}))
    return out


def version_mapping(standard: Standard, migration: MigrationMap) -> Json:
    """The previous version -> this one: every id of the older version and every new one, typed."""
    m = standard.manifest
    old, new = migration.from_version, migration.to_version
    source, target = _catalog_resource(m, old), _catalog_resource(m, new)
    mapping: Json = {
        "uuid": stable_uuid("mapping", m.id, old, new),
        "source-resource": {"type": "catalog", "href": f"#{source['uuid']}"},
        "target-resource": {"type": "catalog", "href": f"#{target['uuid']}"},
        "maps": [_version_map(m, migration, i, e) for i, e in enumerate(migration.mappings) if e.source and e.targets],
    }
    for side, key in (("source", "source-gap-summary"), ("target", "target-gap-summary")):
        unmapped = _unmapped(migration, side)
        if unmapped:
            mapping[key] = {"uuid": stable_uuid("gap", m.id, old, new, side), "unmapped-controls": unmapped}
    return _collection(m, f"{m.id} {old} to {m.id} {new}", ("version", old), mapping, [source, target])


def _version_map(m: Manifest, migration: MigrationMap, index: int, entry: Mapping) -> Json:
    out: Json = {
        "uuid": stable_uuid("map", m.id, migration.from_version, migration.to_version, str(index)),
        "matching-rationale": MATCHING,
        "relationship": entry.relationship,
        "sources": [{"type": "control", "id-ref": entry.source}],
        "targets": [{"type": "control", "id-ref": t} for t in entry.targets],
        "props": [prop("change", kind) for kind in entry.changes],
    }
    return out | ({"remarks": entry.note} if entry.note else {})


def _unmapped(migration: MigrationMap, side: str) -> list[Json]:
    if side == "source":
        ids = [e.source for e in migration.mappings if e.source and not e.targets]
    else:
        ids = [t for e in migration.mappings if not e.source for t in e.targets]
    found = [i for i in ids if i]
    return [{"with-ids": found}] if found else []


def _collection(m: Manifest, title: str, key: tuple[str, str], mapping: Json, resources: list[Json]) -> Json:
    status = "draft" if m.status == "draft" else "complete"
    description = (
        f"{title}. Relationships read source to target (OSCAL set-theory relationships, NIST IR 8477): a source "
        "subset-of its target asks for less than the target does."
    )
    metadata = {
        "title": title,
        "last-modified": timestamp(m.released),
        "version": m.version,
        "oscal-version": OSCAL_VERSION,
        "props": [prop("standard-id", m.id), prop("lifecycle", m.status)],
    }
    return {
        "mapping-collection": {
            "uuid": stable_uuid("mapping-collection", m.id, m.version, *key),
            "metadata": metadata,
            "provenance": {
                "method": "human",
                "matching-rationale": MATCHING,
                "status": status,
                "mapping-description": description,
            },
            "mappings": [mapping],
            "back-matter": {"resources": resources},
        }
    }


def _catalog_resource(m: Manifest, version: str) -> Json:
    return {
        "uuid": stable_uuid("catalog", m.id, version),
        "title": f"{m.title} {version} (OSCAL catalog)",
        "rlinks": [{"href": catalog_file(m, version)}],
    }


def _framework_resource(m: Manifest, framework: Framework) -> Json:
    out: Json = {"uuid": stable_uuid("framework", m.id, framework.id), "title": framework.title}
    return out | ({"rlinks": [{"href": framework.url}]} if framework.url else {})
