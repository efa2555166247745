"""Stored JSON text split by member: the same bytes as the one serializer, and the same changes as a full diff."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessor.store import diff
from assessor.store.errors import UnstorableValue
from assessor.store.events import dumps
from assessor.store.stored import Json, changes, encode

LEAVES = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False)
JSON = st.recursive(LEAVES | st.text(max_size=6),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
                    max_leaves=20)  # fmt: skip
DOCUMENTS = st.dictionaries(st.sampled_from(["a", "b", "é", "c d"]), JSON, max_size=4) | st.lists(JSON, max_size=4)


@given(DOCUMENTS | JSON)
def test_encoded_text_is_the_serializers_bytes(value: Any) -> None:
    """A value's stored text, joined from its members' texts, is exactly what the one serializer writes."""
    assert encode(value).text == dumps(value)


@pytest.mark.parametrize("value", [{}, [], (1, (2,)), {"k": {1: 2}}, {1: "a"}, {"é": ["ü", None]}, "x", 0.5])
def test_edge_values_encode_as_the_serializer_writes(value: Any) -> None:
    """Empty containers, tuples, non-text keys (at the top and inside) and non-ASCII text give the same bytes."""
    assert encode(value).text == dumps(value)


@pytest.mark.slow
@given(DOCUMENTS, DOCUMENTS)
def test_member_changes_equal_the_full_diff(old: Any, new: Any) -> None:
    """The changes found by comparing member texts are the changes a full walk of the stored value finds."""
    stored = Json(encode(old).text)  # as read back from the database: text only
    expected = diff.changes(json.loads(dumps(old)), new, ("data",))
    assert changes(encode(old), new, encode(new), ("data",)) == expected
    assert changes(stored, new, encode(new), ("data",)) == expected


@pytest.mark.parametrize(("old", "new", "fields"), [
    ({"a": {"n": 1, "b": True}}, {"a": {"n": 1.0, "b": 1}}, ["$.data.a.n", "$.data.a.b"]),
    ({"a": [1, 2], "b": 1}, {"b": 1, "a": (1, 2)}, []),
    ({"a": 1, "b": 2}, {"b": 2, "c": 3}, ["$.data.a", "$.data.c"]),
    ([1, 2], [1, 2, 3], ["$.data"]),
    ({"a": 0.0}, {"a": -0.0}, []),
])  # fmt: skip
def test_changes_keep_types_apart_and_ignore_order(old: Any, new: Any, fields: list[str]) -> None:
    """1 → 1.0 and True → 1 are changes; reordered keys, a tuple for an array and -0.0 for 0.0 are not."""
    assert [c["field"] for c in changes(encode(old), new, encode(new), ("data",))] == fields


@pytest.mark.parametrize("value", [float("nan"), {"a": {1, 2}}, {"a": object()}])
def test_values_that_are_not_json_are_refused(value: Any) -> None:
    """NaN, a set or an object is refused as unstorable, never written as something else."""
    with pytest.raises(UnstorableValue):
        encode(value)
