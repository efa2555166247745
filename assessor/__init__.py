"""DCR Assessor: validate, score and report deployment correction readiness against the DCRS standard.

    import assessor

    result = assessor.assess("submission.yaml")          # YAML, JSON or the evidence workbook
    print(result.level, result.score)
    assessor.write_pdf(result, "report.pdf")

Everything here is the supported API; the subpackages are the implementation (see ARCHITECTURE.md).
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assessor.api import (
        Assessment,
        Document,
        LoadedStandard,
        Migration,
        Result,
        Review,
        Source,
        Standard,
        Submission,
        Validation,
        VerifyReport,
        VersionDiff,
        assess,
        check_standard,
        check_versioning,
        diff_standards,
        evidence_workbook,
        example,
        json_text,
        load_review,
        load_signer,
        load_signer_data,
        load_standard,
        load_submission,
        migrate,
        parse_text,
        pdf_bytes,
        rebind_review,
        score,
        sign_file,
        sign_pdf_data,
        validate,
        verify_data,
        verify_file,
        version_notice,
        write_json,
        write_pdf,
        write_submission,
        write_xlsx,
        xlsx_bytes,
    )
    from assessor.api_authoring import standard_new_version, standard_pin, standard_publish
    from assessor.api_batch import BatchRecord, BatchSummary, batch
    from assessor.api_compare import (
        Comparison,
        compare,
        compare_assessments,
        comparison_pdf,
        comparison_text,
        comparison_xlsx,
    )
    from assessor.api_impact import Impact, impact_html, impact_pdf, impact_text, standard_impact
    from assessor.api_oscal import (
        oscal_assessment_results,
        oscal_catalog,
        oscal_json,
        oscal_mappings,
        read_oscal_catalog,
        write_mappings,
        write_oscal,
        write_standard_folder,
    )
    from assessor.api_portfolio import (
        Portfolio,
        PortfolioEntry,
        PublicSummary,
        portfolio,
        portfolio_bytes,
        portfolio_of,
        portfolio_of_files,
        public_summary,
        write_portfolio,
    )
    from assessor.api_render import StandardDoc, render_standard, standard_document
    from assessor.core.problems import DcrError, InvalidReview, InvalidStandard, InvalidSubmission, Problem
    from assessor.core.version import __version__

# Each public name and the module it lives in: `import assessor` loads none of them until one is used, so the
# CLI's cold start pays only for the commands it runs.
_HOMES = {
    "Assessment": "assessor.api",
    "Document": "assessor.api",
    "LoadedStandard": "assessor.api",
    "Review": "assessor.api",
    "Standard": "assessor.api",
    "Submission": "assessor.api",
    "VerifyReport": "assessor.api",
    "VersionDiff": "assessor.api",
    "StandardDoc": "assessor.api_render",
    "Migration": "assessor.api",
    "Result": "assessor.api",
    "Source": "assessor.api",
    "Validation": "assessor.api",
    "assess": "assessor.api",
    "check_standard": "assessor.api",
    "check_versioning": "assessor.api",
    "diff_standards": "assessor.api",
    "evidence_workbook": "assessor.api",
    "example": "assessor.api",
    "json_text": "assessor.api",
    "load_review": "assessor.api",
    "load_signer": "assessor.api",
    "load_signer_data": "assessor.api",
    "load_standard": "assessor.api",
    "load_submission": "assessor.api",
    "migrate": "assessor.api",
    "parse_text": "assessor.api",
    "pdf_bytes": "assessor.api",
    "rebind_review": "assessor.api",
    "score": "assessor.api",
    "sign_file": "assessor.api",
    "sign_pdf_data": "assessor.api",
    "validate": "assessor.api",
    "verify_data": "assessor.api",
    "verify_file": "assessor.api",
    "version_notice": "assessor.api",
    "write_json": "assessor.api",
    "write_pdf": "assessor.api",
    "write_submission": "assessor.api",
    "write_xlsx": "assessor.api",
    "xlsx_bytes": "assessor.api",
    "standard_new_version": "assessor.api_authoring",
    "standard_pin": "assessor.api_authoring",
    "standard_publish": "assessor.api_authoring",
    "BatchRecord": "assessor.api_batch",
    "BatchSummary": "assessor.api_batch",
    "batch": "assessor.api_batch",
    "Comparison": "assessor.api_compare",
    "compare": "assessor.api_compare",
    "compare_assessments": "assessor.api_compare",
    "comparison_pdf": "assessor.api_compare",
    "comparison_text": "assessor.api_compare",
    "comparison_xlsx": "assessor.api_compare",
    "Impact": "assessor.api_impact",
    "impact_html": "assessor.api_impact",
    "impact_pdf": "assessor.api_impact",
    "impact_text": "assessor.api_impact",
    "standard_impact": "assessor.api_impact",
    "oscal_assessment_results": "assessor.api_oscal",
    "oscal_catalog": "assessor.api_oscal",
    "oscal_json": "assessor.api_oscal",
    "oscal_mappings": "assessor.api_oscal",
    "read_oscal_catalog": "assessor.api_oscal",
    "write_mappings": "assessor.api_oscal",
    "write_oscal": "assessor.api_oscal",
    "write_standard_folder": "assessor.api_oscal",
    "Portfolio": "assessor.api_portfolio",
    "PortfolioEntry": "assessor.api_portfolio",
    "PublicSummary": "assessor.api_portfolio",
    "portfolio": "assessor.api_portfolio",
    "portfolio_bytes": "assessor.api_portfolio",
    "portfolio_of": "assessor.api_portfolio",
    "portfolio_of_files": "assessor.api_portfolio",
    "public_summary": "assessor.api_portfolio",
    "write_portfolio": "assessor.api_portfolio",
    "render_standard": "assessor.api_render",
    "standard_document": "assessor.api_render",
    "DcrError": "assessor.core.problems",
    "InvalidReview": "assessor.core.problems",
    "InvalidStandard": "assessor.core.problems",
    "InvalidSubmission": "assessor.core.problems",
    "Problem": "assessor.core.problems",
    "__version__": "assessor.core.version",
}

__all__ = [
    "Assessment",
    "BatchRecord",
    "BatchSummary",
    "Comparison",
    "DcrError",
    "Document",
    "Impact",
    "InvalidReview",
    "InvalidStandard",
    "InvalidSubmission",
    "LoadedStandard",
    "Migration",
    "Portfolio",
    "PortfolioEntry",
    "Problem",
    "PublicSummary",
    "Result",
    "Review",
    "Source",
    "Standard",
    "StandardDoc",
    "Submission",
    "Validation",
    "VerifyReport",
    "VersionDiff",
    "__version__",
    "assess",
    "batch",
    "check_standard",
    "check_versioning",
    "compare",
    "compare_assessments",
    "comparison_pdf",
    "comparison_text",
    "comparison_xlsx",
    "diff_standards",
    "evidence_workbook",
    "example",
    "impact_html",
    "impact_pdf",
    "impact_text",
    "json_text",
    "load_review",
    "load_signer",
    "load_signer_data",
    "load_standard",
    "load_submission",
    "migrate",
    "oscal_assessment_results",
    "oscal_catalog",
    "oscal_json",
    "oscal_mappings",
    "parse_text",
    "pdf_bytes",
    "portfolio",
    "portfolio_bytes",
    "portfolio_of",
    "portfolio_of_files",
    "public_summary",
    "read_oscal_catalog",
    "rebind_review",
    "render_standard",
    "score",
    "sign_file",
    "sign_pdf_data",
    "standard_document",
    "standard_impact",
    "standard_new_version",
    "standard_pin",
    "standard_publish",
    "validate",
    "verify_data",
    "verify_file",
    "version_notice",
    "write_json",
    "write_mappings",
    "write_oscal",
    "write_pdf",
    "write_portfolio",
    "write_standard_folder",
    "write_submission",
    "write_xlsx",
    "xlsx_bytes",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'assessor' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted({*globals(), *__all__})


class _Package(ModuleType):
    """This package, whose public functions `batch`, `compare` and `portfolio` keep their names when the
    subpackages of the same names are imported (importing a submodule binds it on its parent)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and _HOMES.get(name, f"{__name__}.{name}") != f"{__name__}.{name}":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
