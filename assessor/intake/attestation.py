"""The developer's accountable-executive attestation: who, in what role, on what date, stands behind the
submission, in their words. It is part of the submission's content, so the content hash (and with it a review's
binding and any detached signature over the RFC 8785 bytes) covers it."""

from __future__ import annotations

from pydantic import Field

from assessor.dcrs.base import IsoDate, NonEmptyStr, StrictModel


class Attestation(StrictModel):
    """An accountable executive's statement that the submission is true and complete to their knowledge."""

    name: NonEmptyStr
    role: NonEmptyStr = Field(description="Their role, e.g. Chief Executive Officer or Head of Safety.")
    date: IsoDate
    statement: NonEmptyStr = Field(description="What they attest, in their words.")
