"""Published JSON Schemas: generated from the models, committed, and agreeing with the models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from assessor.schemas import drifted, expected_files
from tests.conftest import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "standard" / "schema"


def validator(name: str) -> Draft202012Validator:
    """A Draft 2020-12 validator for one committed schema."""
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_committed_schemas_match_the_models() -> None:
    """Regenerating the schemas gives the committed files; otherwise run `make schema`."""
    stale = drifted(SCHEMA_DIR)
    assert not stale, f"schemas out of date: {stale}; run `make schema` and commit standard/schema"


def test_schemas_declare_dialect_and_id() -> None:
    """Every published schema names Draft 2020-12 and has a $id."""
    assert len(expected_files()) == 9
    for text in expected_files().values():
        schema = json.loads(text)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"].startswith("urn:dcrs:schema:")


def test_shipped_standard_validates_against_the_schemas() -> None:
    """A third party using only jsonschema accepts the shipped manifest, domains and glossary."""
    load = lambda p: json.loads(json.dumps(load_yaml(p.read_text(encoding="utf-8")), default=str))  # noqa: E731
    assert not list(validator("manifest").iter_errors(load(ROOT / "standard" / "1.0.0" / "manifest.yaml")))
    assert not list(validator("glossary").iter_errors(load(ROOT / "standard" / "1.0.0" / "glossary.yaml")))
    domains = sorted((ROOT / "standard" / "1.0.0" / "domains").glob("*.yaml"))
    assert len(domains) >= 9
    for path in domains:
        assert not list(validator("domain").iter_errors(load(path))), path.name


@pytest.mark.parametrize("key,value", [("weight", 0), ("level", "one"), ("extra", 1), ("id", "AC-1")])
def test_schema_and_model_reject_the_same_mistakes(key: str, value: object) -> None:
    """A structural mistake the model refuses is refused by the published schema too."""
    from pydantic import ValidationError

    from assessor.dcrs.models import Domain

    data = load_yaml((ROOT / "standard" / "1.0.0" / "domains" / "AC.yaml").read_text(encoding="utf-8"))
    data["requirements"][0][key] = value
    assert list(validator("domain").iter_errors(data))
    with pytest.raises(ValidationError):
        Domain.model_validate(data)


def test_assessment_output_matches_its_schema() -> None:
    """Every example's assessment JSON, with and without a review, validates against the published schema."""
    from assessor.core.canonical import pretty_json
    from assessor.dcrs.loader import load_standard
    from assessor.intake.loader import load_submission
    from assessor.review.models import Review
    from assessor.scoring.engine import score

    standard = load_standard(version="1.0.0")
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    assert len(examples) >= 3
    review = Review.model_validate(load_yaml((ROOT / "examples" / "reviews" / "mature-lab-review.yaml").read_text()))
    results = [score(standard, load_submission(p, standard)) for p in examples]
    results.append(score(standard, load_submission(ROOT / "examples" / "mature-lab.yaml", standard), review))
    for result in results:
        errors = list(validator("assessment").iter_errors(json.loads(pretty_json(result))))
        assert errors == [], [e.message for e in errors[:3]]
