"""`dcr sign`: sign a PDF report (PAdES) or a JSON result (detached signature beside it)."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import check_outputs, existing_file, force_option
from assessor.cli.keys import key_options, signer_from
from assessor.cli.output import problems_option, quiet_option, say


@click.command("sign")
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@key_options
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the signed PDF here (default: sign in place). JSON signatures go to REPORT.p7s (and, for a "
    "result, a DSSE envelope to REPORT.dsse).",
)
@force_option
@problems_option
@quiet_option
def sign(report: Path, key: Path | None, cert: Path | None, tsa: str | None, out: Path | None, force: bool) -> None:
    """Sign REPORT: a PDF gets a PAdES signature that keeps it PDF/A-3 (a signed PDF gets a countersignature); a
    JSON result gets a detached CMS signature over its RFC 8785 canonical bytes and a DSSE envelope that
    `trestle verify` checks. With --tsa, timestamped (and a PDF carries long-term validation data). Check it
    with `dcr verify`."""
    import assessor
    from assessor.trust.dsse import DSSE_SUFFIX
    from assessor.trust.keys import signer_name
    from assessor.trust.signing import SIGNATURE_SUFFIX

    existing_file(report, "REPORT")
    signature = None if report.suffix.lower() == ".pdf" else report.with_name(report.name + SIGNATURE_SUFFIX)
    envelope = report.with_name(report.name + DSSE_SUFFIX) if report.suffix.lower() == ".json" else None
    outputs = {"--output": out, "the signature": signature, "the DSSE envelope": envelope}
    check_outputs(outputs, [report, key, cert], force=force)
    signer = signer_from(key, cert)
    written = assessor.sign_file(report, signer=signer, out=out, tsa=tsa, replace=force)
    say(f"Signed {report} as {signer_name(signer)}; wrote {written}")
