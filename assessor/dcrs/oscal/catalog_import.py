"""An OSCAL catalog written by `catalog_export` read back into the standard's data, every problem located.

The catalog is parsed with the same bounds as every input (size, nesting, duplicate keys), its oscal-version
must be the one written, and each group, control, part, prop and link must be one the export writes: the
standard is rebuilt field by field, validated by its own models and semantic rules, and refused with every
problem at its JSON path otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from assessor.core.documents import Document, parse_json
from assessor.core.problems import DocumentError, InvalidStandard, JsonPath, Problem, json_path
from assessor.core.validation import validate_document
from assessor.dcrs.base import StrictModel
from assessor.dcrs.loaded import LoadedStandard
from assessor.dcrs.models import Domain, Glossary, Manifest, Standard
from assessor.dcrs.oscal.catalog_controls import read_group
from assessor.dcrs.oscal.catalog_resources import read_resources
from assessor.dcrs.oscal.common import OSCAL_VERSION, Json
from assessor.dcrs.oscal.reader import Reader
from assessor.dcrs.rules import run_rules

CATALOG_KEYS = ("uuid", "metadata", "groups", "back-matter")
METADATA_KEYS = (
    "title", "published", "last-modified", "version", "oscal-version", "props", "roles", "parties",
    "responsible-parties", "remarks",
)  # fmt: skip
ROOT: JsonPath = ("catalog",)
M = TypeVar("M", bound=StrictModel)


def import_catalog(text: str, name: str) -> Standard:
    """The standard an OSCAL catalog holds; InvalidStandard with every problem (JSON paths) otherwise."""
    try:
        doc = parse_json(text, name)
    except DocumentError as err:
        raise InvalidStandard(err.problems) from None
    reader = Reader(name)
    parts = _read(reader, doc.data)
    if reader.problems or parts is None:
        raise InvalidStandard(reader.problems)
    return _build(reader, *parts)


def _read(reader: Reader, data: Any) -> tuple[Document, list[Document], Document] | None:
    top = reader.obj(data, (), ("catalog",), ("catalog",))
    cat = reader.obj(top.get("catalog"), ROOT, CATALOG_KEYS, CATALOG_KEYS) if top else None
    if cat is None:
        return None
    meta = reader.obj(cat.get("metadata"), (*ROOT, "metadata"), METADATA_KEYS, ("title", "version", "oscal-version"))
    manifest: Json = {}
    cells: dict[JsonPath, str] = {(): json_path((*ROOT, "metadata"))}
    if meta is not None:
        _metadata(reader, meta, manifest, cells)
    back = reader.obj(cat.get("back-matter"), (*ROOT, "back-matter"), ("resources",), ("resources",))
    glossary = read_resources(reader, back or {}, (*ROOT, "back-matter"), manifest, cells)
    read = [read_group(reader, where, g) for where, g in reader.items(cat.get("groups"), (*ROOT, "groups"))]
    manifest["domains"] = [doc.data.get("id") for doc, _ in read]
    reader.dangling(link for _, links in read for link in links)
    return Document(reader.name, manifest, cells=cells), [doc for doc, _ in read], glossary


def _metadata(reader: Reader, meta: Json, manifest: Json, cells: dict[JsonPath, str]) -> None:
    path = (*ROOT, "metadata")
    version = meta.get("oscal-version")
    if version != OSCAL_VERSION:
        message = f"oscal-version {version!r}: this reader takes OSCAL {OSCAL_VERSION} catalogs, as it writes them"
        reader.problem((*path, "oscal-version"), "oscal-version", message)
    props = reader.props(meta, path, ("standard-id", "lifecycle", "license", "released"))
    manifest["id"] = props.one("standard-id", reader, path)
    manifest["title"] = meta.get("title")
    manifest["version"] = meta.get("version")
    manifest["status"] = props.one("lifecycle", reader, path)
    manifest["license"] = props.one("license", reader, path)
    released = props.one("released", reader, path, required=False)
    if released is not None:
        manifest["released"] = released
    manifest["description"] = meta.get("remarks")
    manifest["publisher"] = _publisher(reader, meta, path)
    for key, prop_name in (("id", "standard-id"), ("status", "lifecycle"), ("license", "license")):
        cells[(key,)] = json_path(props.where(prop_name, path))
    cells[("version",)] = json_path((*path, "version"))
    cells[("title",)] = json_path((*path, "title"))


def _publisher(reader: Reader, meta: Json, path: JsonPath) -> str | None:
    parties = reader.items(meta.get("parties"), (*path, "parties"))
    if len(parties) != 1:
        reader.problem((*path, "parties"), "publisher", "the catalog names exactly one party, the publisher")
        return None
    where, party = parties[0]
    found = reader.obj(party, where, ("uuid", "type", "name"), ("name",))
    return reader.text(found.get("name"), (*where, "name")) if found else None


def _build(reader: Reader, manifest_doc: Document, domain_docs: list[Document], glossary_doc: Document) -> Standard:
    problems: list[Problem] = []
    manifest = _validated(Manifest, manifest_doc, problems)
    domains = [d for d in (_validated(Domain, doc, problems) for doc in domain_docs) if d is not None]
    glossary = _validated(Glossary, glossary_doc, problems)
    if problems or manifest is None or glossary is None:
        raise InvalidStandard(problems)
    standard = Standard(manifest=manifest, domains=domains, glossary=glossary)
    by_id = {d.id: doc for d, doc in zip(domains, domain_docs, strict=True)}
    loaded = LoadedStandard(Path(reader.name), manifest_doc, by_id, standard, glossary_doc)
    problems = run_rules(loaded)
    if any(p.severity == "error" for p in problems):
        raise InvalidStandard(problems)
    return standard


def _validated(model: type[M], doc: Document, problems: list[Problem]) -> M | None:
    try:
        return validate_document(model, doc)
    except DocumentError as err:
        problems += err.problems
        return None
