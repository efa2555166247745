"""`dcr trust`: the trust store `dcr verify` and the app share (the root certificates you choose to trust)."""

from __future__ import annotations

from pathlib import Path

import click

from assessor.cli.inputs import existing_file
from assessor.cli.output import problems_option, quiet_option, say
from assessor.core.text import neutralised


@click.group("trust")
def trust() -> None:
    """The trust store: root certificates `dcr verify` and the app vouch for signers by ($DCR_TRUST_STORE)."""


@trust.command("list")
@problems_option
@quiet_option
def trust_list() -> None:
    """List the trusted roots: file, subject and SHA-256 fingerprint."""
    from assessor.trust.store import configured_roots, store_dir

    roots = configured_roots()
    click.echo(f"Trust store {store_dir()}: {len(roots)} root(s)" + ("" if roots else " — none configured"))
    for root in roots:
        click.echo(neutralised(f"  {root.subject}  sha256 {root.sha256}  ({Path(root.source).name})"))


@trust.command("add")
@click.argument("certificate", type=click.Path(dir_okay=False, path_type=Path))
@problems_option
@quiet_option
def trust_add(certificate: Path) -> None:
    """Trust the root certificate(s) in CERTIFICATE (PEM or DER) from now on, here and in the app."""
    from assessor.trust.store import add_root, store_dir

    for root in add_root(existing_file(certificate, "CERTIFICATE")):
        say(neutralised(f"Trusted {root.subject} (sha256 {root.sha256}) in {store_dir()}"))
