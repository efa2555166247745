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
from assessor.api_signing import load_signer_data, sign_pdf_data
from assessor.core.problems import DcrError, InvalidReview, InvalidStandard, InvalidSubmission, Problem
from assessor.core.version import __version__

__all__ = [
    "DcrError",
    "InvalidReview",
    "InvalidStandard",
    "InvalidSubmission",
    "Migration",
    "Problem",
    "Result",
    "Source",
    "Validation",
    "__version__",
    "assess",
    "check_standard",
    "check_versioning",
    "diff_standards",
    "evidence_workbook",
    "example",
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
    "read_oscal_catalog",
    "rebind_review",
    "score",
    "sign_file",
    "sign_pdf_data",
    "validate",
    "verify_data",
    "verify_file",
    "version_notice",
    "write_json",
    "write_mappings",
    "write_oscal",
    "write_pdf",
    "write_standard_folder",
    "write_submission",
    "write_xlsx",
    "xlsx_bytes",
]
