"""Rule `canonical_locations` (register): one address is written one way before artefacts are compared.

Runs before `artefact_identity`, which merges registrations that share a location: here each location is
rewritten to its canonical form, so spellings of one address are one key (red-team log). For a URL:
the scheme and host without case, the `equivalent_schemes` as the first of their group (http is https), no
user information, no default port, no trailing dot on the host, unreserved characters percent-decoded (and
other escapes in upper case), dot segments resolved, repeated and trailing slashes dropped, an empty query
dropped and query parameters in sorted order, and no fragment. A path in the submission's folder: `\\` as `/`,
no `./`, repeated slashes or dot segments. With `case_insensitive_paths`, paths compare without case (an
evidence folder may sit on a case-insensitive file system; merging two names that differ only by case is the
least favourable reading). A query that names a different resource (`?id=114`, `?v=2`) stays a different
address: only a sha256 shows two addresses hold one file.
Example: https://Docs.Example:443/a/./b//report.pdf?#p2 and http://docs.example/a/b/report.pdf are one artefact.
"""

from __future__ import annotations

import re
import string
from urllib.parse import parse_qsl, urlencode

from assessor.dcrs.base import StrictModel
from assessor.intake.models import EvidenceItem
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register

_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


class Params(StrictModel):
    """Schemes that name one resource (the first of each group is kept) and whether paths ignore case."""

    equivalent_schemes: list[list[str]]
    case_insensitive_paths: bool


def canonical_locations(register: Register, ctx: Context, params: Params) -> Register:
    """Every item's location in its canonical form (an item already so spelled is kept as it is)."""
    items = {key: _located(item, canonical(item.location, params)) for key, item in register.items.items()}
    return register.with_(items=items)


def _located(item: EvidenceItem, location: str) -> EvidenceItem:
    return item if location == item.location else item.model_copy(update={"location": location})


def canonical(location: str, params: Params) -> str:
    """The canonical spelling of a URL or of a path in the submission's folder."""
    bare = location.strip().split("#", 1)[0]
    if "://" not in bare:
        path = _path(bare.replace("\\", "/"))
        return path.casefold() if params.case_insensitive_paths else path
    scheme, rest = bare.split("://", 1)
    scheme = scheme.lower()
    for group in params.equivalent_schemes:
        if scheme in (s.lower() for s in group):
            scheme = group[0].lower()
    authority, slash, tail = rest.partition("/")
    path, _, query = ("/" + tail if slash else "").partition("?")
    host = authority.rsplit("@", 1)[-1].lower()
    name, colon, port = host.rpartition(":")
    if colon and port.isdigit() and "]" not in port:
        host = name if port in _DEFAULT_PORTS.values() else f"{name.rstrip('.')}:{port}"
    host = host.rstrip(".")
    path = _path(_escapes(path))
    if params.case_insensitive_paths:
        path = path.casefold()
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return f"{scheme}://{host}/{path}" + (f"?{urlencode(pairs)}" if pairs else "")


def _escapes(text: str) -> str:
    """Percent-escapes of unreserved characters decoded, the rest in upper case (RFC 3986 6.2.2)."""

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _ESCAPE.sub(fix, text)


def _path(path: str) -> str:
    """Dot segments resolved, empty segments dropped, no leading or trailing slash."""
    out: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if out:
                out.pop()
            continue
        out.append(segment)
    return "/".join(out)


RULE = register(
    Rule(
        name="canonical_locations",
        phase="register",
        params=Params,
        apply=canonical_locations,
        summary="Spellings of one address (case, scheme, port, slashes, escapes, fragment) are one location.",
        example="http://docs.example/a/b.pdf and https://DOCS.example:443/a/./b.pdf# are one artefact.",
    )
)
