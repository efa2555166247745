"""`dcr standard diff` names every scoring-rule change by rule name, and every new metric field."""

from __future__ import annotations

from collections.abc import Callable

from assessor.api import diff_standards, load_standard
from assessor.dcrs.diff import ManifestChange, rule_changes
from assessor.dcrs.diff_render import headline, render_markdown, render_text
from assessor.dcrs.models import MetricDefinition
from tests.conftest import CliResult

NEW_METRIC_FIELDS = ("event_driven", "tolerance_percent", "sufficiency")
LEGACY_RULE_KEYS = (
    "no_evidence",
    "documents_only",
    "claim_band",
    "fully_when",
    "staleness",
    "measurements",
    "consistency",
)


def test_diff_names_every_rule_of_1_2_0_and_every_new_metric_field() -> None:
    """1.1.0 -> 1.2.0: one line per rule of 1.2.0, per removed 1.1.0 key, per new field of every metric."""
    new = load_standard(version="1.2.0").manifest
    rules = [use.rule for use in new.scoring.rules or []]
    assert len(rules) >= 10  # guard: the version lists its rules
    changes = {m.key: m.change for m in diff_standards("1.1.0", "1.2.0").manifest}
    assert all(changes[f"scoring.rules.{name}"] == "added" for name in rules)
    assert all(changes[f"scoring.{key}"] == "removed" for key in LEGACY_RULE_KEYS)
    assert "scoring.rules" not in changes
    metric_fields = [f"metrics.{m.id}.{f}" for m in new.metrics for f in NEW_METRIC_FIELDS]
    assert set(NEW_METRIC_FIELDS) <= set(MetricDefinition.model_fields)
    assert [k for k in metric_fields if changes.get(k) != "added"] == []


def test_diff_text_lists_each_rule(dcr: Callable[..., CliResult]) -> None:
    """The text diff shows `scoring.rules.<name>: added` for each rule, and going back `removed`."""
    rules = [use.rule for use in load_standard(version="1.2.0").manifest.scoring.rules or []]
    forward = dcr("standard", "diff", "1.1.0", "1.2.0")
    back = dcr("standard", "diff", "1.2.0", "1.1.0")
    assert forward.code == 0 and back.code == 0
    assert all(f"scoring.rules.{name}: added" in forward.out for name in rules)
    assert all(f"scoring.rules.{name}: removed" in back.out for name in rules)


def test_rule_changes_name_each_changed_parameter_and_the_order() -> None:
    """A changed rule gives its own line and one per parameter; reordered rules give an order line."""
    old = [{"rule": "a", "params": {"x": 1, "z": 0}}, {"rule": "b", "params": {}}, {"rule": "gone", "params": {}}]
    new = [{"rule": "b", "params": {}}, {"rule": "a", "params": {"x": 2, "y": 3, "z": 0}}, {"rule": "c", "params": {}}]
    found = [(m.key, m.change) for m in rule_changes(old, new)]  # type: ignore[arg-type]
    assert found == [
        ("scoring.rules.a", "changed"),
        ("scoring.rules.a.x", "changed"),
        ("scoring.rules.a.y", "added"),
        ("scoring.rules.gone", "removed"),
        ("scoring.rules.c", "added"),
        ("scoring.rules.order", "changed"),
    ]


def test_a_rule_listed_twice_is_kept_apart() -> None:
    """A rule a version lists twice is compared as name and name#2, not silently merged."""
    once = [{"rule": "a", "params": {"x": 1}}]
    twice = [*once, {"rule": "a", "params": {"x": 2}}]
    assert [(m.key, m.change) for m in rule_changes(once, twice)] == [("scoring.rules.a#2", "added")]  # type: ignore[arg-type]


def test_the_headline_counts_as_the_typed_kinds_do() -> None:
    """A requirement typed unchanged is counted unchanged in the headline, whatever field was edited; the typed
    changes counted there are the ones the kind counts list."""
    for old, new in (("1.2.0", "1.3.0"), ("1.0.0", "1.1.0")):
        diff = diff_standards(old, new)
        typed = sum(1 for c in diff.requirements if set(c.changes) - {"unchanged"})
        unchanged = len(diff.unchanged) + sum(1 for c in diff.requirements if set(c.changes) == {"unchanged"})
        text = headline(diff)
        assert f": {typed} requirement change(s), {unchanged} unchanged" in text, text
        assert diff.counts().get("unchanged", 0) <= unchanged


def test_text_diff_gives_each_parameters_values() -> None:
    """A parameter added shows its value, a changed one old -> new by its path, and a rule whose every change is
    listed below it is not listed again as a bare 'changed'."""
    diff = diff_standards("1.3.0", "1.4.0")
    text = render_text(diff)
    assert "scoring.rules.issuer_identity.look_alike_letters: added (true)" in text
    assert "scoring.rules.thresholds: changed" not in text and "Kinds of change" not in text
    assert "no requirement change" in text
    staleness = ManifestChange(key="scoring.rules.evidence_ceiling.staleness", change="changed",
                               old={"grace_fraction": 0.1, "after": "not_implemented"},
                               new={"grace_fraction": 0.05, "after": "not_implemented"})  # fmt: skip
    text = render_text(diff.model_copy(update={"manifest": [staleness]}))
    assert "scoring.rules.evidence_ceiling.staleness: changed (grace_fraction: 0.1 -> 0.05)" in text


def test_markdown_diff_keeps_each_note_and_gives_values() -> None:
    """The Markdown diff gives each map note ("Why: ...") beside the fields, each parameter with its value, and a
    reworded manifest text as a redline, never cut short."""
    notes = [c.note for c in diff_standards("1.0.0", "1.1.0").requirements if c.note]
    text = render_markdown(diff_standards("1.0.0", "1.1.0"))
    assert notes and all(f"Why: {note.split()[0]}" in text for note in notes)
    assert text.count("Why:") == len(notes)
    later = render_markdown(diff_standards("1.3.0", "1.4.0"))
    assert "| `scoring.rules.thresholds.near_miss_supersedes` | added (true) |" in later
    worded = render_markdown(diff_standards("1.1.0", "1.2.0"))
    row = next(line for line in worded.splitlines() if "`evidence_types.ATTEST.description`" in line)
    assert "~~" in row and "**" in row and "…" not in row
