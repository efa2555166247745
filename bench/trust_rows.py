"""Benchmark rows for signatures: what checking a result's long-term signature costs beside pyHanko alone."""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from pathlib import Path

from bench.rows import EXAMPLE, Row
from bench.timing import measure_pair


def long_term_json() -> Row:
    """ltv. `verify_data` of a timestamped JSON result carrying its chain's revocation data, as of a date after
    the certificate expired (canonical JSON, then the signature checked as of its timestamp against the data it
    carries) vs pyHanko validating the same detached signature once against the same root."""
    from asn1crypto import cms
    from pyhanko.sign.validation import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    import assessor
    from assessor.core.canonical import pretty_json
    from assessor.trust.signing import json_canonical
    from assessor.trust.store import roots_from
    from tests.tsa import services

    folder = Path(tempfile.mkdtemp(prefix="dcr-bench-ltv-"))
    result = folder / "r.json"
    result.write_text(pretty_json(assessor.assess(EXAMPLE).assessment), encoding="utf-8")
    with services(folder / "pki") as pki:
        assessor.sign_file(result, signer=assessor.load_signer(pki.key, cert=pki.cert), tsa=pki.tsa_url)
    data, sig, root = result.read_bytes(), (folder / "r.json.p7s").read_bytes(), pki.root.read_bytes()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=60)
    certs = [r.certificate for r in roots_from(root, "root")]
    content = json_canonical(data)

    def ours() -> None:
        assert assessor.verify_data(data, name="r.json", trust=[root], signature=sig, at=later).status == "valid"

    def floor() -> None:
        signed = cms.ContentInfo.load(sig)["content"]
        asyncio.run(async_validate_detached_cms(content, signed, ValidationContext(trust_roots=certs)))

    t_ours, t_floor = measure_pair(ours, floor, repeat=30, warmup=3)
    ratio = t_ours.median / t_floor.median
    return Row("ltv", "Verify a long-term JSON signature after its certificate expired", t_ours, t_floor,
               "pyHanko validating the same signature once", "≤ 3× floor", ratio <= 3,
               "checked as of its timestamp, offline")  # fmt: skip


def long_term_pdf() -> Row:
    """ltv-pdf. `verify_data` of a timestamped, signed verified PDF report carrying its chain's revocation data,
    as of a date after the certificate expired (reading, the modification analysis of the later revisions, the
    embedded parts and their binding) vs pyHanko opening the file and validating its one signature as of its
    timestamp with the same reader. With pyHanko's own reader, which rescans an object stream's header for every
    object, that check took about four minutes on this report."""
    from io import BytesIO

    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    import assessor
    from assessor.trust.ltv import timestamp_time
    from assessor.trust.pdf_reader import IndexedPdfReader
    from assessor.trust.store import roots_from
    from tests.tsa import services

    folder = Path(tempfile.mkdtemp(prefix="dcr-bench-ltv-pdf-"))
    report = folder / "r.pdf"
    review = EXAMPLE.parent / "reviews" / "mature-lab-review.yaml"
    assessor.write_pdf(assessor.assess(EXAMPLE, review=review), report)
    with services(folder / "pki") as pki:
        assessor.sign_file(report, signer=assessor.load_signer(pki.key, cert=pki.cert), tsa=pki.tsa_url)
    data, root = report.read_bytes(), pki.root.read_bytes()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=60)
    certs = [r.certificate for r in roots_from(root, "root")]

    def ours() -> None:
        assert assessor.verify_data(data, name="r.pdf", trust=[root], at=later).status == "valid"

    def floor() -> None:
        embedded = IndexedPdfReader(BytesIO(data), strict=False).embedded_signatures[0]
        settings = {"trust_roots": certs, "allow_fetching": False, "revocation_mode": "hard-fail",
                    "moment": timestamp_time(embedded.signer_info), "retroactive_revinfo": True}  # fmt: skip
        context = DocumentSecurityStore.read_dss(embedded.reader).as_validation_context(settings)
        assert validate_pdf_signature(embedded, context).bottom_line

    t_ours, t_floor = measure_pair(ours, floor, repeat=5, warmup=1)
    ratio = t_ours.median / t_floor.median
    return Row("ltv-pdf", "Verify a timestamped PDF report after its certificate expired", t_ours, t_floor,
               "pyHanko validating its one signature", "≤ 1.5× floor", ratio <= 1.5,
               f"{len(data) // 1000} kB, 3 revisions, offline")  # fmt: skip
