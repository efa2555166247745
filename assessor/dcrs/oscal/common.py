"""What every OSCAL document written here shares: the version, the project namespace, stable UUIDs, props."""

from __future__ import annotations

import base64
import re
import uuid
from datetime import date
from typing import Any

from assessor.core.canonical import canonical_bytes

OSCAL_VERSION = "1.2.3"
NS = "https://dcr-assessor.example/ns/oscal"
"""The namespace of every DCRS-specific prop and part name (OSCAL's own names carry no `ns`)."""
UNRELEASED = "1970-01-01T00:00:00Z"
"""metadata.last-modified of a version with no release date (a draft): a fixed value keeps exports byte-stable."""
JSON_MEDIA = "application/json"
_UUID_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, NS)
_INTEGER = re.compile(r"^-?[0-9]+$")

Json = dict[str, Any]


def one_line(text: str) -> str:
    """User text as an OSCAL prop value or title: one line, no surrounding spaces, never empty."""
    return " ".join(text.split()) or "unstated"


def stable_uuid(*parts: str) -> str:
    """A UUID (v5) derived from names, so the same content always gets the same identifiers."""
    return str(uuid.uuid5(_UUID_ROOT, "/".join(parts)))


def prop(name: str, value: str, *, core: bool = False) -> Json:
    """An OSCAL property: DCRS names in the project namespace, OSCAL's own (`core`) without one."""
    return {"name": name, "value": value} if core else {"name": name, "ns": NS, "value": value}


def number_text(value: float) -> str:
    """A number as a prop value: integral values without a fraction (3, not 3.0), as RFC 8785 writes them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def parse_number(text: str) -> int | float:
    """A prop value read back as the number it was written from."""
    return int(text) if _INTEGER.match(text) else float(text)


def flag_text(value: bool) -> str:
    """A boolean as a prop value."""
    return "true" if value else "false"


def timestamp(day: date | None) -> str:
    """An OSCAL date-time (with time zone) for a day, or the fixed value for no day."""
    return f"{day.isoformat()}T00:00:00Z" if day is not None else UNRELEASED


def embedded_json(filename: str, data: Any) -> Json:
    """A back-matter `base64` object holding `data` as RFC 8785 JSON."""
    value = base64.b64encode(canonical_bytes(data)).decode("ascii")
    return {"filename": filename, "media-type": JSON_MEDIA, "value": value}


def embedded_text(blob: Json) -> str:
    """The text a back-matter `base64` object holds (ValueError when it is not base64 of UTF-8)."""
    raw = base64.b64decode(str(blob.get("value", "")), validate=True)
    return raw.decode("utf-8")
