"""Checking a detached CMS signature (a JSON result's, or a developer's over their submission): is it intact,
who signed it and when, does the signer's certificate chain to a trusted root, and, when it carries a trusted
timestamp and the revocation data of its chain (assessor.trust.ltv), does it hold as of that timestamp."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from asn1crypto import cms
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from assessor.trust.attachments import Check
from assessor.trust.findings import Signature, VerifyReport, judge, quiet, timestamp_fields
from assessor.trust.ltv import context_at, embedded_revocation, timestamp_time
from assessor.trust.verdicts import SIGNING_USAGE


def detached(
    report: VerifyReport,
    content: bytes,
    sig: bytes | None,
    context: ValidationContext | None,
    roots: list[Any] | None = None,
) -> VerifyReport:
    """`report` with the detached CMS signature `sig` over `content` checked against `context` (its moment is
    when; none: nobody trusted) and, for long-term validation, the `roots` themselves (none given: unsigned)."""
    if sig is None:
        return report
    context = context or untrusting()
    try:
        signed_data = cms.ContentInfo.load(sig)["content"]
        if len(signed_data["signer_infos"]) != 1:
            count = len(signed_data["signer_infos"])
            detail = f"the signature file holds {count} signatures; a detached signature holds exactly one"
            report.checks.append(Check("signature", False, detail + " (a second signer countersigns the PDF)"))
            return report
        with quiet():
            ltv_status = asyncio.run(_validate_ltv(content, signed_data, roots or []))
            ltv = ltv_status is not None and long_term(ltv_status)
            decisive = ltv or (ltv_status is not None and ltv_status.revocation_details)
            status = ltv_status if decisive else asyncio.run(_validate(content, signed_data, context))
    except (ValueError, TypeError, KeyError) as err:
        report.checks.append(Check("signature", False, f"the signature file is not a CMS signature: {err}"))
        return report
    intact = bool(status.intact and status.valid)
    signature = Signature(
        str(status.signing_cert.subject.human_friendly),
        status.signer_reported_dt,
        intact,
        bool(status.trusted),
        ltv=ltv,
        **timestamp_fields(status),
    )
    (signer_info, *_) = signed_data["signer_infos"]
    carries = timestamp_time(signer_info) is not None and embedded_revocation(signer_info) is not None
    judge(signature, status, context.moment, unchecked_ltv=carries and not roots)
    report.signatures.append(signature)
    detail = "detached CMS signature intact over the RFC 8785 canonical bytes" if intact else (
        "the signature does not match the content: the file was altered")  # fmt: skip
    report.checks.append(Check("signature", intact, detail))
    return report


async def _validate(content: bytes, signed_data: Any, context: ValidationContext) -> Any:
    return await async_validate_detached_cms(content, signed_data, context, key_usage_settings=SIGNING_USAGE)


async def _validate_ltv(content: bytes, signed_data: Any, roots: list[Any]) -> Any:
    """The signature's status as of its timestamp against the revocation data it carries (see `long_term`), or
    None when it carries no timestamp or no such data."""
    (signer_info, *_) = signed_data["signer_infos"]
    stamped = timestamp_time(signer_info)
    revocation = embedded_revocation(signer_info)
    if not roots or stamped is None or revocation is None:
        return None
    certs = signed_data["certificates"]
    embedded = [c.chosen for c in certs if c.name == "certificate"] if isinstance(certs, cms.CertificateSet) else []
    context = context_at(roots, stamped, embedded, *revocation)
    return await _validate(content, signed_data, context)


def long_term(status: Any) -> bool:
    """Whether a status checked as of the signature's timestamp holds: the signer and the timestamp trusted."""
    stamp = status.timestamp_validity
    return bool(status.trusted and stamp is not None and stamp.trusted)


def untrusting(moment: datetime | None = None) -> ValidationContext:
    """Without --trust no root is trusted (not even the operating system's): the signer is named, not vouched
    for."""
    return ValidationContext(trust_roots=[], allow_fetching=False, moment=moment or datetime.now(UTC))
