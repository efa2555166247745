"""Writing one assessed input's reports: the JSON result always, the PDF and the workbook when asked."""

from __future__ import annotations

import os

from assessor.batch.options import Options
from assessor.batch.outputs import result_name, write
from assessor.batch.standards import Chosen
from assessor.core.canonical import pretty_json
from assessor.intake.models import Submission
from assessor.scoring.models import Assessment


def write_reports(
    options: Options, name: str, chosen: Chosen, submission: Submission, assessment: Assessment
) -> dict[str, str]:
    """Write the reports asked for; their paths relative to the output folder, each with its sha256."""
    written: dict[str, str | bytes] = {"json": pretty_json(assessment)}
    if options.pdf or options.xlsx:
        from assessor.reports.context import build_context  # the renderers load only when a report is asked

        context = build_context(chosen.standard, submission, assessment, None, chosen.notice)
        if options.pdf:
            from assessor.reports.pdf import pdf_bytes, prepare_pdf

            written["pdf"] = pdf_bytes(prepare_pdf(context))
        if options.xlsx:
            from assessor.reports.xlsx import workbook_bytes

            written["xlsx"] = workbook_bytes(context)
    paths = {}
    for kind, data in written.items():
        where = result_name(name, kind)
        paths[where] = write(os.path.join(options.out, where), data)
    return paths
