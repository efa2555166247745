"""`dcr verify`: who signed a report, when, whether it is intact, and whether its parts agree."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assessor.cli.inputs import existing_file
from assessor.cli.output import OUTPUT, problems_option, quiet_option
from assessor.core.text import neutralised

if TYPE_CHECKING:
    from assessor.trust.verify import VerifyReport

VERDICTS = {
    "valid": "VALID AND TRUSTED: every signature intact and by a certificate that chains to a trusted root; "
    "every embedded part agrees with the result",
    "tampered": "TAMPERED: the file does not match what was signed or recorded",
    "unsigned": "UNSIGNED: nothing found altered, but no signature vouches for it",
    "untrusted": "UNTRUSTED: intact, but a signer's certificate does not chain to a trusted root",
    "unvouched": "INTACT, SIGNER NOT VOUCHED FOR: no trust roots are configured (give --trust, or "
    "`dcr trust add ROOT.pem`); anyone can make a certificate in any name",
    "predated": "TIMESTAMP PREDATES THE SIGNING CERTIFICATE: a signature states a time (its timestamp or the "
    "signer's clock) outside its certificate's validity",
    "revoked": "REVOKED: a signer's certificate was revoked, as the revocation data the file carries says",
    "expired": "EXPIRED: a signer's certificate has expired and the signature carries no timestamped revocation "
    "data to check it as of when it was made",
    "not_yet_valid": "NOT YET VALID: a signer's certificate is not valid yet",
    "wrong_purpose": "WRONG KEY PURPOSE: a signer's certificate is not for signing documents",
}


@click.command("verify")
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--trust",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A trusted root certificate (PEM or DER); repeatable; added to the trust store's roots (`dcr trust "
    "list`). With no root at all the signer is named but not vouched for (exit 8).",
)
@click.option(
    "--signature",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A JSON result's detached signature (default: REPORT.p7s).",
)
@click.option(
    "--submission",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Also check the result was made from this submission (YAML, JSON or XLSX).",
)
@click.option(
    "--review",
    "review_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="With --submission: also check the result applied this review.",
)
@click.option(
    "--at",
    "at",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    help="Check the certificates as of this UTC date or time instead of now (e.g. after they expire: a signature "
    "with a timestamp and embedded revocation data still verifies).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as one JSON object.")
@problems_option
@quiet_option
def verify(
    report: Path,
    trust: tuple[Path, ...],
    signature: Path | None,
    submission: Path | None,
    review_file: Path | None,
    at: datetime | None,
    as_json: bool,
) -> None:
    """Verify REPORT (a PDF report or a JSON result): its signature, its embedded submission and review
    against the hashes in the result, and the review's binding to the submission; with --submission (and
    --review), also that the result was made from those files. The exit code says the outcome: 0 valid and
    trusted, 5 tampered, 6 unsigned, 7 untrusted signer, 8 intact but no trust roots configured, 20 a timestamp
    or signing time outside the certificate's validity, 21 revoked, 22 expired (no timestamped revocation
    data), 23 not yet valid, 24 not for signing documents."""
    import assessor

    existing_file(report, "REPORT")
    if review_file is not None and submission is None:
        raise click.UsageError("--review needs --submission: a review is checked against its submission")
    when = at.replace(tzinfo=UTC) if at is not None else None
    found = assessor.verify_file(
        report, trust=list(trust), signature=signature, submission=submission, review=review_file, at=when
    )
    if as_json:
        click.echo(json.dumps(_record(found), ensure_ascii=False))
    elif not OUTPUT.quiet or found.status != "valid":
        click.echo("\n".join(_lines(found)))
    sys.exit(found.exit_code)


def _lines(found: VerifyReport) -> list[str]:
    lines = [f"{found.file}: {VERDICTS[found.status]}"]
    lines.append(f"  trust roots: {'; '.join(found.roots) if found.roots else 'none configured'}")
    for sig in found.signatures:
        when = sig.signed_at.isoformat() if sig.signed_at else "an unstated time"
        trust = "trusted" if sig.trusted else "not vouched for: no trust roots configured"
        if found.trust_checked and not sig.trusted:
            trust = "NOT trusted by the given roots"
        covers = f"; covers revision {sig.revision} of {sig.revisions}" if found.kind == "pdf" else ""
        clock = "signer's clock, no timestamp"
        if sig.timestamp is not None:
            tsa = "a trusted" if sig.timestamp_trusted else "an UNTRUSTED"
            clock = f"signer's clock; timestamped {sig.timestamp.isoformat()} by {tsa} time-stamping authority"
        ltv = "; long-term validation data embedded" if sig.ltv else ""
        lines.append(f"  signed by {sig.signer} at {when} ({clock}){covers}; certificate {trust}{ltv}")
        if sig.problem is not None:
            lines.append(f"  [FAIL] certificate: {sig.problem_detail}")
    lines += [f"  [{'ok' if c.ok else 'FAIL'}] {c.name}: {c.detail}" for c in found.checks]
    return [neutralised(line) for line in lines]  # a certificate's names are the signer's to choose


def _record(found: VerifyReport) -> dict[str, Any]:
    sig = found.signature
    return {
        "file": found.file,
        "kind": found.kind,
        "status": found.status,
        "exit_code": found.exit_code,
        "signer": sig.signer if sig else None,
        "signed_at": sig.signed_at.isoformat() if sig and sig.signed_at else None,
        "trusted": sig.trusted if sig else None,
        "roots": found.roots,
        "signatures": [
            {
                "signer": s.signer,
                "signed_at": s.signed_at.isoformat() if s.signed_at else None,
                "trusted": s.trusted,
                "intact": s.intact,
                "field": s.field,
                "revision": s.revision,
                "revisions": s.revisions,
                "timestamp": s.timestamp.isoformat() if s.timestamp else None,
                "timestamp_trusted": s.timestamp_trusted,
                "ltv": s.ltv,
                "problem": s.problem,
                "problem_detail": s.problem_detail or None,
            }
            for s in found.signatures
        ],
        "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in found.checks],
    }
