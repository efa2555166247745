"""Overview: check a signed report — upload a PDF (or a JSON result with its .p7s) and see who signed what."""

from __future__ import annotations

import streamlit as st

from assessor.api import verify_data
from assessor.app import present
from assessor.app.text import md, plain
from assessor.core.problems import DcrError
from assessor.trust.store import configured_roots, store_dir

HEADLINES = {
    "valid": ("success", "Valid and trusted: every signature intact and by a certificate that chains to a trusted "
              "root; every embedded part agrees with the result."),
    "tampered": ("error", "Tampered: the file does not match what was signed or recorded."),
    "unsigned": ("warning", "Unsigned: nothing found altered, but no signature vouches for it."),
    "untrusted": ("error", "Not trusted: intact, but a signer's certificate does not chain to a trusted root. "
                  "Anyone can make a certificate in any name."),
    "unvouched": ("warning", "Intact, but nobody vouches for the signer: no trust roots are configured. Anyone can "
                  "make a certificate in any name; add your auditor's root to the trust store (`dcr trust add`)."),
    "predated": ("error", "Timestamp predates the signing certificate: a signature states a time outside its "
                 "certificate's validity."),
    "revoked": ("error", "Revoked: a signer's certificate was revoked, as the revocation data the file carries says."),
    "expired": ("error", "Expired: a signer's certificate has expired and the signature carries no timestamped "
                "revocation data to check it as of when it was made."),
    "not_yet_valid": ("error", "Not yet valid: a signer's certificate is not valid yet."),
    "wrong_purpose": ("error", "Wrong key purpose: a signer's certificate is not for signing documents."),
}  # fmt: skip


def render() -> None:
    """The upload-and-verify panel."""
    st.subheader("Check a signed report")
    left, middle, right = st.columns(3)
    report = left.file_uploader("Report (PDF, or JSON result)", type=["pdf", "json"], key="verify-report")
    signature = middle.file_uploader("Detached signature (.p7s), for JSON", type=["p7s"], key="verify-signature")
    root = right.file_uploader("Another root to trust for this check", type=["pem", "crt", "cer", "der"],
                               key="verify-trust")  # fmt: skip
    _trust_store()
    if report is None:
        return
    try:
        found = verify_data(
            report.getvalue(),
            name=report.name,
            trust=[root.getvalue()] if root is not None else [],
            signature=signature.getvalue() if signature is not None else None,
        )
    except DcrError as err:
        st.error(plain(err))
        return
    kind, headline = HEADLINES[found.status]
    getattr(st, kind)(plain(headline))
    for sig in found.signatures:
        when = present.when(sig.signed_at) if sig.signed_at else "an unstated time"
        trust = "trusted" if sig.trusted else "NOT trusted" if found.trust_checked else "not vouched for"
        covers = f", over revision {sig.revision} of {sig.revisions}" if found.kind == "pdf" else ""
        st.markdown(
            md("Signed by **{signer}** at {when} (the signer's clock){covers}: {trust}.", signer=sig.signer,
               when=when, covers=covers, trust=trust)
        )  # fmt: skip
        if sig.problem is not None:
            st.markdown(md("❌ **certificate**: {detail}", detail=sig.problem_detail))
    for check in found.checks:
        mark = "✅" if check.ok else "❌"
        st.markdown(md("{mark} **{name}**: {detail}", mark=mark, name=check.name, detail=check.detail))


def _trust_store() -> None:
    """Which roots the check trusts: the shared trust store's, as `dcr trust list` shows them."""
    try:
        roots = configured_roots()
    except DcrError as err:
        st.error(md("The trust store cannot be read: {err}", err=err))
        return
    if not roots:
        st.caption(md("Trust store ({where}): no roots configured, so no signer can be shown as trusted.",
                      where=store_dir()))  # fmt: skip
        return
    st.caption(md("Trust store ({where}): {roots}", where=store_dir(), roots="; ".join(r.subject for r in roots)))
