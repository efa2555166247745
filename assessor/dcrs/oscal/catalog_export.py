"""The standard as an OSCAL 1.2.3 catalog: groups are domains, controls are requirements.

Every field of the standard has a place, so `catalog_import` reads the catalog back into identical data:
statement and guidance are OSCAL parts; rationale, expected evidence, metrics, source and crosswalk are parts
in the project namespace; level, criticality, weight, lifecycle and applicability are namespaced props. The
paper, every cited framework, the evidence types and the metrics are back-matter resources the controls link
to. The scoring rules, levels, scope caveats and glossary have no OSCAL shape and travel as JSON resources.
"""

from __future__ import annotations

from assessor.dcrs.models import (
    CrosswalkRef,
    Domain,
    EvidenceExpectation,
    EvidenceType,
    Framework,
    Manifest,
    MetricDefinition,
    MetricThreshold,
    Requirement,
    SourceRef,
    Standard,
)
from assessor.dcrs.oscal.common import (
    NS,
    OSCAL_VERSION,
    Json,
    embedded_json,
    flag_text,
    number_text,
    prop,
    stable_uuid,
    timestamp,
)

MANIFEST_DATA = "manifest-data.json"
GLOSSARY_DATA = "glossary.json"
MANIFEST_DATA_FIELDS = ("levels", "scoring", "scope_caveats", "crosswalk_relationships")
CONDITION_PROPS = {
    "surfaces_any": "applies-when-any",
    "surfaces_all": "applies-when-all",
    "surfaces_none": "applies-when-none",
}


def catalog(standard: Standard) -> Json:
    """The OSCAL catalog document ({"catalog": ...}) for one version of the standard."""
    m = standard.manifest
    return {
        "catalog": {
            "uuid": stable_uuid("catalog", m.id, m.version),
            "metadata": metadata(m),
            "groups": [group(m, d) for d in standard.domains],
            "back-matter": {"resources": resources(standard)},
        }
    }


def metadata(m: Manifest) -> Json:
    """Title, version, lifecycle and publisher of the standard."""
    party = stable_uuid("party", m.publisher)
    props = [prop("standard-id", m.id), prop("lifecycle", m.status), prop("license", m.license)]
    out: Json = {"title": m.title}
    if m.released is not None:
        out["published"] = timestamp(m.released)
        props.append(prop("released", m.released.isoformat()))
    out |= {"last-modified": timestamp(m.released), "version": m.version, "oscal-version": OSCAL_VERSION}
    return out | {
        "props": props,
        "roles": [{"id": "publisher", "title": "Publisher"}],
        "parties": [{"uuid": party, "type": "organization", "name": m.publisher}],
        "responsible-parties": [{"role-id": "publisher", "party-uuids": [party]}],
        "remarks": m.description,
    }


def group(m: Manifest, domain: Domain) -> Json:
    """A domain: its purpose as the overview part, its paper sources, its requirements as controls."""
    parts = [{"name": "overview", "prose": domain.purpose}, *[source_part(s) for s in domain.sources]]
    out: Json = {"id": domain.id, "class": "domain", "title": domain.title, "parts": parts}
    if domain.requirements:
        out["controls"] = [control(m, r) for r in domain.requirements]
    return out


def control(m: Manifest, req: Requirement) -> Json:
    """A requirement, every field of it."""
    out: Json = {"id": req.id, "class": "requirement", "title": req.title, "props": control_props(req)}
    if req.replaced_by is not None:
        out["links"] = [{"href": f"#{req.replaced_by}", "rel": "incorporated-into"}]
    parts: list[Json] = [
        {"id": f"{req.id}_smt", "name": "statement", "prose": req.statement},
        {"id": f"{req.id}_gdn", "name": "guidance", "prose": req.guidance},
        {"name": "rationale", "ns": NS, "prose": req.rationale},
        *[evidence_part(m, e) for e in req.evidence],
        *[metric_part(m, t) for t in req.metrics],
        source_part(req.source),
        *[crosswalk_part(m, c) for c in req.crosswalk],
    ]
    return out | {"parts": parts}


def control_props(req: Requirement) -> list[Json]:
    """Level, criticality, weight, lifecycle (with OSCAL's own `status: withdrawn`), since and applicability."""
    props = [
        prop("level", str(req.level)),
        prop("critical", flag_text(req.critical)),
        prop("weight", number_text(req.weight)),
        prop("lifecycle", req.status),
        prop("since", req.since),
    ]
    if req.status == "withdrawn":
        props.append(prop("status", "withdrawn", core=True))
    if req.applies_when is not None:
        for field, name in CONDITION_PROPS.items():
            props += [prop(name, s) for s in getattr(req.applies_when, field) or []]
    return props


def source_part(source: SourceRef) -> Json:
    """Where in the paper a domain or requirement comes from, and how firmly (basis V/S/T/A)."""
    props = [prop("section", source.section), prop("basis", source.basis)]
    return {"name": "source", "ns": NS, "title": source.title, "props": props}


def evidence_part(m: Manifest, expectation: EvidenceExpectation) -> Json:
    """An evidence type a fully/largely claim needs, and its maximum age, linked to the type's resource."""
    props = [prop("evidence-type", expectation.type), prop("max-age-days", str(expectation.max_age_days))]
    link = {"href": f"#{stable_uuid('evidence-type', m.id, expectation.type)}", "rel": "reference"}
    return {"name": "expected-evidence", "ns": NS, "props": props, "links": [link]}


def metric_part(m: Manifest, threshold: MetricThreshold) -> Json:
    """A metric threshold the evidence must meet, linked to the metric's resource."""
    props = [
        prop("metric", threshold.metric),
        prop("operator", threshold.op),
        prop("threshold", number_text(threshold.value)),
    ]
    link = {"href": f"#{stable_uuid('metric', m.id, threshold.metric)}", "rel": "reference"}
    return {"name": "metric", "ns": NS, "props": props, "links": [link]}


def crosswalk_part(m: Manifest, ref: CrosswalkRef) -> Json:
    """A clause of another framework (title), the relationship and its rationale (prose) where typed."""
    props = [prop("framework", ref.framework)]
    if ref.relationship is not None:
        props.append(prop("relationship", ref.relationship))
    link = {"href": f"#{stable_uuid('framework', m.id, ref.framework)}", "rel": "reference"}
    out: Json = {"name": "crosswalk", "ns": NS, "title": ref.ref, "props": props}
    if ref.rationale is not None:
        out["prose"] = ref.rationale
    return out | {"links": [link]}


def resources(standard: Standard) -> list[Json]:
    """The paper, the frameworks, the evidence types, the metrics, then the JSON-only data."""
    m = standard.manifest
    return [
        paper_resource(m),
        *[framework_resource(m, f) for f in m.frameworks],
        *[evidence_type_resource(m, e) for e in m.evidence_types],
        *[metric_resource(m, d) for d in m.metrics],
        json_resource(m, "manifest-data", MANIFEST_DATA, m.model_dump(mode="json", include=set(MANIFEST_DATA_FIELDS))),
        json_resource(m, "glossary", GLOSSARY_DATA, standard.glossary.model_dump(mode="json")),
    ]


def paper_resource(m: Manifest) -> Json:
    """The publication the standard is derived from."""
    paper = m.derived_from
    props = [prop("role", "derived-from"), prop("year", str(paper.year)), *[prop("author", a) for a in paper.authors]]
    citation = f"{', '.join(paper.authors)} ({paper.year}). {paper.title}."
    return {
        "uuid": stable_uuid("paper", m.id),
        "title": paper.title,
        "props": props,
        "citation": {"text": citation},
        "rlinks": [{"href": paper.url}],
    }


def framework_resource(m: Manifest, framework: Framework) -> Json:
    """A framework the crosswalk cites."""
    out: Json = {
        "uuid": stable_uuid("framework", m.id, framework.id),
        "title": framework.title,
        "props": [prop("role", "framework"), prop("framework-id", framework.id)],
    }
    if framework.url is not None:
        out["rlinks"] = [{"href": framework.url}]
    return out


def evidence_type_resource(m: Manifest, kind: EvidenceType) -> Json:
    """An entry of the evidence-type registry."""
    props = [prop("role", "evidence-type"), prop("evidence-type-id", kind.id)]
    if kind.operational is not None:
        props.append(prop("operational", flag_text(kind.operational)))
    return {
        "uuid": stable_uuid("evidence-type", m.id, kind.id),
        "title": kind.name,
        "description": kind.description,
        "props": props,
    }


def metric_resource(m: Manifest, metric: MetricDefinition) -> Json:
    """A metric definition: unit, kind, bounds, tolerance, sufficiency."""
    props = [prop("role", "metric"), prop("metric-id", metric.id), prop("unit", metric.unit), prop("kind", metric.kind)]
    optional = {
        "minimum": metric.minimum,
        "maximum": metric.maximum,
        "tolerance-percent": metric.tolerance_percent,
        "sufficiency-coverage-percent": metric.sufficiency.coverage_percent if metric.sufficiency else None,
        "sufficiency-sample-size": metric.sufficiency.sample_size if metric.sufficiency else None,
    }
    props += [prop(name, number_text(value)) for name, value in optional.items() if value is not None]
    if metric.event_driven is not None:
        props.append(prop("event-driven", flag_text(metric.event_driven)))
    return {
        "uuid": stable_uuid("metric", m.id, metric.id),
        "title": metric.name,
        "description": metric.description,
        "props": props,
    }


def json_resource(m: Manifest, role: str, filename: str, data: object) -> Json:
    """Data OSCAL has no shape for, carried exactly as embedded RFC 8785 JSON."""
    what = "scoring rules, readiness levels and scope caveats" if role == "manifest-data" else "glossary"
    return {
        "uuid": stable_uuid(role, m.id),
        "title": f"{m.id} {m.version} {what} (JSON)",
        "props": [prop("role", role)],
        "base64": embedded_json(filename, data),
    }
