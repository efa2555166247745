"""Reading YAML and JSON: hostile and malformed input is refused with a located error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessor.core import documents, limits
from assessor.core.documents import load_document, parse_json, parse_yaml
from assessor.core.problems import DocumentError
from tests.property_settings import property_settings

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)]
)


def codes(text: str, parse: object = parse_yaml) -> list[tuple[str, int]]:
    """(code, line) of every problem parsing text raises."""
    with pytest.raises(DocumentError) as err:
        parse(text, "f")  # type: ignore[operator]
    return [(p.code, p.location.line) for p in err.value.problems]


def test_yaml_lines_are_recorded() -> None:
    """Every key's JSON path maps to its line."""
    doc = parse_yaml("a:\n  b: 1\n  c:\n    - x\n    - y\n", "f.yaml")
    assert doc.lines[("a", "b")] == 2
    assert doc.lines[("a", "c", 1)] == 5
    assert doc.locate(("a", "missing")).line == 1


def test_alias_bomb_is_refused() -> None:
    """The billion-laughs alias bomb is refused at its aliases, without expanding anything."""
    found = codes(BILLION_LAUGHS)
    assert found and {c for c, _ in found} == {"yaml-alias"}
    assert min(line for _, line in found) == 2


def test_duplicate_keys_name_both_lines() -> None:
    """A key given twice is an error at the second place, naming the first."""
    with pytest.raises(DocumentError) as err:
        parse_yaml("name: a\nother: 1\nname: b\n", "f.yaml")
    (problem,) = err.value.problems
    assert (problem.code, problem.location.line) == ("duplicate-key", 3)
    assert "line 1" in problem.message


@pytest.mark.parametrize(
    "text,code",
    [
        ("x: !!python/object/apply:os.system [ls]\n", "unsupported-tag"),
        ("x: !!binary aGk=\n", "unsupported-tag"),
        ("base: &b {a: 1}\nx:\n  <<: *b\n", "bad-key"),
        ("x: .inf\n", "not-finite"),
        ("x: [1, 2\n", "yaml-syntax"),
        ("", "empty-document"),
        ("---\na: 1\n---\nb: 2\n", "yaml-syntax"),
    ],
)
def test_unsafe_or_malformed_yaml(text: str, code: str) -> None:
    """Executable tags, binary, merge keys, infinities, syntax errors and empty files are refused."""
    assert code in {c for c, _ in codes(text)}


def test_deep_nesting_is_refused() -> None:
    """Nesting far beyond any real document is refused, not a RecursionError."""
    assert {"too-deep"} == {c for c, _ in codes("a: " + "[" * 5000 + "]" * 5000)}
    assert {"too-deep"} == {c for c, _ in codes("[" * 100 + "]" * 100, parse_json)}
    assert {"too-deep"} == {c for c, _ in codes("[" * 100000 + "]" * 100000, parse_json)}


def test_timestamps_stay_text() -> None:
    """A YAML date is read as its text, exactly as the same JSON document would be."""
    assert parse_yaml("d: 2026-01-02\n", "f").data == parse_json('{"d": "2026-01-02"}', "f").data


@pytest.mark.parametrize(
    "text,code",
    [
        ('{"a": 1, "a": 2}', "duplicate-key"),
        ('{"a": NaN}', "json-syntax"),
        ('{"a": [1,}', "json-syntax"),
        ("  ", "empty-document"),
    ],
)
def test_malformed_json(text: str, code: str) -> None:
    """Duplicate keys, NaN and syntax errors in JSON are refused."""
    assert code in {c for c, _ in codes(text, parse_json)}


def test_json_duplicate_is_located_by_path() -> None:
    """A duplicate key deep in JSON is reported with its JSON path."""
    with pytest.raises(DocumentError) as err:
        parse_json('{"responses": [{"status": "fully", "status": "largely"}]}', "f.json")
    assert str(err.value.problems[0].location) == "f.json $.responses[0].status"


def test_every_json_duplicate_is_located_at_once() -> None:
    """Duplicate keys in three objects of one JSON document: all three reported, each at its path."""
    with pytest.raises(DocumentError) as err:
        parse_json('{"a": {"b": 1, "b": 2}, "c": [{"d": 1, "d": 1}], "e": 1, "e": 3}', "f.json")
    assert [p.location.path for p in err.value.problems] == [("a", "b"), ("c", 0, "d"), ("e",)]


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A 50 MB file is refused by its size, before any parsing."""
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(DocumentError) as err:
        load_document(big)
    assert err.value.problems[0].code == "too-large"


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are refused with the offset."""
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"name: \xff\xfe\n")
    with pytest.raises(DocumentError) as err:
        load_document(bad)
    assert err.value.problems[0].code == "not-utf8"


_JSONISH = st.text(alphabet='[]{}"\\a\n,:', max_size=80)


@given(
    prefix=_JSONISH,
    opening=st.integers(min_value=0, max_value=limits.DEPTH + 3),
    middle=_JSONISH,
    closing=st.integers(min_value=0, max_value=limits.DEPTH + 3),
    suffix=_JSONISH,
    brackets=st.sampled_from(["[]", "{}", "[}", "{]"]),
)
@property_settings(300)
def test_json_depth_check_agrees_with_the_bracket_scan(
    prefix: str, opening: int, middle: str, closing: int, suffix: str, brackets: str
) -> None:
    """The depth check by pair removal refuses exactly what a bracket-by-bracket scan refuses, at the same line."""
    text = prefix + brackets[0] * opening + middle + brackets[1] * closing + suffix

    def outcome(check: Callable[[str, str], None]) -> list[tuple[str, str]] | None:
        try:
            check(text, "t.json")
        except DocumentError as err:
            return [(p.code, p.location) for p in err.problems]
        return None

    assert outcome(documents._check_json_depth) == outcome(documents._scan_json_depth)
