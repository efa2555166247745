"""A review skeleton for one submission: bound to its hash, a verdict per answer, a decision per item.

Nothing from the submission shapes the skeleton's structure: every value is written by the YAML serialiser,
and the submission's words in comments (names, titles, the file name) have every line break, control
character and bidi control escaped (`neutralised`), so they cannot end a comment and start a key.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from assessor.core.canonical import HASH_ALG
from assessor.core.text import neutralised, single_line_problem
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

_HELP = (
    "# It is bound to the submission's content: any later edit to the submission voids this review.",
    "# Give each verdict a status once you have examined the requirement (null: not examined) with a rationale",
    "# where you disagree with the claim; accept or reject each evidence item (a rejection needs a note; only",
    "# accepted evidence supports a verified status); sign off at the end. Until sign-off nothing is verified:",
    "# reports say how far the review has got, and only an approved sign-off gives a verified result.",
    "# Replace every <placeholder>.",
)
_VERDICT_HINT = "# fully | largely | partially | not_implemented | not_applicable"
_DECISION_HINT = "# accepted | rejected | not_examined"


def review_yaml(standard: Standard, submission: Submission, source: str, today: date) -> str:
    """YAML to fill in: every verdict and every evidence decision starts as not examined, and the reviewer's
    details as placeholders that are refused until they are filled in."""
    s = submission
    head = {
        "submission": {
            "organisation": s.organisation.name,
            "sha256": submission_sha256(s),
            "hash_alg": HASH_ALG,
            "standard": {"id": s.standard.id, "version": s.standard.version},
        },
        "reviewer": dict(PLACEHOLDERS),
        "date": today,
        "scope": "",
    }
    out = [_comment(f"Review of {s.organisation.name}'s {s.standard.id} {s.standard.version} submission ({source})."),
           *_HELP, _dump(head), "verdicts:"]  # fmt: skip
    out += _verdicts(standard, submission)
    out.append("evidence:" if s.evidence else "evidence: []")
    for item in s.evidence:
        entry = {"evidence": item.id, "decision": "not_examined", "note": ""}
        out += [_comment(f"{item.id}: {item.type} · {item.title}", indent=2), _item(entry, "decision", _DECISION_HINT)]
    out += [
        "findings: []",
        "# sign_off:",
        "#   decision: approved    # approved | changes_requested | rejected",
        '#   statement: ""',
        f"#   date: {today.isoformat()}",
        "#   examined: all    # all | sample (an approval must say; a sample needs sample_basis)",
        '#   sample_basis: ""',
    ]
    return "\n".join(out) + "\n"


def _verdicts(standard: Standard, submission: Submission) -> list[str]:
    titles = {r.id: r.title for r in standard.requirements()}
    if not submission.responses:
        return ["  []"]
    out = []
    for response in submission.responses:
        cited = ", ".join(response.evidence) or "no evidence"
        entry = {"requirement": response.requirement, "verified": None, "rationale": ""}
        out += [
            _comment(f"{response.requirement} {titles.get(response.requirement, '')}", indent=2),
            _comment(f"  claimed {response.status}; cites {cited}", indent=2),
            _item(entry, "verified", _VERDICT_HINT),
        ]
    return out


class _Dumper(yaml.SafeDumper):
    """Text with a line break, control or bidi character is written double-quoted, where YAML escapes them
    (PyYAML would write a NEL or U+2028 raw inside single quotes, where a reader folds it into a space)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if single_line_problem(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(data: Any) -> str:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return text.rstrip("\n")


def _item(entry: dict[str, Any], hinted: str, hint: str) -> str:
    """One list item, written by the serialiser and indented under its key; `hinted`'s line gets the hint."""
    lines = _dump([entry]).splitlines()
    return "\n".join(
        f"  {line}    {hint}" if line.lstrip("- ").startswith(f"{hinted}:") else f"  {line}" for line in lines
    )


def _comment(text: str, indent: int = 0) -> str:
    """A comment line: the text with everything that could end a line escaped."""
    return " " * indent + "# " + neutralised(text)
