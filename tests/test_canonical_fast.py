"""The canonical JSON fast path gives exactly the bytes of the rfc8785 library, for any JSON data."""

from __future__ import annotations

import math

import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.core.canonical import canonical_bytes

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**60), max_value=2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([0.1, 1e-7, 1e21, 1e16, 2.0**53, -0.0, 5.0, 123456789012345680000.0, 1e-5, 0.000001])
    | st.text()
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=6), inner, max_size=5),
    max_leaves=30,
)


def reference(data: object) -> bytes | str:
    """rfc8785's bytes, or the name of the error it raises."""
    try:
        return rfc8785.dumps(data)  # type: ignore[arg-type]
    except Exception as err:
        return type(err).__name__


def ours(data: object) -> bytes | str:
    """canonical_bytes' bytes, or the name of the error it raises."""
    try:
        return canonical_bytes(data)
    except Exception as err:
        return type(err).__name__


@settings(max_examples=1500)
@given(JSON)
def test_fast_path_matches_rfc8785(data: object) -> None:
    """Every JSON value (numbers near every boundary, any text and keys) canonicalises to rfc8785's bytes."""
    assert ours(data) == reference(data)


def test_edge_cases_match() -> None:
    """Keys beyond U+FFFF and in U+E000-U+FFFF, lone surrogates, unsafe integers and non-finite floats agree."""
    cases = [{"\U0001f600": 1, "\ufb01": 2}, {"a": "\ud800"}, 2**53, -(2**53), math.inf, {"x": [1.5, 2.0, 1e-6]}]
    for case in cases:
        assert ours(case) == reference(case)
