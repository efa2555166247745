"""Which registered rules a manifest declares: its `scoring.rules` list, or the keys older manifests used.

Published manifests never change, so the rule lists of versions written before `scoring.rules` existed are
read from the keys they do declare: the seven evidence-rule keys name the evidence-led rules, and a manifest
with none of them names the evidence caps. This is data about manifest keys, not about version numbers.
"""

from __future__ import annotations

from assessor.dcrs.models import RuleUse, ScoringRules


def declared_rules(scoring: ScoringRules) -> list[RuleUse]:
    """The rules a manifest's scoring section runs, in order, with their parameters."""
    if scoring.rules is not None:
        return list(scoring.rules)
    evidence = scoring.evidence_rules()
    if evidence is not None:
        led = evidence.model_dump(exclude={"consistency"})
        return [
            RuleUse(rule="consistency", params=evidence.consistency.model_dump()),
            RuleUse(rule="models_and_undeclared"),
            RuleUse(rule="evidence_led", params=led),
            RuleUse(rule="scope_caveats"),
            RuleUse(rule="weakest_per_requirement"),
        ]
    caps = {"evidence_required_for": scoring.evidence_required_for, "caps": scoring.caps}
    return [
        RuleUse(rule="whole_profile"),
        RuleUse(rule="evidence_caps", params=caps),
        RuleUse(rule="domain_caveats"),
        RuleUse(rule="single_scope"),
    ]
