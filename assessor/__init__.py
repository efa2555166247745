"""DCR Assessor: validate, score and report deployment correction readiness against the DCRS standard.

    import assessor

    result = assessor.assess("submission.yaml")          # YAML, JSON or the evidence workbook
    print(result.level, result.score)
    assessor.write_pdf(result, "report.pdf")

Everything here is the supported API; the subpackages are the implementation (see ARCHITECTURE.md).
"""

from assessor.api import (
    Result,
    Source,
    Validation,
    assess,
    evidence_workbook,
    example,
    json_text,
    load_review,
    load_standard,
    load_submission,
    parse_text,
    pdf_bytes,
    score,
    validate,
    write_json,
    write_pdf,
    write_xlsx,
    xlsx_bytes,
)
from assessor.core.problems import DcrError, InvalidReview, InvalidStandard, InvalidSubmission, Problem
from assessor.core.version import __version__

__all__ = [
    "DcrError",
    "InvalidReview",
    "InvalidStandard",
    "InvalidSubmission",
    "Problem",
    "Result",
    "Source",
    "Validation",
    "__version__",
    "assess",
    "evidence_workbook",
    "example",
    "json_text",
    "load_review",
    "load_standard",
    "load_submission",
    "parse_text",
    "pdf_bytes",
    "score",
    "validate",
    "write_json",
    "write_pdf",
    "write_xlsx",
    "xlsx_bytes",
]
