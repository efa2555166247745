"""Read YAML and JSON safely into plain data, remembering the line of every JSON path.

YAML is composed with the safe loader and converted by hand so that duplicate keys, aliases
(the "billion laughs" bomb), unknown tags and deep nesting are refused with their line. Timestamps stay
text, so a YAML and a JSON copy of one document give the same data.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from assessor.core import limits
from assessor.core.bounds import bound_problems
from assessor.core.problems import DocumentError, JsonPath, Location, Problem

MAX_DEPTH = limits.DEPTH
DEFAULT_MAX_BYTES = limits.FILE_BYTES
_OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCT = SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_SCALARS = {
    _TAG + "str": lambda node: node.value,
    _TAG + "timestamp": lambda node: node.value,
    _TAG + "null": lambda node: None,
    _TAG + "bool": _CONSTRUCT.construct_yaml_bool,
    _TAG + "int": _CONSTRUCT.construct_yaml_int,
    _TAG + "float": _CONSTRUCT.construct_yaml_float,
}


@dataclass
class Document:
    """Parsed data plus where each JSON path came from: a line (YAML) or a cell (workbooks); JSON has neither."""

    name: str
    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)
    cells: dict[JsonPath, str] = field(default_factory=dict)
    # Rows a workbook lists but leaves blank (a requirement no one answered), by their key: their first input cell.
    blank_rows: dict[str, str] = field(default_factory=dict)
    bounded: bool = False  # checked against every limit already (parsed from a file, or by `bounded()`)

    def locate(self, path: JsonPath) -> Location:
        """The location of a path, or of its nearest ancestor that has a line or a cell."""
        for cut in range(len(path), -1, -1):
            prefix = tuple(path[:cut])
            if prefix in self.cells:
                return Location(self.name, 0, tuple(path), self.cells[prefix])
            line = self.lines.get(prefix)
            if line:
                return Location(self.name, line, tuple(path))
        return Location(self.name, 0, tuple(path))


def load_document(path: Path | str, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a .yaml/.yml/.json file; raise DocumentError with every problem found."""
    display = name or str(path)
    text = read_text(path, display, max_bytes)
    if file_suffix(path) == ".json":
        return parse_json(text, display)
    return parse_yaml(text, display)


def file_suffix(path: Path | str) -> str:
    """A file name's suffix in lower case, as `Path.suffix` reads it; a name given as text is not made a Path
    (a Path interns each part of its name: see `assessor.batch.discover`)."""
    return (path.suffix if isinstance(path, Path) else os.path.splitext(path)[1]).lower()  # noqa: PTH122


def read_text(path: Path | str, name: str, max_bytes: int) -> str:
    """The file's UTF-8 text, refusing missing, oversized and undecodable files before parsing."""
    raw = read_bounded(path, name, max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _fail(name, "not-utf8", f"not UTF-8 text (byte {err.start})") from None


def read_bounded(path: Path | str, name: str, max_bytes: int) -> bytes:
    """At most `max_bytes` of a regular file: devices, FIFOs, sockets and folders are refused before reading,
    and the size is counted while reading rather than trusted from the directory entry."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (OSError, ValueError) as err:
        raise _fail(name, "unreadable", getattr(err, "strerror", None) or str(err)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise _fail(name, "not-a-file", "not a regular file (a folder, device, FIFO or socket)")
    with os.fdopen(fd, "rb") as handle:
        try:
            raw = handle.read(max_bytes + 1)
        except OSError as err:
            raise _fail(name, "unreadable", err.strerror or str(err)) from None
    if len(raw) > max_bytes:
        raise _fail(name, "too-large", f"file is more than {max_bytes:,} bytes; the limit is {max_bytes:,}")
    return raw


def parse_yaml(text: str, name: str) -> Document:
    """Parse one YAML document; every structural problem is reported with its line."""
    try:
        _check_yaml_depth(text, name)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        raise _fail(name, "yaml-syntax", f"{err.problem or err.context}", line) from None
    except yaml.YAMLError as err:
        raise _fail(name, "yaml-syntax", str(err)) from None
    except RecursionError:
        raise _fail(name, "too-deep", "nesting is too deep to parse") from None
    except UnicodeError:  # text given as a str with lone surrogates (files are decoded before this)
        raise _fail(name, "bad-character", "the text holds characters that are not valid Unicode") from None
    if root is None:
        raise _fail(name, "empty-document", "the file is empty")
    builder = _Builder(name)
    data = builder.build(root, (), 0)
    if builder.problems:
        raise DocumentError(builder.problems)
    return bounded(Document(name, data, builder.lines))


def bounded(doc: Document) -> Document:
    """The document, once its data is within every limit; DocumentError lists each limit broken."""
    if doc.bounded:
        return doc
    problems = bound_problems(doc.data, doc.locate)
    if problems:
        raise DocumentError(problems)
    doc.bounded = True
    return doc


def _check_yaml_depth(text: str, name: str) -> None:
    """Refuse deep nesting from the event stream, before the (recursive, C) composer could overflow."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"nested more than {MAX_DEPTH} levels"
                raise _fail(name, "too-deep", message, event.start_mark.line + 1 if event.start_mark else 0)
        elif isinstance(event, _CLOSING):
            depth -= 1


def parse_json(text: str, name: str) -> Document:
    """Parse JSON, refusing duplicate keys, NaN/Infinity and deep nesting, located by JSON path."""
    if not text.strip():
        raise _fail(name, "empty-document", "the file is empty")
    repeated: list[bool] = []
    try:
        _check_json_depth(text, name)
        data = json.loads(text, object_pairs_hook=_counting(repeated), parse_constant=_refuse_constant)
        if repeated:  # parsed again, remembering each object's repeated keys, only when there are some to locate
            data = json.loads(text, object_pairs_hook=_KeyCheckedDict, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise _fail(name, "json-syntax", f"{err.msg} (column {err.colno})", err.lineno) from None
    except ValueError as err:
        raise _fail(name, "json-syntax", str(err)) from None
    except RecursionError:
        raise _fail(name, "too-deep", "nesting is too deep to parse") from None
    problems = _json_problems(name, data, (), 0) if repeated else []
    if problems:
        raise DocumentError(problems)
    return bounded(Document(name, data))


_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'  # a run of plain characters at a time, not one alternation per character
_JSON_TOKENS = re.compile(_JSON_STRING + r"|[\[\]{}]")
_JSON_STRINGS = re.compile(_JSON_STRING)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_AS_PARENTHESES = str.maketrans("[{]}", "(())")


def _check_json_depth(text: str, name: str) -> None:
    """Refuse deep nesting before the parser recurses. The brackets outside strings, with every innermost pair
    removed once per level, are gone within MAX_DEPTH rounds exactly when they balance at most that deep (each
    round is one C pass); otherwise one linear scan finds the line where the depth is exceeded, if it is."""
    nested = _NOT_BRACKETS.sub("", _JSON_STRINGS.sub("", text)).translate(_AS_PARENTHESES)
    for _ in range(MAX_DEPTH):
        if not nested:
            return
        nested = nested.replace("()", "")
    if nested:
        _scan_json_depth(text, name)


def _scan_json_depth(text: str, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH at its line, scanning brackets outside strings one by one."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise _fail(name, "too-deep", f"nested more than {MAX_DEPTH} levels", line)
        elif token in "]}":
            depth -= 1


def _counting(repeated: list[bool]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """An object hook that builds plain dicts and notes in `repeated` whether any object gave a key twice."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(pairs)
        if len(made) != len(pairs):
            repeated.append(True)
        return made

    return hook


class _KeyCheckedDict(dict[str, Any]):
    """A JSON object that remembers keys given more than once."""

    duplicates: list[str]

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__()
        self.duplicates = []
        for key, value in pairs:
            if key in self:
                self.duplicates.append(key)
            self[key] = value


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _json_problems(name: str, data: Any, path: JsonPath, depth: int) -> list[Problem]:
    if depth > MAX_DEPTH:
        return [Problem(Location(name, 0, path), "too-deep", f"nested more than {MAX_DEPTH} levels")]
    problems: list[Problem] = []
    if isinstance(data, _KeyCheckedDict):
        for key in data.duplicates:
            problems.append(Problem(Location(name, 0, (*path, key)), "duplicate-key", f"key '{key}' is given twice"))
        for key, value in data.items():
            problems += _json_problems(name, value, (*path, key), depth + 1)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            problems += _json_problems(name, value, (*path, index), depth + 1)
    return problems


class _Builder:
    """Turns a composed YAML node tree into plain data, collecting located problems."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: dict[JsonPath, int] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def fail(self, node: Node, code: str, message: str, path: JsonPath) -> None:
        self.problems.append(Problem(Location(self.name, node.start_mark.line + 1, path), code, message))

    def build(self, node: Node, path: JsonPath, depth: int) -> Any:
        if id(node) in self._seen:
            # An alias is the anchored node itself, so its own mark is the anchor's: use the key's line.
            line = next(self.lines[path[:cut]] for cut in range(len(path), -1, -1) if path[:cut] in self.lines)
            self.problems.append(Problem(Location(self.name, line, path), "yaml-alias", "aliases are not allowed"))
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self.fail(node, "too-deep", f"nested more than {MAX_DEPTH} levels", path)
            return None
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode) and node.tag == _TAG + "map":
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode) and node.tag == _TAG + "seq":
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, ScalarNode) and node.tag in _SCALARS:
            return self._scalar(node, path)
        self.fail(node, "unsupported-tag", f"YAML tag {node.tag} is not allowed", path)
        return None

    def _mapping(self, node: MappingNode, path: JsonPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _SCALARS:
                self.fail(key_node, "bad-key", "keys must be plain text (no tags, merge keys or complex keys)", path)
                continue
            key, line = key_node.value, key_node.start_mark.line + 1
            if key in result:
                first = self.lines[(*path, key)]
                self.fail(key_node, "duplicate-key", f"key '{key}' is given twice (first at line {first})", path)
                continue
            self.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: ScalarNode, path: JsonPath) -> Any:
        try:
            value = _SCALARS[node.tag](node)
        except ValueError as err:  # e.g. an integer longer than Python converts (4,300 digits)
            self.fail(node, "bad-number", f"not a usable number: {str(err)[:80]}", path)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(node, "not-finite", "infinite or NaN numbers are not allowed", path)
            return None
        return value


def _fail(name: str, code: str, message: str, line: int = 0) -> DocumentError:
    return DocumentError([Problem(Location(name, line), code, message)])
