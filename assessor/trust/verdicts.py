"""What is wrong with an intact signature's certificate, each with its own verdict: a time outside its validity
(a timestamp or signing time it could not have been made at), revoked, expired or not yet valid when checked,
or not for signing documents.

The checks read the certificate itself, so they hold with or without trust roots; revocation is known only
from the revocation data the file carries (nothing is fetched).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pyhanko.sign.validation.settings import KeyUsageConstraints

from assessor.trust.signing import purpose_problem

Problem = Literal["predated", "revoked", "expired", "not_yet_valid", "wrong_purpose"]
PROBLEMS: tuple[Problem, ...] = ("predated", "revoked", "expired", "not_yet_valid", "wrong_purpose")
"""The problems in the order a verdict names them: the first any signature has decides the file's status."""
SIGNING_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
"""The key usage a signer's certificate needs for its signature to be trusted: what `dcr sign` accepts."""


def certificate_problem(
    cert: Any, status: Any, moment: datetime, stated: list[tuple[str, datetime]], *, ltv: bool
) -> tuple[Problem, str] | None:
    """The first problem of the signing certificate `cert` checked at `moment`, with what it is: `stated` holds
    the times the signature states (its timestamp, the signer's clock), `status` pyHanko's finding and `ltv`
    whether the signature was checked as of its timestamp against the revocation data it carries."""
    subject = cert.subject.human_friendly
    start, end = cert.not_valid_before, cert.not_valid_after
    for what, when in stated:
        if when < start:
            return "predated", (
                f"{what} {when.isoformat()} predates the signing certificate of {subject} (valid from "
                f"{start.isoformat()})"
            )
        if when > end:
            return (
                "predated",
                f"{what} {when.isoformat()} is after the certificate of {subject} expired ({end.isoformat()})",
            )
    revoked = status.revocation_details
    if revoked is not None:
        whose = "an issuing CA's certificate" if revoked.ca_revoked else f"the certificate of {subject}"
        reason = revoked.revocation_reason.human_friendly if revoked.revocation_reason is not None else "no reason"
        return "revoked", f"{whose} was revoked on {revoked.revocation_date.isoformat()} ({reason})"
    if moment > end and not ltv:
        return "expired", (
            f"the certificate of {subject} expired on {end.isoformat()}, and the signature carries no timestamped "
            "revocation data to check it as of when it was made"
        )
    if moment < start:
        return "not_yet_valid", f"the certificate of {subject} is not valid until {start.isoformat()}"
    purpose = purpose_problem(cert)
    return ("wrong_purpose", purpose) if purpose is not None else None
