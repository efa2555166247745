"""The public API for comparing assessments across time and organisations (and versions of the standard)."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from assessor.api import assess
from assessor.compare.build import rule_changes, step
from assessor.compare.models import Comparison
from assessor.compare.text import comparison_text
from assessor.core.problems import UsageError
from assessor.dcrs.compare import open_version, versions_pair
from assessor.dcrs.migration_models import MigrationMap
from assessor.scoring.declared import declared_rules
from assessor.scoring.models import Assessment

__all__ = ["Comparison", "compare", "compare_assessments", "comparison_pdf", "comparison_text", "comparison_xlsx"]


def compare(sources: list[Path | str], *, standard: Path | str | None = None) -> Comparison:
    """Compare each assessment with the next, in the order given: result JSON files are read as they are,
    submissions (YAML, JSON, XLSX) are assessed first. Requirements of different versions of the standard are
    matched through the migration maps of the library at `standard` (default: the bundled one)."""
    if len(sources) < 2:
        raise UsageError("compare needs at least two assessments")
    root = Path(standard) if standard is not None else None
    loaded = [(Path(s).name, _assessment(Path(s), root)) for s in sources]
    return compare_assessments(loaded, standard=root)


def compare_assessments(assessments: list[tuple[str, Assessment]], *, standard: Path | str | None = None) -> Comparison:
    """Compare labelled assessments already in memory, each with the next."""
    root = Path(standard) if standard is not None else None
    steps = []
    for (la, a), (lb, b) in pairwise(assessments):
        migration, through, rules = _map(a.provenance.standard_version, b.provenance.standard_version, root)
        steps.append(step((la, lb), a, b, migration, through, rules))
    return Comparison(steps=steps)


def _assessment(path: Path, root: Path | None) -> Assessment:
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("format") == "dcrs-assessment/1":
            return Assessment.model_validate(data, strict=False)
    return assess(path, standard=root).assessment


def _map(old: str, new: str, root: Path | None) -> tuple[MigrationMap | None, str | None, list[str]]:
    if old == new:
        return None, None, []
    pair = versions_pair(open_version(old, root), open_version(new, root))
    rules = rule_changes(declared_rules(pair.old.manifest.scoring), declared_rules(pair.new.manifest.scoring))
    return pair.map, f"across DCRS {old} → {new} through the migration map ({pair.origin})", rules


def comparison_xlsx(comparison: Comparison) -> bytes:
    """The comparison as a workbook: steps, domains, and every requirement that moved with why."""
    from assessor.compare.xlsx import comparison_workbook  # openpyxl loads only for workbooks

    return comparison_workbook(comparison)


def comparison_pdf(comparison: Comparison) -> bytes:
    """The comparison as a PDF/A document: the assessments, each step's domains with a chart of the score change,
    every requirement that moved with why, and a notice where versions were matched through a migration map."""
    from assessor.compare.pdf import comparison_pdf as render  # WeasyPrint loads only for PDFs

    return render(comparison)
