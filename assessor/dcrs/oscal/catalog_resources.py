"""Back-matter of a DCRS catalog read back: the paper, frameworks, evidence types, metrics and the JSON data."""

from __future__ import annotations

import binascii
from typing import Any

from assessor.core.documents import Document, parse_json
from assessor.core.problems import DocumentError, JsonPath, json_path
from assessor.dcrs.oscal.catalog_export import MANIFEST_DATA_FIELDS
from assessor.dcrs.oscal.common import Json, embedded_text, parse_number
from assessor.dcrs.oscal.reader import Props, Reader

RESOURCE_KEYS = ("uuid", "title", "description", "props", "citation", "rlinks", "base64")
ROLES = ("derived-from", "framework", "evidence-type", "metric", "manifest-data", "glossary")
RESOURCE_PROPS = (
    "role", "year", "author", "framework-id", "evidence-type-id", "operational", "metric-id", "unit", "kind",
    "minimum", "maximum", "tolerance-percent", "sufficiency-coverage-percent", "sufficiency-sample-size",
    "event-driven",
)  # fmt: skip
REGISTRIES = {"framework": "frameworks", "evidence-type": "evidence_types", "metric": "metrics"}


def read_resources(reader: Reader, back: Json, path: JsonPath, manifest: Json, cells: dict[JsonPath, str]) -> Document:
    """Fill the manifest's registries and data from the resources; the glossary document they hold."""
    glossary = Document(reader.name, {}, cells={(): json_path(path)})
    for key in REGISTRIES.values():
        manifest[key] = []
    for where, item in reader.items(back.get("resources"), (*path, "resources")):
        resource = reader.obj(item, where, RESOURCE_KEYS, ("uuid", "props"))
        if resource is None:
            continue
        if isinstance(resource.get("uuid"), str):
            reader.targets.add(resource["uuid"])
        props = reader.props(resource, where, RESOURCE_PROPS)
        role = props.one("role", reader, where)
        if role in REGISTRIES:
            cells[(REGISTRIES[role], len(manifest[REGISTRIES[role]]))] = json_path(where)
            manifest[REGISTRIES[role]].append(_ENTRY[role](reader, where, resource, props))
        elif role == "derived-from":
            cells[("derived_from",)] = json_path(where)
            manifest["derived_from"] = _paper(resource, props)
        elif role in ("manifest-data", "glossary"):
            _embedded(reader, where, resource, role, manifest, cells, glossary)
        elif role is not None:
            reader.problem(props.where("role", where), "unknown-resource", f"no resource role {role!r} in the standard")
    return glossary


def _paper(resource: Json, props: Props) -> Json:
    year = props.all("year")
    url = _first_href(resource)
    return {
        "title": resource.get("title"),
        "authors": props.all("author"),
        "year": _int(year[0] if year else ""),
        "url": url,
    }


def _framework(reader: Reader, where: JsonPath, resource: Json, props: Props) -> Json:
    out: Json = {"id": props.one("framework-id", reader, where), "title": resource.get("title")}
    url = _first_href(resource)
    if url is not None:
        out["url"] = url
    return out


def _evidence_type(reader: Reader, where: JsonPath, resource: Json, props: Props) -> Json:
    out: Json = {
        "id": props.one("evidence-type-id", reader, where),
        "name": resource.get("title"),
        "description": resource.get("description"),
    }
    operational = props.one("operational", reader, where, required=False)
    if operational is not None:
        out["operational"] = _flag(reader, props, "operational", where, operational)
    return out


def _metric(reader: Reader, where: JsonPath, resource: Json, props: Props) -> Json:
    out: Json = {
        "id": props.one("metric-id", reader, where),
        "name": resource.get("title"),
        "unit": props.one("unit", reader, where),
        "kind": props.one("kind", reader, where),
        "description": resource.get("description"),
    }
    for name in ("minimum", "maximum", "tolerance-percent"):
        text = props.one(name, reader, where, required=False)
        if text is not None:
            out[name.replace("-", "_")] = _num(reader, props, name, where, text)
    coverage = props.one("sufficiency-coverage-percent", reader, where, required=False)
    sample = props.one("sufficiency-sample-size", reader, where, required=False)
    if coverage is not None or sample is not None:
        out["sufficiency"] = {
            "coverage_percent": _num(reader, props, "sufficiency-coverage-percent", where, coverage or "x"),
            "sample_size": _num(reader, props, "sufficiency-sample-size", where, sample or "x"),
        }
    event = props.one("event-driven", reader, where, required=False)
    if event is not None:
        out["event_driven"] = _flag(reader, props, "event-driven", where, event)
    return out


_ENTRY = {"framework": _framework, "evidence-type": _evidence_type, "metric": _metric}


def _embedded(
    reader: Reader,
    where: JsonPath,
    resource: Json,
    role: str,
    manifest: Json,
    cells: dict[JsonPath, str],
    glossary: Document,
) -> None:
    data = _embedded_data(reader, (*where, "base64"), resource.get("base64"))
    if data is None:
        return
    if role == "glossary":
        glossary.data = data
        glossary.cells = {(): json_path((*where, "base64"))}
        return
    if not isinstance(data, dict) or set(data) - set(MANIFEST_DATA_FIELDS):
        reader.problem(
            (*where, "base64"), "embedded-json", f"the manifest data holds only {', '.join(MANIFEST_DATA_FIELDS)}"
        )
        return
    manifest.update(data)
    for key in data:
        cells[(key,)] = json_path((*where, "base64"))


def _embedded_data(reader: Reader, where: JsonPath, value: Any) -> Any:
    """Embedded JSON, parsed with the same bounds as any document (depth, sizes, duplicate keys)."""
    blob = reader.obj(value, where, ("filename", "media-type", "value"), ("value",))
    try:
        text = embedded_text(blob or {})
    except (ValueError, binascii.Error):
        reader.problem(where, "embedded-json", "the embedded data is not base64-encoded UTF-8 text")
        return None
    try:
        return parse_json(text, reader.name).data
    except DocumentError as err:
        for p in err.problems:
            reader.problem(where, p.code, f"in the embedded JSON at {json_path(p.location.path)}: {p.message}")
        return None


def _first_href(resource: Json) -> str | None:
    links = resource.get("rlinks")
    first = links[0] if isinstance(links, list) and links else None
    href = first.get("href") if isinstance(first, dict) else None
    return href if isinstance(href, str) else None


def _int(text: str) -> Any:
    return int(text) if text.isdigit() else text


def _num(reader: Reader, props: Props, name: str, where: JsonPath, text: str) -> Any:
    try:
        return parse_number(text)
    except ValueError:
        reader.problem(props.where(name, where), "not-a-number", f"prop '{name}' is not a number: {text!r}")
        return None


def _flag(reader: Reader, props: Props, name: str, where: JsonPath, text: str) -> bool | None:
    if text not in ("true", "false"):
        reader.problem(props.where(name, where), "not-a-flag", f"prop '{name}' is true or false, not {text!r}")
        return None
    return text == "true"
