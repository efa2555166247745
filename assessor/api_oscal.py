"""The public API for OSCAL 1.2.3: the standard as a catalog (and back), its crosswalks and version maps as
mapping collections, and assessment results. The CLI's `--oscal*` options call exactly these functions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assessor.api import Result
from assessor.core.atomic import write_atomic
from assessor.core.documents import read_text
from assessor.core.limits import FILE_BYTES
from assessor.core.problems import DocumentError, InvalidStandard
from assessor.core.yaml_text import dump_yaml
from assessor.dcrs.library import load_map
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.models import Standard
from assessor.dcrs.oscal.catalog_export import catalog
from assessor.dcrs.oscal.catalog_import import import_catalog
from assessor.dcrs.oscal.mapping import framework_mapping, typed, version_mapping
from assessor.dcrs.versions import available, resolve
from assessor.reports.oscal_ar import assessment_results

__all__ = [
    "oscal_assessment_results",
    "oscal_catalog",
    "oscal_json",
    "oscal_mappings",
    "read_oscal_catalog",
    "write_mappings",
    "write_oscal",
    "write_standard_folder",
]


def oscal_catalog(standard: Standard) -> dict[str, Any]:
    """The standard as an OSCAL 1.2.3 catalog document."""
    return catalog(standard)


def oscal_json(document: dict[str, Any]) -> str:
    """An OSCAL document as the stable JSON `dcr` writes (same document, same bytes)."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_oscal(document: dict[str, Any], out: Path | str, *, replace: bool = True) -> None:
    """Write an OSCAL document atomically."""
    write_atomic(Path(out), oscal_json(document), replace=replace)


def oscal_assessment_results(result: Result) -> dict[str, Any]:
    """An assessment as OSCAL 1.2.3 assessment results: observations per evidence item, findings per requirement,
    risks for critical gaps, the reviewer's attestation once signed off, a result per in-scope model."""
    return assessment_results(result.standard, result.submission, result.assessment, result.review)


def read_oscal_catalog(path: Path | str) -> Standard:
    """The standard an OSCAL catalog file holds (read bounded); InvalidStandard with every problem, each at its
    JSON path, when the file is too large, too deep, of another OSCAL version or holds anything the standard has
    no field for."""
    path = Path(path)
    try:
        text = read_text(path, str(path), FILE_BYTES)
    except DocumentError as err:
        raise InvalidStandard(err.problems) from None
    return import_catalog(text, str(path))


def write_standard_folder(standard: Standard, folder: Path | str) -> list[Path]:
    """Write a standard as one version's folder (manifest.yaml, domains/<ID>.yaml, glossary.yaml) that
    `load_standard` reads back into the same data. Returns the files written."""
    folder = Path(folder)
    (folder / "domains").mkdir(parents=True, exist_ok=True)
    files = {folder / "manifest.yaml": standard.manifest, folder / "glossary.yaml": standard.glossary}
    files |= {folder / "domains" / f"{d.id}.yaml": d for d in standard.domains}
    for target, model in files.items():
        write_atomic(target, dump_yaml(model.model_dump(mode="json")))
    return list(files)


def oscal_mappings(standard: Standard, *, library: Path | str | None = None) -> dict[str, dict[str, Any]]:
    """OSCAL mapping collections by file name: the standard to each framework its crosswalk cites (when the
    crosswalk is typed, DCRS 1.3.0 on), and the previous version to this one (from the migration map beside the
    version in `library`, default the bundled library)."""
    m = standard.manifest
    stem = f"{m.id.lower()}-{m.version}"
    out: dict[str, dict[str, Any]] = {}
    if typed(standard):
        cited = {c.framework for r in standard.active_requirements() for c in r.crosswalk}
        for framework in (f for f in m.frameworks if f.id in cited):
            out[f"{stem}-to-{framework.id.lower()}.oscal.json"] = framework_mapping(standard, framework)
    root = Path(library) if library is not None else default_standard_dir()
    migration = load_map(resolve(root, m.version)) if available(root, m.version) else None
    if migration is not None:
        out[f"{m.id.lower()}-{migration.from_version}-to-{m.version}.oscal.json"] = version_mapping(standard, migration)
    return out


def write_mappings(
    standard: Standard, folder: Path | str, *, library: Path | str | None = None, replace: bool = True
) -> list[Path]:
    """Write every mapping collection of `oscal_mappings` into `folder`; returns the files written. Unless
    `replace`, an existing file is kept (OutputError)."""
    written = []
    for name, document in oscal_mappings(standard, library=library).items():
        write_oscal(document, Path(folder) / name, replace=replace)
        written.append(Path(folder) / name)
    return written
