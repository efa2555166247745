"""A blind calibration corpus: its expert readings, a case scored, and the agreement between the two."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from assessor.dcrs.models import Standard
from assessor.intake.models import Submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment
from tests.calibration.agreement import spearman
from tests.conftest import load_yaml


def readings(folder: Path) -> list[dict[str, Any]]:
    """The expert's readings of the corpus in `folder`, in the order written."""
    cases: list[dict[str, Any]] = load_yaml((folder / "expert.yaml").read_text(encoding="utf-8"))["cases"]
    return cases


def scored(folder: Path, name: str, standard: Standard, version: str | None = None) -> Assessment:
    """One case scored under `standard` (answering `version` instead of its own, when given)."""
    data = load_yaml((folder / name).read_text(encoding="utf-8"))
    if version is not None:
        data["standard"]["version"] = version
    return score(standard, Submission.model_validate(data))


def agreement(results: Mapping[str, Assessment], cases: Sequence[dict[str, Any]]) -> tuple[int, float]:
    """How many headline levels match the expert's, and Spearman's rho between the tool's order (level, then
    score) and the expert's ranks."""
    overall = [results[c["file"]].overall for c in cases]
    matches = sum(o.level == c["level"] for o, c in zip(overall, cases, strict=True))
    rho = spearman([o.level * 1000 + (o.score or 0.0) for o in overall], [-float(c["rank"]) for c in cases])
    return matches, rho
