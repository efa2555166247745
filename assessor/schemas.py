"""The published JSON Schemas (Draft 2020-12), generated from the models and committed under standard/schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assessor.core.atomic import write_atomic

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:dcrs:schema:"


def published_models() -> dict[str, type[BaseModel]]:
    """File stem -> model, for every schema the project publishes."""
    from assessor.dcrs.diff import VersionDiff
    from assessor.dcrs.migration_models import MigrationMap, VersionIndex
    from assessor.dcrs.models import Domain, Glossary, Manifest
    from assessor.intake.models import Submission
    from assessor.review.models import Review
    from assessor.scoring.models import Assessment

    return {
        "manifest": Manifest,
        "domain": Domain,
        "glossary": Glossary,
        "submission": Submission,
        "review": Review,
        "assessment": Assessment,
        "migration": MigrationMap,
        "diff": VersionDiff,
        "versions": VersionIndex,
    }


def schema_for(name: str, model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON Schema with $schema and $id first."""
    body = model.model_json_schema(mode="validation")
    return {"$schema": DIALECT, "$id": f"{ID_PREFIX}{name}", **body}


def render(schema: dict[str, Any]) -> str:
    """Stable text for a schema, so regeneration gives identical bytes."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def expected_files() -> dict[str, str]:
    """File name -> text of every schema as the models define it now."""
    return {f"{name}.schema.json": render(schema_for(name, model)) for name, model in published_models().items()}


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into `out`; returns the paths written."""
    written = []
    for filename, text in expected_files().items():
        write_atomic(out / filename, text)
        written.append(out / filename)
    return written


def drifted(folder: Path) -> list[str]:
    """Schema files in `folder` that are missing or differ from what the models generate."""
    drift = []
    for filename, text in expected_files().items():
        path = folder / filename
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            drift.append(filename)
    return drift
