"""Benchmark rows for OSCAL: the catalog round trip and assessment results, each beside a floor measured in the
same run (rows keyed by a short name, after the numbered ones)."""

from __future__ import annotations

import json

import assessor
from assessor.core.canonical import canonical_bytes
from assessor.dcrs.models import Standard
from assessor.dcrs.oscal.catalog_import import import_catalog
from bench.rows import ROOT, Row
from bench.timing import measure_pair


def catalog_round_trip() -> Row:
    """The 1.3.0 catalog written, canonicalised and read back, vs the standard's own JSON dump and validation."""
    standard = assessor.load_standard(version="1.3.0")

    def ours() -> object:
        text = assessor.oscal_json(assessor.oscal_catalog(standard))
        return canonical_bytes(assessor.oscal_catalog(import_catalog(text, "catalog.json")))

    def floor() -> object:
        return Standard.model_validate(json.loads(json.dumps(standard.model_dump(mode="json"))))

    t_ours, t_floor = measure_pair(ours, floor, repeat=15, warmup=2)
    size = len(assessor.oscal_json(assessor.oscal_catalog(standard))) // 1024
    return Row("oscal-catalog", "OSCAL catalog round trip of DCRS 1.3.0 (export, import, export)", t_ours, t_floor,
               "the standard's JSON dump and model validation", "< 1 s", t_ours.median < 1.0,
               f"{len(standard.requirements())} controls, {size} KiB")  # fmt: skip


def assessment_results() -> Row:
    """OSCAL assessment results of the 1.2.0 mature example vs writing its JSON result."""
    result = assessor.assess(ROOT / "examples" / "1.2.0" / "mature-lab.yaml")

    def ours() -> str:
        return assessor.oscal_json(assessor.oscal_assessment_results(result))

    def floor() -> object:
        return json.dumps(result.assessment.model_dump(mode="json"), indent=2, ensure_ascii=False)

    t_ours, t_floor = measure_pair(ours, floor, repeat=15, warmup=2)
    size = len(ours()) // 1024
    return Row("oscal-ar", "OSCAL assessment results of the 1.2.0 mature example", t_ours, t_floor,
               "the result's own data through the same json.dumps", "< 0.5 s", t_ours.median < 0.5,
               f"{len(result.assessment.models or [])} per-model results, {size} KiB")  # fmt: skip
