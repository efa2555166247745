"""Groups and controls of a DCRS catalog read back into domains and requirements, each field located."""

from __future__ import annotations

from typing import Any

from assessor.core.documents import Document
from assessor.core.problems import JsonPath, json_path
from assessor.dcrs.oscal.catalog_export import CONDITION_PROPS
from assessor.dcrs.oscal.common import NS, Json, parse_number
from assessor.dcrs.oscal.reader import Props, Reader

Link = tuple[JsonPath, str, str]
GROUP_KEYS = ("id", "class", "title", "parts", "controls")
CONTROL_KEYS = ("id", "class", "title", "props", "links", "parts")
PART_KEYS = ("id", "name", "ns", "title", "props", "prose", "links")
CONTROL_PROPS = ("level", "critical", "weight", "lifecycle", "since", *CONDITION_PROPS.values())
FLAGS = {"true": True, "false": False}


def read_group(reader: Reader, path: JsonPath, value: Any) -> tuple[Document, list[Link]]:
    """A domain document (data and where each part came from) and the links its controls make."""
    cells: dict[JsonPath, str] = {(): json_path(path)}
    group = reader.obj(value, path, GROUP_KEYS, ("id", "title"))
    if group is None:
        return Document(reader.name, {}, cells=cells), []
    domain: Json = {"id": group.get("id"), "title": group.get("title"), "sources": []}
    for where, part in reader.items(group.get("parts"), (*path, "parts")):
        found = _part(reader, where, part)
        if found is not None and found.get("name") == "overview" and "ns" not in found:
            domain["purpose"] = found.get("prose")
        elif found is not None and (found.get("name"), found.get("ns")) == ("source", NS):
            cells[("sources", len(domain["sources"]))] = json_path(where)
            domain["sources"].append(_source(reader, where, found))
        elif found is not None:
            reader.problem(where, "unknown-part", f"a domain has no part named {found.get('name')!r}")
    links: list[Link] = []
    domain["requirements"] = []
    for where, item in reader.items(group.get("controls"), (*path, "controls")):
        index = len(domain["requirements"])
        cells[("requirements", index)] = json_path(where)
        requirement, found_links = _control(reader, where, item, cells, index)
        domain["requirements"].append(requirement)
        links += found_links
    return Document(reader.name, domain, cells=cells), links


def _part(reader: Reader, path: JsonPath, value: Any) -> Json | None:
    return reader.obj(value, path, PART_KEYS, ("name",))


def _source(reader: Reader, path: JsonPath, part: Json) -> Json:
    props = reader.props(part, path, ("section", "basis"))
    return {
        "section": props.one("section", reader, path),
        "title": part.get("title"),
        "basis": props.one("basis", reader, path),
    }


def _control(
    reader: Reader, path: JsonPath, value: Any, cells: dict[JsonPath, str], index: int
) -> tuple[Json, list[Link]]:
    control = reader.obj(value, path, CONTROL_KEYS, ("id", "title", "parts"))
    if control is None:
        return {}, []
    if isinstance(control.get("id"), str):
        reader.targets.add(control["id"])
    req: Json = {"id": control.get("id"), "title": control.get("title")}
    props = reader.props(control, path, CONTROL_PROPS, core=("status",))
    req |= _scalars(reader, path, props)
    links = reader.links(control, path, ("incorporated-into",))
    if links:
        req["replaced_by"] = links[0][1]
    part_links = _parts(reader, path, control, req, cells, index)
    return req, links + part_links


def _scalars(reader: Reader, path: JsonPath, props: Props) -> Json:
    out: Json = {
        "level": _number(reader, props, "level", path),
        "critical": _flag(reader, props, "critical", path),
        "weight": _number(reader, props, "weight", path),
        "status": props.one("lifecycle", reader, path),
        "since": props.one("since", reader, path),
    }
    withdrawn = props.all("status") == ["withdrawn"]
    if withdrawn != (out["status"] == "withdrawn"):
        reader.problem(props.where("status", path), "withdrawn-status", "OSCAL's status and the lifecycle disagree")
    condition = {field: props.all(name) for field, name in CONDITION_PROPS.items() if props.all(name)}
    if condition:
        out["applies_when"] = condition
    return out


def _number(reader: Reader, props: Props, name: str, path: JsonPath) -> int | float | None:
    text = props.one(name, reader, path)
    try:
        return parse_number(text) if text is not None else None
    except ValueError:
        reader.problem(props.where(name, path), "not-a-number", f"prop '{name}' is not a number: {text!r}")
        return None


def _flag(reader: Reader, props: Props, name: str, path: JsonPath) -> bool | None:
    text = props.one(name, reader, path)
    if text is not None and text not in FLAGS:
        reader.problem(props.where(name, path), "not-a-flag", f"prop '{name}' is true or false, not {text!r}")
    return FLAGS.get(text or "")


def _parts(
    reader: Reader, path: JsonPath, control: Json, req: Json, cells: dict[JsonPath, str], index: int
) -> list[Link]:
    lists: dict[str, list[Json]] = {"evidence": [], "metrics": [], "crosswalk": []}
    links: list[Link] = []
    for where, item in reader.items(control.get("parts"), (*path, "parts")):
        part = _part(reader, where, item)
        if part is None:
            continue
        key = _part_key(part)
        if key in ("statement", "guidance", "rationale"):
            req[key] = part.get("prose")
        elif key == "source":
            req["source"] = _source(reader, where, part)
        elif key in lists:
            cells[("requirements", index, key, len(lists[key]))] = json_path(where)
            lists[key].append(_READERS[key](reader, where, part))
            links += reader.links(part, where, ("reference",))
        else:
            reader.problem(where, "unknown-part", f"a requirement has no part named {part.get('name')!r}")
    req.update(lists)
    return links


def _part_key(part: Json) -> str | None:
    name, ns = part.get("name"), part.get("ns")
    if ns is None and name in ("statement", "guidance"):
        return str(name)
    keys = {"rationale": "rationale", "source": "source", "expected-evidence": "evidence", "metric": "metrics"}
    if ns == NS and name == "crosswalk":
        return "crosswalk"
    return keys.get(str(name)) if ns == NS else None


def _evidence(reader: Reader, path: JsonPath, part: Json) -> Json:
    props = reader.props(part, path, ("evidence-type", "max-age-days"))
    return {
        "type": props.one("evidence-type", reader, path),
        "max_age_days": _number(reader, props, "max-age-days", path),
    }


def _metric(reader: Reader, path: JsonPath, part: Json) -> Json:
    props = reader.props(part, path, ("metric", "operator", "threshold"))
    return {
        "metric": props.one("metric", reader, path),
        "op": props.one("operator", reader, path),
        "value": _number(reader, props, "threshold", path),
    }


def _crosswalk(reader: Reader, path: JsonPath, part: Json) -> Json:
    props = reader.props(part, path, ("framework", "relationship"))
    out: Json = {"framework": props.one("framework", reader, path), "ref": part.get("title")}
    relationship = props.one("relationship", reader, path, required=False)
    if relationship is not None:
        out["relationship"] = relationship
    if "prose" in part:
        out["rationale"] = part["prose"]
    return out


_READERS = {"evidence": _evidence, "metrics": _metric, "crosswalk": _crosswalk}
