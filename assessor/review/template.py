"""A review skeleton for one submission: bound to its hash, a verdict per answer, a decision per item."""

from __future__ import annotations

import json
from datetime import date

from assessor.core.canonical import HASH_ALG
from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.models import Submission

PLACEHOLDERS = {
    "name": "<reviewer name>",
    "organisation": "<audit firm or authority>",
    "role": "<role>",
    "independence": "<statement of independence from the developer>",
}
"""The skeleton's reviewer fields; a review that still holds any of them is refused."""


def review_yaml(standard: Standard, submission: Submission, source: str, today: date) -> str:
    """YAML to fill in: every verdict and every evidence decision starts as not examined, and the reviewer's
    details as placeholders that are refused until they are filled in."""
    titles = {r.id: r.title for r in standard.requirements()}
    s = submission
    out = [
        f"# Review of {s.organisation.name}'s {s.standard.id} {s.standard.version} submission ({source}).",
        "# It is bound to the submission's content: any later edit to the submission voids this review.",
        "# Give each verdict a status once you have examined the requirement (null: not examined) with a rationale",
        "# where you disagree with the claim; accept or reject each evidence item (a rejection needs a note; only",
        "# accepted evidence supports a verified status); sign off at the end. Until sign-off nothing is verified:",
        "# reports say how far the review has got. Replace every <placeholder>.",
        "submission:",
        f"  organisation: {json.dumps(s.organisation.name, ensure_ascii=False)}",
        f"  sha256: {submission_sha256(s)}",
        f"  hash_alg: {HASH_ALG}",
        f"  standard: {{id: {s.standard.id}, version: {s.standard.version}}}",
        "reviewer:",
        *(f"  {key}: {json.dumps(value)}" for key, value in PLACEHOLDERS.items()),
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
            "    verified: null    # fully | largely | partially | not_implemented | not_applicable",
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
