"""Overview: check a signed report — upload a PDF (or a JSON result with its .p7s) and see who signed what."""

from __future__ import annotations

import streamlit as st

from assessor.api import verify_data
from assessor.app.text import md, plain
from assessor.core.problems import DcrError

HEADLINES = {
    "valid": ("success", "Valid: signed and intact; every embedded part agrees with the result."),
    "tampered": ("error", "Tampered: the file does not match what was signed or recorded."),
    "unsigned": ("warning", "Unsigned: nothing found altered, but no signature vouches for it."),
    "untrusted": ("warning", "Signed and intact, but not by a certificate that chains to the trusted root given."),
}


def render() -> None:
    """The upload-and-verify panel."""
    st.subheader("Check a signed report")
    left, middle, right = st.columns(3)
    report = left.file_uploader("Report (PDF, or JSON result)", type=["pdf", "json"], key="verify-report")
    signature = middle.file_uploader("Detached signature (.p7s), for JSON", type=["p7s"], key="verify-signature")
    root = right.file_uploader("Trusted root certificate (optional)", type=["pem", "crt", "cer", "der"],
                               key="verify-trust")  # fmt: skip
    if report is None:
        return
    try:
        found = verify_data(
            report.getvalue(),
            report.name,
            [root.getvalue()] if root is not None else [],
            signature.getvalue() if signature is not None else None,
        )
    except DcrError as err:
        st.error(plain(err))
        return
    kind, headline = HEADLINES[found.status]
    getattr(st, kind)(plain(headline))
    if found.signature is not None:
        when = found.signature.signed_at.isoformat() if found.signature.signed_at else "an unstated time"
        st.markdown(md("Signed by **{signer}** at {when} (the signer's clock).", signer=found.signature.signer,
                       when=when))  # fmt: skip
    for check in found.checks:
        mark = "✅" if check.ok else "❌"
        st.markdown(md("{mark} **{name}**: {detail}", mark=mark, name=check.name, detail=check.detail))
