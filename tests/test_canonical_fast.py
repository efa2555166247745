"""The fast canonical JSON writes exactly the reference RFC 8785 bytes, and fails where the reference fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.core.canonical import canonical_bytes
from assessor.dcrs.loader import load_standard
from assessor.intake.fingerprint import keyed
from assessor.intake.loader import load_submission

ROOT = Path(__file__).resolve().parent.parent
NUMBERS = st.one_of(
    st.integers(min_value=-(2**60), max_value=2**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [0.0, -0.0, 1e-4, 9.99e-5, 1e-7, 1e16, 1e16 - 2, 1e21, 123456789012345680000.0, 5.0, -38.5, 2.0**53]
    ),
)
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=8)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4))


def _reference(data: Any) -> bytes | str:
    try:
        return rfc8785.dumps(data)
    except (rfc8785.CanonicalizationError, UnicodeEncodeError) as error:
        return type(error).__name__


def _ours(data: Any) -> bytes | str:
    try:
        return canonical_bytes(data)
    except (rfc8785.CanonicalizationError, UnicodeEncodeError) as error:
        return type(error).__name__


@pytest.mark.slow
@settings(max_examples=400)
@given(JSON)
def test_any_json_value_is_written_as_the_reference_writes_it(data: Any) -> None:
    """Numbers at every scale, control and astral characters, non-ASCII keys: same bytes or the same error."""
    assert _ours(data) == _reference(data)


@pytest.mark.slow
def test_every_example_submission_is_written_as_the_reference_writes_it() -> None:
    """The keyed content of each shipped example hashes over the same bytes either way."""
    examples = ROOT / "examples"
    found = [p for pattern in ("*-lab.yaml", "*-release.yaml") for p in examples.rglob(pattern)]
    paths = sorted(p for p in found if "corpus" not in p.relative_to(examples).parts)  # the corpus is its own set
    assert len(paths) == 3 * len([examples, *examples.glob("1.*.*")])  # three per version's folder
    for path in paths:
        version = path.parent.name if path.parent.name[0].isdigit() else "1.0.0"
        data = keyed(load_submission(path, load_standard(version=version)).model_dump(mode="json"))
        assert canonical_bytes(data) == rfc8785.dumps(data)


ESCAPE_EDGES = [
    *range(0x100),
    0x2028,
    0x2029,
    0xD7FF,
    0xE000,
    0xFEFF,
    0xFFFD,
    0xFFFE,
    0xFFFF,
    0x10000,
    0x1F600,
    0x10FFFF,
]


@pytest.mark.parametrize("code", [0xD800, 0xDFFF], ids=["high", "low"])
def test_a_lone_surrogate_fails_as_the_reference_fails(code: int) -> None:
    """Text no UTF-8 can hold is refused with the reference's error, never written."""
    data = {"k": chr(code)}
    assert _ours(data) == _reference(data) == "CanonicalizationError"


def test_every_character_a_writer_might_escape_is_written_as_the_reference_writes_it() -> None:
    """Controls, DEL, Latin-1, the line and paragraph separators, the BMP's edges and astral characters: in values,
    in lists and in (non-ASCII, so reference-sorted) keys, the same bytes."""
    for code in ESCAPE_EDGES:
        text = chr(code)
        data = {"value": text, "list": [text, f"a{text}b"], text: 1}
        assert canonical_bytes(data) == rfc8785.dumps(data), hex(code)
