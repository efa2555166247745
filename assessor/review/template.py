"""A review skeleton for one submission: bound to its hash, a verdict per answer, a decision per item."""

from __future__ import annotations

import json
from datetime import date

from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.models import Submission


def review_yaml(standard: Standard, submission: Submission, source: str, today: date) -> str:
    """YAML to fill in: every verdict starts at the claim, every evidence item as not examined."""
    titles = {r.id: r.title for r in standard.requirements()}
    s = submission
    out = [
        f"# Review of {s.organisation.name}'s {s.standard.id} {s.standard.version} submission ({source}).",
        "# It is bound to the submission's content: any later edit to the submission voids this review.",
        "# Change a verdict and give a rationale where you disagree; accept or reject evidence (a rejection needs",
        "# a note, and rejected evidence then supports nothing); sign off at the end.",
        "submission:",
        f"  organisation: {json.dumps(s.organisation.name, ensure_ascii=False)}",
        f"  sha256: {submission_sha256(s)}",
        f"  standard: {{id: {s.standard.id}, version: {s.standard.version}}}",
        "reviewer:",
        '  name: "<reviewer name>"',
        '  organisation: "<audit firm or authority>"',
        '  role: "<role>"',
        '  independence: "<statement of independence from the developer>"',
        f"date: {today.isoformat()}",
        'scope: ""',
        "verdicts:",
    ]
    for response in s.responses:
        cited = ", ".join(response.evidence) or "no evidence"
        out += [
            f"  # {response.requirement} {titles.get(response.requirement, '')}",
            f"  #   claimed {response.status}; cites {cited}",
            f"  - requirement: {response.requirement}",
            f"    verified: {response.status}    # fully | largely | partially | not_implemented | not_applicable",
            '    rationale: ""',
        ]
    out.append("evidence:")
    for item in s.evidence:
        out += [
            f"  - evidence: {item.id}    # {item.type} · {item.title}",
            "    decision: not_examined    # accepted | rejected | not_examined",
            '    note: ""',
        ]
    out += [
        "findings: []",
        "# sign_off:",
        "#   decision: approved    # approved | changes_requested | rejected",
        '#   statement: ""',
        f"#   date: {today.isoformat()}",
    ]
    return "\n".join(out) + "\n"
