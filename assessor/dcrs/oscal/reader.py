"""Reading an OSCAL document defensively: every problem collected with its JSON path, none raised half-way.

The reader knows which keys, props and links each object may carry; anything else (an unknown prop, a field
the standard has no place for, a link leaving the document) is a located problem, so nothing is dropped
silently and a hostile document gets every refusal at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from assessor.core.problems import JsonPath, Location, Problem, json_path
from assessor.dcrs.oscal.common import NS, Json


@dataclass
class Reader:
    """Problems found so far in one document, and the ids and UUIDs links may point at."""

    name: str
    problems: list[Problem] = field(default_factory=list)
    targets: set[str] = field(default_factory=set)

    def at(self, path: JsonPath) -> Location:
        """Where a JSON path is, shown as the path itself."""
        return Location(self.name, 0, path, json_path(path))

    def problem(self, path: JsonPath, code: str, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(self.at(path), code, message))

    def obj(self, value: Any, path: JsonPath, allowed: Iterable[str], required: Iterable[str] = ()) -> Json | None:
        """An object with only the `allowed` keys and every `required` one; None (and problems) otherwise."""
        if not isinstance(value, dict):
            self.problem(path, "not-an-object", "expected a JSON object")
            return None
        allowed = set(allowed)
        for key in sorted(set(value) - allowed):
            self.problem((*path, key), "unsupported-field", f"'{key}' has no place in the standard's data")
        for key in required:
            if key not in value:
                self.problem((*path, key), "missing-field", f"missing required key '{key}'")
        return value

    def items(self, value: Any, path: JsonPath) -> list[tuple[JsonPath, Any]]:
        """The entries of a list with their paths ([] and a problem when it is not a list)."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, "not-a-list", "expected a JSON array")
            return []
        return [((*path, i), item) for i, item in enumerate(value)]

    def text(self, value: Any, path: JsonPath) -> str | None:
        """A string value (None and a problem otherwise)."""
        if isinstance(value, str):
            return value
        self.problem(path, "not-a-string", "expected a string")
        return None

    def props(self, owner: Json, path: JsonPath, names: Iterable[str], core: Iterable[str] = ()) -> Props:
        """The owner's props by name; props not among `names` (project namespace) or `core` (OSCAL's) are
        refused."""
        found = Props()
        known, oscal = set(names), set(core)
        for where, item in self.items(owner.get("props"), (*path, "props")):
            p = self.obj(item, where, ("name", "ns", "value"), ("name", "value"))
            if p is None:
                continue
            name, ns, value = p.get("name"), p.get("ns"), p.get("value")
            if not isinstance(value, str) or not isinstance(name, str):
                self.problem(where, "not-a-string", "a prop's name and value are strings")
            elif (ns == NS and name in known) or (ns is None and name in oscal):
                found.add(name, value, where)
            else:
                shown = f"{ns}#{name}" if ns else name
                self.problem(where, "unknown-prop", f"unknown prop '{shown}': the standard has no field for it")
        return found

    def links(self, owner: Json, path: JsonPath, rels: Iterable[str]) -> list[tuple[JsonPath, str, str]]:
        """The owner's links as (path, target id, rel); a link out of the document or of another kind is
        refused."""
        out = []
        for where, item in self.items(owner.get("links"), (*path, "links")):
            link = self.obj(item, where, ("href", "rel", "text"), ("href",))
            href = link.get("href") if link else None
            rel = link.get("rel", "") if link else ""
            if not isinstance(href, str) or not href.startswith("#"):
                self.problem(where, "external-link", f"link {href!r} leaves the document: only '#id' links are read")
            elif rel not in rels:
                self.problem(where, "unknown-link", f"a link with rel {rel!r} has no meaning here")
            else:
                out.append((where, href[1:], str(rel)))
        return out

    def dangling(self, links: Iterable[tuple[JsonPath, str, str]]) -> None:
        """Links whose target is nowhere in the document."""
        for where, target, _ in links:
            if target not in self.targets:
                self.problem(where, "dangling-link", f"link to #{target}: nothing in the document has that id")


@dataclass
class Props:
    """Props read from one object: values by name, with where each came from."""

    values: dict[str, list[tuple[str, JsonPath]]] = field(default_factory=dict)

    def add(self, name: str, value: str, where: JsonPath) -> None:
        """Remember one prop."""
        self.values.setdefault(name, []).append((value, where))

    def all(self, name: str) -> list[str]:
        """Every value of a repeatable prop, in order."""
        return [v for v, _ in self.values.get(name, [])]

    def one(self, name: str, reader: Reader, owner: JsonPath, *, required: bool = True) -> str | None:
        """The single value of a prop; a problem when it is missing (and required) or given twice."""
        found = self.values.get(name, [])
        if len(found) > 1:
            reader.problem(found[1][1], "repeated-prop", f"prop '{name}' is given more than once")
        if not found and required:
            reader.problem((*owner, "props"), "missing-prop", f"missing prop '{name}'")
        return found[0][0] if found else None

    def where(self, name: str, owner: JsonPath) -> JsonPath:
        """The path of a prop (its owner's when it is absent)."""
        found = self.values.get(name)
        return found[0][1] if found else owner
