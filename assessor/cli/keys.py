"""Options shared by the commands that sign: the user's key and certificate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

F = Callable[..., Any]


def key_options(func: F) -> F:
    """--key, --cert and --tsa, with how the passphrase is given."""
    func = click.option(
        "--tsa",
        envvar="DCR_TSA_URL",
        metavar="URL",
        help="A time-stamping authority (RFC 3161) to timestamp the signature; a PDF then also carries long-term "
        "validation data (PAdES B-LT). Default: $DCR_TSA_URL.",
    )(func)
    func = click.option(
        "--cert",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="The signer's certificate (PEM or DER; may hold the chain). Not needed with a PKCS#12 key.",
    )(func)
    return click.option(
        "--key",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="The signing key: PKCS#12 (.p12/.pfx, with its certificate) or PEM/DER private key. "
        "A passphrase is read from $DCR_KEY_PASSPHRASE.",
    )(func)


def signer_from(key: Path | None, cert: Path | None) -> SimpleSigner:
    """The signer, or a usage error naming what is missing."""
    import assessor
    from assessor.trust.signing import key_warning

    if key is None:
        raise click.UsageError("signing needs --key (and --cert unless the key is a PKCS#12 file)")
    signer = assessor.load_signer(key, cert=cert)
    warning = key_warning(signer)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return signer
