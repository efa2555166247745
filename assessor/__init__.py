"""DCR Assessor: validate, score and report deployment correction readiness against the DCRS standard.

    import assessor

    result = assessor.assess("submission.yaml")          # YAML, JSON or the evidence workbook
    print(result.level, result.score)
    assessor.write_pdf(result, "report.pdf")

Everything here is the supported API; the subpackages are the implementation (see ARCHITECTURE.md).
"""

from assessor.api import (
    Migration,
    Result,
    Source,
    Validation,
    assess,
    check_standard,
    check_versioning,
    diff_standards,
    evidence_workbook,
    example,
    json_text,
    load_review,
    load_signer,
    load_standard,
    load_submission,
    migrate,
    parse_text,
    pdf_bytes,
    rebind_review,
    score,
    sign_file,
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
from assessor.api_compare import Comparison, compare, compare_assessments, comparison_text, comparison_xlsx
from assessor.api_impact import Impact, impact_text, standard_impact
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
from assessor.api_render import render_standard, standard_document
from assessor.core.problems import DcrError, InvalidReview, InvalidStandard, InvalidSubmission, Problem
from assessor.core.version import __version__

__all__ = [
    "BatchRecord",
    "BatchSummary",
    "Comparison",
    "DcrError",
    "Impact",
    "InvalidReview",
    "InvalidStandard",
    "InvalidSubmission",
    "Migration",
    "Portfolio",
    "PortfolioEntry",
    "Problem",
    "PublicSummary",
    "Result",
    "Source",
    "Validation",
    "__version__",
    "assess",
    "batch",
    "check_standard",
    "check_versioning",
    "compare",
    "compare_assessments",
    "comparison_text",
    "comparison_xlsx",
    "diff_standards",
    "evidence_workbook",
    "example",
    "impact_text",
    "json_text",
    "load_review",
    "load_signer",
    "load_standard",
    "load_submission",
    "migrate",
    "parse_text",
    "pdf_bytes",
    "portfolio",
    "portfolio_bytes",
    "portfolio_of",
    "portfolio_of_files",
    "public_summary",
    "rebind_review",
    "render_standard",
    "score",
    "sign_file",
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
    "write_pdf",
    "write_portfolio",
    "write_submission",
    "write_xlsx",
    "xlsx_bytes",
]
