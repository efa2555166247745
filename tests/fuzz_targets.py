"""Fuzz targets: every loader fed generated input must return or raise its own located error, nothing else.

Shared by tests/test_fuzz.py (a bounded number of examples in `make test`) and tests/fuzz.py (`make fuzz`,
time-boxed). A target takes one generated value; a crash is any exception that is not a DcrError.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from assessor.app.uploads import check_upload
from assessor.core.documents import Document, parse_json, parse_yaml
from assessor.core.problems import DcrError
from assessor.dcrs.loader import check_standard, load_standard
from assessor.dcrs.models import Standard
from assessor.dcrs.oscal.catalog_export import catalog
from assessor.dcrs.oscal.catalog_import import import_catalog
from assessor.intake.loader import check_document, load_submission
from assessor.intake.workbook_template import workbook_template
from assessor.review.loader import check_review_document
from tests.conftest import MINI, ROOT, load_yaml

EXAMPLE = ROOT / "examples" / "mature-lab.yaml"
REVIEW = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"

# Scalars that have broken parsers before: huge and non-finite numbers, controls, surrogates, markup.
NASTY_TEXT = st.sampled_from(
    ["", "\x00", "\ud800", "1e400", "-inf", "nan", "9" * 5000, "=1+1", "![x](http://x)", "\u0301" * 40,
     "2026-13-45", "1700000000", "../../etc/passwd", "\t\r\n", "~", "<<", "*a", "&a", "!!python/object"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    NASTY_TEXT,
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=12), inner, max_size=5)),
    max_leaves=30,
)


@cache
def bundled() -> Standard:
    return load_standard(version="1.0.0")


@cache
def example_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(load_yaml(EXAMPLE.read_text(encoding="utf-8")), default=str))
    return data


@cache
def review_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(load_yaml(REVIEW.read_text(encoding="utf-8")), default=str))
    return data


@cache
def example_workbook() -> bytes:
    standard = bundled()
    return workbook_template(standard, load_submission(EXAMPLE, standard))


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the data (mappings and lists), the root excluded."""
    found: list[tuple[Any, ...]] = []
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in children:
        found.append((*path, key))
        found += _paths(value, (*path, key))
    return found


def mutate(base: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The base document with a few values, anywhere in it, replaced by generated ones."""
    paths = _paths(base)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        data = json.loads(json.dumps(base))
        for _ in range(draw(st.integers(1, 4))):
            path = draw(st.sampled_from(paths))
            target = data
            try:
                for part in path[:-1]:
                    target = target[part]
                target[path[-1]] = draw(JSONISH)
            except (KeyError, IndexError, TypeError):
                continue  # an earlier change removed this path
        return data

    return build()


def expect_clean(action: Callable[[], object]) -> None:
    """Run `action`; its own DcrError (a located refusal) is a pass, any other exception is a crash."""
    with contextlib.suppress(DcrError):
        action()


def yaml_text(text: str) -> None:
    """Any text as YAML."""
    expect_clean(lambda: parse_yaml(text, "fuzz.yaml"))


def json_text(text: str) -> None:
    """Any text as JSON."""
    expect_clean(lambda: parse_json(text, "fuzz.json"))


def submission_data(data: dict[str, Any]) -> None:
    """A mutated submission through YAML and JSON text, then the whole validation pipeline."""
    for text, parse in ((yaml.safe_dump(data), parse_yaml), (json.dumps(data), parse_json)):
        expect_clean(lambda text=text, parse=parse: check_document(parse(text, "fuzz"), bundled()))


def draft_data(data: dict[str, Any]) -> None:
    """A mutated submission as the app's live validation sees a draft (no parsing step at all)."""
    expect_clean(lambda: check_document(Document("draft", data), bundled()))


def review_document(data: dict[str, Any]) -> None:
    """A mutated review checked against the example submission."""
    submission = load_submission(EXAMPLE, bundled())
    expect_clean(lambda: check_review_document(parse_yaml(yaml.safe_dump(data), "r.yaml"), submission, bundled()))


def workbook_cells(values: list[tuple[str, int, int, Any]]) -> None:
    """The example workbook with cells overwritten by generated values, read back as an upload."""
    wb = load_workbook(io.BytesIO(example_workbook()))
    for sheet, row, col, value in values:
        cell = wb[sheet].cell(row=row, column=col)
        old = cell.value
        try:
            cell.value = value
        except (ValueError, TypeError, IllegalCharacterError):
            cell.value = old  # openpyxl refuses to store it (not an input we can receive); a failed assignment
            # leaves the cell half-changed, so put the old value back or saving it would fail
    out = io.BytesIO()
    wb.save(out)
    expect_clean(lambda: check_upload("fuzz.xlsx", out.getvalue(), bundled()))


def upload_bytes(payload: tuple[str, bytes]) -> None:
    """Arbitrary bytes uploaded under a generated name."""
    name, content = payload
    expect_clean(lambda: check_upload(name, content, bundled()))


def standard_manifest(data: dict[str, Any]) -> None:
    """The mini standard with a mutated manifest."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "std"
        shutil.copytree(MINI, root)
        (root / "manifest.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        expect_clean(lambda: check_standard(root))


@cache
def mini_manifest() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml((MINI / "manifest.yaml").read_text(encoding="utf-8"))
    return data


def oscal_catalog(data: dict[str, Any]) -> None:
    """The mini standard's OSCAL catalog with values replaced anywhere, read back by the catalog import."""
    expect_clean(lambda: import_catalog(json.dumps(data), "fuzz.json"))


@cache
def mini_catalog() -> dict[str, Any]:
    return catalog(load_standard(MINI))


SHEETS = st.sampled_from(["Organisation & Profile", "Responses", "Evidence", "Metrics"])
CELL_VALUES = st.one_of(SCALARS, st.datetimes(), st.dates())
UPLOAD_NAMES = st.sampled_from(["a.yaml", "a.json", "a.xlsx", "../../a.yaml", "a b.yml", ".json", "a.txt"])

TARGETS: dict[str, tuple[Callable[[Any], None], Callable[[], st.SearchStrategy[Any]]]] = {
    "yaml-text": (yaml_text, lambda: st.one_of(st.text(max_size=300), NASTY_TEXT)),
    "json-text": (json_text, lambda: st.one_of(st.text(max_size=300), JSONISH.map(json.dumps))),
    "submission": (submission_data, lambda: mutate(example_data())),
    "draft": (draft_data, lambda: mutate(example_data())),
    "review": (review_document, lambda: mutate(review_data())),
    "workbook": (
        workbook_cells,
        lambda: st.lists(st.tuples(SHEETS, st.integers(1, 60), st.integers(1, 12), CELL_VALUES), max_size=6),
    ),
    "upload": (upload_bytes, lambda: st.tuples(UPLOAD_NAMES, st.binary(max_size=400))),
    "standard": (standard_manifest, lambda: mutate(mini_manifest())),
    "oscal-catalog": (oscal_catalog, lambda: mutate(mini_catalog())),
}
