"""One result, five renderings: for each sign-off decision the CLI, JSON, PDF, XLSX and app show the same
levels, scores, statuses and findings, and only an approval says "verified"."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
import yaml
from openpyxl import load_workbook
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from assessor.dcrs.loader import load_standard
from assessor.reports.findings_view import with_uncounted
from assessor.reports.labels import label, prose
from tests.conftest import ROOT, CliResult, load_yaml

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"
MATURE_REVIEW = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"
DECISIONS = ["approved", "changes_requested", "rejected"]
REASONS = "Rollback coverage must be evidenced first."


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh app workspace with cleared Streamlit caches."""
    monkeypatch.setenv("DCR_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("DCR_EXAMPLE", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path / "workspace"
    st.cache_data.clear()


def review_with(decision: str, folder: Path) -> Path:
    """The example review signed off with `decision` (an approval of everything, as the example examines all)."""
    data = load_yaml(MATURE_REVIEW.read_text(encoding="utf-8"))
    data["sign_off"].update(decision=decision, statement=REASONS if decision != "approved" else "Confirmed.")
    path = folder / f"review-{decision}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def rendered(decision: str, tmp_path: Path, dcr: Callable[..., CliResult]) -> dict[str, Any]:
    """The CLI summary, the JSON result, the PDF's text and the workbook of one review decision."""
    review = review_with(decision, tmp_path)
    out = {kind: tmp_path / f"r.{kind}" for kind in ("json", "pdf", "xlsx")}
    result = dcr("assess", MATURE, "--review", review, *(a for k, p in out.items() for a in (f"--{k}", p)))
    assert result.code == 0, result.err
    pdf = " ".join(" ".join(page.extract_text() for page in PdfReader(out["pdf"]).pages).split())
    return {"cli": result.out, "json": json.loads(out["json"].read_text(encoding="utf-8")), "pdf": pdf,
            "xlsx": load_workbook(out["xlsx"]), "review": review}  # fmt: skip


def facts(wb: Any) -> dict[str, Any]:
    """The Summary sheet's label → value pairs."""
    return {row[0]: row[1] for row in wb["Summary"].iter_rows(min_row=1, max_col=2, values_only=True) if row[0]}


def app_header(workspace: Path, review: Path) -> AppTest:
    """The app's review page after uploading the example and `review`."""
    at = AppTest.from_file(str(ROOT / "assessor" / "app" / "main.py"), default_timeout=90)
    at.run()
    at.file_uploader(key="overview-upload").set_value((MATURE.name, MATURE.read_bytes(), "application/yaml")).run()
    at.switch_page("views/review.py").run()
    at.file_uploader(key="review-upload").set_value((review.name, review.read_bytes(), "application/yaml")).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("decision", DECISIONS)
def test_five_renderings_agree(decision: str, tmp_path: Path, workspace: Path, dcr: Callable[..., CliResult]) -> None:
    """CLI, JSON, PDF, XLSX and app show one result: the same headline, levels, scores, statuses and findings;
    only an approval shows a verified level, and the others are headlined with the decision and its reasons."""
    r = rendered(decision, tmp_path, dcr)
    data, v, wb = r["json"], r["json"]["verification"], r["xlsx"]
    summary, metrics = facts(wb), {}
    at = app_header(workspace, r["review"])
    metrics = {m.label: m.value for m in at.metric}
    assert summary["Status"] == v["statement"] and v["statement"] in r["cli"] and v["statement"] in r["pdf"]
    rows = list(wb["Requirements"].iter_rows(min_row=2, values_only=True))
    by_id = {req["id"]: req for req in data["requirements"]}
    assert [(row[1], row[7], row[8], row[9]) for row in rows] == [
        (row[1], label(by_id[row[1]]["claimed"], "No response"), label(by_id[row[1]]["supported"]),
         label(by_id[row[1]]["verified"], "Not verified")) for row in rows]  # fmt: skip
    findings = v["findings"] if decision == "approved" else data["findings"]
    manifest = load_standard(version=data["provenance"]["standard_version"]).manifest
    named = {m.id: m.name for m in manifest.metrics} | {t.id: t.name for t in manifest.evidence_types}
    sheet = [(row[2] or None, row[6]) for row in wb["Findings"].iter_rows(min_row=2, values_only=True)]
    # A "no X evidence cited" where the response cites X items that count for nothing says they were cited.
    types = {e["id"]: e["type"] for e in load_yaml(MATURE.read_text(encoding="utf-8"))["evidence"]}
    answers = {a["requirement"]: a["evidence"] for a in load_yaml(MATURE.read_text(encoding="utf-8"))["responses"]}
    cited = {
        req: {t: [i for i in ids if types.get(i) == t] for t in set(types.values())} for req, ids in answers.items()
    }
    worded = [prose(with_uncounted(f["detail"], cited.get(f["requirement"] or "", {})), named) for f in findings]
    assert sheet == [(f["requirement"], text) for f, text in zip(findings, worded, strict=True)]
    assert f"All findings ({len(findings)})" in r["pdf"]
    assert all(f"Finding {f['rank']}" in r["pdf"] for f in findings)
    o = data["overall"]
    self_line = f"{o['level']} · {o['score']:.1f}"
    assert summary["Self-assessed by the developer (unverified) level"].startswith(f"{o['level']} — ")
    assert metrics["Self-assessed (unverified)"] == self_line
    if decision == "approved":
        vo = v["overall"]
        assert f"Verified: level {vo['level']} ({vo['level_name']}), score {vo['score']:.1f}/100" in r["cli"]
        assert summary["Verified level"] == metrics["Verified level"] == f"{vo['level']} — {vo['level_name']}"
        assert summary["Verified score"] == vo["score"] and metrics["Verified score"] == f"{vo['score']:.1f}"
        assert f"{vo['level']}{vo['level_name']}verifiedreadinesslevel" in r["pdf"].replace(" ", "")
        assert f"{vo['score']:.1f}/100verifiedscore" in r["pdf"].replace(" ", "")
        assert all(row[9] != "Not verified" for row in rows if row[7] != "No response")
        assert "Claimed fully by the developer; reviewer's verdict partially; verified partially" in r["pdf"]
    else:
        said = decision.replace("_", " ")
        assert v["overall"] is None and v["statement"].startswith(f"Review: {said} — not verified")
        assert f"Reviewer's reasons: {REASONS}" in r["cli"] and f"Reviewer's reasons: {REASONS}" in r["pdf"]
        assert "Verified:" not in r["cli"] and "verified readiness level" not in r["pdf"]
        assert "Verified level" not in summary and all(row[9] == "Not verified" for row in rows)
        assert metrics["Verified level"] == "not verified" and metrics["Review"] == said
        shown = [w.value.replace("\\", "") for w in at.warning]  # the app escapes Markdown punctuation
        assert any(said in w and REASONS in w for w in shown)
        assert f"{o['level']}{o['level_name']}self-assessedlevel(thedeveloper's)" in r["pdf"].replace(" ", "")
