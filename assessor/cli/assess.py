"""`dcr assess`: score a submission, print a summary, write any of the JSON, PDF and XLSX reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assessor.cli.inputs import (
    check_outputs,
    evidence_option,
    existing_file,
    force_option,
    format_option,
    review_option,
    standard_choice,
    standard_option,
    submission_argument,
    submission_source,
    version_option,
)
from assessor.cli.keys import key_options, signer_from
from assessor.cli.output import EXIT_CODES_HELP, OUTPUT, problems_option, quiet_option, say, show_problems
from assessor.core.exit_codes import ExitCode

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner


@click.command("assess", epilog=EXIT_CODES_HELP)
@submission_argument
@format_option
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the result JSON here (- for standard output).",
)
@click.option("--pdf", "pdf_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the PDF/A-3 report.")
@click.option("--xlsx", "xlsx_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the workbook.")
@click.option(
    "--oscal-ar",
    "oscal_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the result as OSCAL 1.2.3 assessment results.",
)
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of templates (report.html.j2, report.css) that override the bundled ones.",
)
@review_option
@evidence_option
@click.option(
    "--sign", "sign", is_flag=True, help="Sign the PDF (PAdES) and the JSON (REPORT.p7s) as they are written."
)
@key_options
@force_option
@click.option(
    "--fail-under", type=click.FloatRange(0, 100), default=None, help="Exit 1 if the overall score is below this."
)
@standard_option
@version_option
@problems_option
@quiet_option
def assess(
    submission: Path,
    fmt: str | None,
    json_out: Path | None,
    pdf_out: Path | None,
    xlsx_out: Path | None,
    oscal_out: Path | None,
    templates: Path | None,
    review_path: Path | None,
    evidence_dir: Path | None,
    sign: bool,
    key: Path | None,
    cert: Path | None,
    force: bool,
    tsa: str | None,
    fail_under: float | None,
    standard_dir: Path | None,
    standard_version: str | None,
) -> None:
    """Score SUBMISSION (YAML, JSON, XLSX or -), print a summary, and write any of the reports."""
    import assessor
    from assessor.core.atomic import write_stdout
    from assessor.core.canonical import pretty_json
    from assessor.core.text import neutralised
    from assessor.scoring.summary import summary

    _check_outputs(submission, review_path, json_out, pdf_out, xlsx_out, oscal_out, sign, key, cert, force)
    standard = standard_choice(standard_dir, standard_version)
    source = submission_source(submission, fmt)
    review = existing_file(review_path, "--review") if review_path else None
    signer = _signer(sign, key, cert, pdf_out, json_out)
    result = assessor.assess(source, review=review, standard=standard, evidence=evidence_dir)
    # The summary states a superseded version itself; quiet, the warning does.
    show_problems([w for w in result.warnings if OUTPUT.quiet or w.code != "superseded-version"])
    to_stdout = json_out is not None and str(json_out) == "-"
    if not OUTPUT.quiet:
        label = f"{result.standard.manifest.id} {result.standard.manifest.version}"
        click.echo(summary(result.assessment, label), err=to_stdout)
        att = result.submission.attestation
        if att is not None:
            click.echo(
                neutralised(f"Attested by {att.name} ({att.role}) on {att.date}: {att.statement}"), err=to_stdout
            )
        if result.notice:
            lead = "Draft" if result.standard.manifest.status == "draft" else "Superseded"
            click.echo(f"{lead}: {result.notice}", err=to_stdout)
    if pdf_out:
        assessor.write_pdf(result, pdf_out, templates=templates, signer=signer, tsa=tsa, replace=force)
        say(f"Wrote {pdf_out}")
    if xlsx_out:
        assessor.write_xlsx(result, xlsx_out, replace=force)
        say(f"Wrote {xlsx_out}")
    if oscal_out:
        assessor.write_oscal(assessor.oscal_assessment_results(result), oscal_out, replace=force)
        say(f"Wrote {oscal_out}")
    if to_stdout:
        write_stdout(pretty_json(result.assessment))
    elif json_out is not None:
        assessor.write_json(result, json_out, signer=signer, tsa=tsa, replace=force)
        say(f"Wrote {json_out}")
    if fail_under is not None and (result.score or 0.0) < fail_under:
        click.echo(f"Overall score is below {fail_under:g}.", err=True)
        sys.exit(ExitCode.BELOW_THRESHOLD)


def _check_outputs(
    submission: Path,
    review: Path | None,
    json_out: Path | None,
    pdf_out: Path | None,
    xlsx_out: Path | None,
    oscal_out: Path | None,
    sign: bool,
    key: Path | None,
    cert: Path | None,
    force: bool,
) -> None:
    """Every output (with the JSON's signature when signing) new, distinct and none of the inputs."""
    from assessor.trust.dsse import DSSE_SUFFIX
    from assessor.trust.signing import SIGNATURE_SUFFIX

    signature = envelope = None
    if sign and json_out is not None and str(json_out) != "-":
        signature = json_out.with_name(json_out.name + SIGNATURE_SUFFIX)
        envelope = json_out.with_name(json_out.name + DSSE_SUFFIX)
    outputs = {"--json": json_out, "--pdf": pdf_out, "--xlsx": xlsx_out, "--oscal-ar": oscal_out}
    outputs |= {"--json's signature": signature, "--json's DSSE envelope": envelope}
    check_outputs(outputs, [submission, review, key, cert], force=force)


def _signer(
    sign: bool, key: Path | None, cert: Path | None, pdf: Path | None, json: Path | None
) -> SimpleSigner | None:
    """The signer for --sign, checked before any scoring so a bad key fails fast."""
    if not sign:
        if key is not None or cert is not None:
            raise click.UsageError("--key and --cert are used with --sign")
        return None
    if pdf is None and (json is None or str(json) == "-"):
        raise click.UsageError("--sign signs the --pdf and --json files written; give at least one (not -)")
    return signer_from(key, cert)
