"""Words for codes in reports: labels for enum values, scoring sentences rewritten for a reader, findings
grouped by cause without bare status restatements, the chart's alt text."""

from __future__ import annotations

import assessor
from assessor.dcrs.loader import load_standard
from assessor.intake.loader import load_submission
from assessor.reports.chart import chart_alt, domain_chart
from assessor.reports.context import build_context
from assessor.reports.findings_view import finding_groups, with_uncounted
from assessor.reports.html import render_html
from assessor.reports.labels import label, prose
from assessor.scoring.engine import score
from assessor.scoring.summary import headline_text
from tests.conftest import ROOT

METRICS = {"time_to_rollback_minutes": "Time to roll back", "ban_evasion_rate_percent": "Ban-evasion rate"}


def test_labels_for_every_kind_of_code() -> None:
    """Statuses, causes, surfaces and missing values read as words; unknown codes lose their underscores."""
    assert label("not_implemented") == "Not implemented"
    assert label("fine_tuning_api") == "Fine-tuning API"
    assert label("failed_threshold") == "Threshold missed"
    assert label(None, "No response") == "No response"
    assert label("brand_new_code") == "brand new code"


def test_prose_names_metrics_and_uses_symbols() -> None:
    """Metric ids become their names, comparisons symbols, status codes words, `percent` a sign."""
    text = prose("threshold missed: time_to_rollback_minutes <= 30; counted as not_implemented", METRICS)
    assert text == "threshold missed: time to roll back ≤ 30; counted as not implemented"
    assert prose("Time_to_rollback_minutes = 34 minutes; limit >= 90 percent", METRICS) == (
        "Time to roll back = 34 minutes; limit ≥ 90 %"
    )


def test_prose_names_evidence_types_but_not_inside_ids() -> None:
    """An evidence type's id reads as its name in lower case; the same letters inside an id stay as they are."""
    names = {"ATTEST": "Attestation", "REC": "Operational record", "TEST": "Technical test"}
    assert prose("no REC evidence cited; fully needs a fresh independent ATTEST", names) == (
        "no operational record evidence cited; fully needs a fresh independent attestation"
    )
    assert (
        prose("EV-TEST-1 (TEST) and TESTING; DCRS-REC-01", names)
        == "EV-TEST-1 (technical test) and TESTING; DCRS-REC-01"
    )


def test_prose_gives_a_limit_the_unit_of_the_metric_its_sentence_names() -> None:
    """A bare limit or reading takes the one named metric's unit; a figure that has its unit, a sample size or a
    sentence naming two metrics is left as it is."""
    names, units = {"rollback_minutes": "Time to roll back"}, {"rollback_minutes": "min", "partner_hours": "h"}
    assert prose("threshold missed within its 20% band: rollback_minutes <= 30", names, units) == (
        "threshold missed within its 20 % band: time to roll back ≤ 30 min"
    )
    assert prose("no cited evidence reports partner_hours (needs <= 24)", names, units).endswith("(needs ≤ 24 h)")
    assert prose("rollback_minutes = 34 minutes (n=3); limit <= 30", names, units) == (
        "time to roll back = 34 minutes (n=3); limit ≤ 30 min"
    )
    assert prose("rollback_minutes <= 30 and partner_hours <= 24", names, units).endswith("≤ 30 and partner hours ≤ 24")


def test_findings_grouped_by_cause_in_words() -> None:
    """Every finding of an example lands in exactly one cause group, and none is a bare status restatement."""
    standard = load_standard(version="1.2.0")
    submission = load_submission(ROOT / "examples" / "1.2.0" / "developing-lab.yaml", standard)
    result = score(standard, submission)
    metrics = {m.id: m.name for m in standard.manifest.metrics}
    groups = finding_groups(result.findings, result.requirements, metrics)
    ranks = sorted(f.rank for g in groups for f in g.findings)
    assert ranks == sorted(f.rank for f in result.findings) and len(groups) >= 3
    for group in groups:
        assert "_" not in group.cause
        for f in group.findings:
            assert not f.statement.startswith("Claimed") or "; the evidence supports " in f.statement
            assert "_" not in f.statement and "<=" not in f.statement


def test_a_finding_is_worded_from_the_statuses_of_its_own_models() -> None:
    """A finding about one model, or models the evidence supports differently, states their statuses, not the
    headline model's (the requirement's own result)."""
    standard = load_standard(version="1.2.0")
    statements = {}
    for name in ("mature-lab", "open-weights-release"):
        submission = load_submission(ROOT / "examples" / "1.2.0" / f"{name}.yaml", standard)
        result = score(standard, submission)
        groups = finding_groups(result.findings, result.requirements, {})
        statements[name] = {f.requirement: f.statement for g in groups for f in g.findings}
    assert statements["mature-lab"]["DCRS-TK-05"].startswith(
        "Claimed fully implemented; the evidence supports only largely for Meridian-4."
    )
    assert statements["open-weights-release"]["DCRS-TK-05"].startswith(
        "Claimed largely implemented; the evidence supports only partially for Sapling-L and none of it for Sapling-8B."
    )


def test_chart_is_an_image_with_alt_text() -> None:
    """The chart is an <img> whose alt text names every domain with its score and level."""
    standard = load_standard(version="1.2.0")
    submission = load_submission(ROOT / "examples" / "1.2.0" / "mature-lab.yaml", standard)
    domains = score(standard, submission).domains
    html = str(domain_chart(domains, top_level=3))
    assert html.startswith('<img class="chart" src="data:image/svg+xml;base64,') and ' alt="' in html
    alt = chart_alt(domains)
    assert all(f"{d.id} {d.title}: " in alt for d in domains) and len(domains) >= 9


def test_a_superseded_notice_sets_its_command_as_code() -> None:
    """The cover's superseded notice shows the migrate command as code, with no backquote left."""
    standard = load_standard(version="1.0.0")
    submission = load_submission(ROOT / "examples" / "mature-lab.yaml", standard)
    notice = assessor.version_notice(standard.manifest.id, version="1.0.0")
    assert notice is not None and "`dcr migrate" in notice
    html = render_html(build_context(standard, submission, score(standard, submission), notice=notice))
    shown = html[html.index('<p class="superseded">') :]
    shown = shown[: shown.index("</p>")]
    assert "<code>dcr migrate SUBMISSION --to " in shown and "`" not in shown


def test_the_headline_says_what_stands_between_the_result_and_the_next_level() -> None:
    """Surfaces word the blocking requirements from the headline's fields; the result keeps the engine's sentence."""
    standard = load_standard(version="1.3.0")
    submission = load_submission(ROOT / "examples" / "1.3.0" / "mature-lab.yaml", standard)
    headline = score(standard, submission).headline
    assert headline is not None and headline.blockers and headline.next_level is not None
    assert " from level " in headline.statement  # the published result, unchanged
    first = headline.blockers[0]
    text = headline_text(headline)
    assert (
        f"stand between this result and level {headline.next_level}; the most pressing is {first.requirement}: " in text
    )
    assert " from level " not in text and text.startswith(headline.statement.split(". ")[0])
    html = render_html(build_context(standard, submission, score(standard, submission)))
    assert "stand between this result and level" in html


def test_each_kind_of_inconsistency_gets_its_own_recommendation() -> None:
    """A management representation and a dated-before-release item are advised differently, each in words."""
    standard = load_standard(version="1.3.0")
    submission = load_submission(ROOT / "examples" / "1.3.0" / "mature-lab.yaml", standard)
    result = score(standard, submission)
    views = [f for g in finding_groups(result.findings, result.requirements, {}) for f in g.findings]
    advice = {f.title: f.recommendation for f in views if f.requirement is None and f.severity}
    assert "the developer's own attestation supports nothing" in advice["Management representation"]
    assert "before its release" in advice["Before release"]
    assert len(set(advice.values())) == len(advice)


def test_a_cited_type_that_counted_for_nothing_is_not_called_uncited() -> None:
    """'No attestation evidence cited' where the response cites an attestation that counts for nothing says that it
    was cited and not counted; where none of the type is cited, the sentence stays as it is."""
    assert with_uncounted("No ATTEST evidence cited.", {"ATTEST": ["EV-009"]}) == (
        "No ATTEST evidence that counts is cited (EV-009: cited, not counted)."
    )
    assert with_uncounted("no REC evidence cited", {"ATTEST": ["EV-009"]}) == "no REC evidence cited"
    standard = load_standard(version="1.3.0")
    submission = load_submission(ROOT / "examples" / "1.3.0" / "mature-lab.yaml", standard)
    context = build_context(standard, submission, score(standard, submission))
    statements = {f.requirement: f.statement for g in context.finding_groups for f in g.findings}
    assert "No attestation evidence that counts is cited (EV-009: cited, not counted)" in statements["DCRS-AC-05"]
