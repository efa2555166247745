"""Signing the verified report in the app: once the review is signed off, the assigned reviewer uploads a
PKCS#12 key and its passphrase for one signature (neither is stored nor kept in the session), the report is
made from the frozen submission and its review, PAdES-signed, and kept in the store with a `sign` event.
Whoever may see the submission downloads the signed report."""

from __future__ import annotations

import os

import streamlit as st

import assessor
from assessor.app import session
from assessor.app.workflow_steps import act
from assessor.core.documents import Document
from assessor.store import Identity, NotFound, Record
from assessor.trust.signing import TSA_ENV


def render(sub: Record, who: Identity) -> None:
    """The signed report's download, and for the assigned reviewer the signing form."""
    if sub["state"] != "signed_off":
        return
    st.subheader("Signed verified report")
    try:
        name, pdf = session.scoped().signed_report(sub.id)
    except NotFound:
        st.caption("Not signed yet: the assigned reviewer signs it here with their own key.")
    else:
        st.download_button("Signed verified report (PDF)", pdf, file_name=name, mime="application/pdf",
                           key=f"signed-{sub.id}")  # fmt: skip
    if who.user_id is not None and who.user_id == sub["reviewer_id"]:
        _form(sub)


def _form(sub: Record) -> None:
    key = st.file_uploader("Your signing key (PKCS#12: .p12 or .pfx), used for this signature only and never "
                           "stored", type=["p12", "pfx"], key=f"sign-key-{sub.id}")  # fmt: skip
    secret = f"sign-passphrase-{sub.id}"
    passphrase = st.text_input("Its passphrase", type="password", key=secret)
    if st.button("Sign the verified report", key=f"sign-go-{sub.id}") and key is not None:
        data, name = key.getvalue(), key.name
        st.session_state.pop(secret, None)  # the passphrase is not kept in the session
        act(lambda: _sign(sub, data, name, passphrase.encode("utf-8") or None), "Verified report signed")


def _sign(sub: Record, key: bytes, name: str, passphrase: bytes | None) -> None:
    store = session.scoped()
    review = store.review(sub.id)["data"] or None
    result = assessor.assess(Document("submission", sub["content"]),
                             review=Document("review", review) if review else None)  # fmt: skip
    signer = assessor.load_signer_data(key, passphrase=passphrase, name=name)
    tsa = os.environ.get(TSA_ENV) or None  # timestamped, with long-term validation data, when one is configured
    store.add_signed_report(sub.id, assessor.sign_pdf_data(assessor.pdf_bytes(result), signer=signer, tsa=tsa))
