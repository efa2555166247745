"""A blank submission skeleton in YAML, every requirement listed with its statement as a comment."""

from __future__ import annotations

import json
import textwrap
from datetime import date

from assessor.dcrs.base import SURFACES
from assessor.dcrs.models import Requirement, Standard

_STATUSES = "fully | largely | partially | not_implemented | not_applicable"


def template_yaml(standard: Standard, today: date) -> str:
    """A skeleton that validates as it stands (every answer not_implemented) and says what to fill in."""
    m = standard.manifest
    types = ", ".join(t.id for t in m.evidence_types)
    out = [
        f"# {m.id} {m.version} submission — {m.title}.",
        "# Fill in the organisation, the models in scope, the evidence register and a response per requirement.",
        "# Check it with `dcr validate FILE`; score it with `dcr assess FILE`.",
        "standard:",
        f"  id: {m.id}",
        f"  version: {m.version}",
        "organisation:",
        '  name: "<organisation name>"',
        "assessment:",
        "  type: self            # self | independent",
        f"  date: {today.isoformat()}    # evidence age is measured at this date",
        "  assessor:",
        '    name: "<assessor name>"',
        "profile:",
        "  models:",
        '    - name: "<model name>"',
        f"      surfaces: [api]    # any of: {', '.join(SURFACES)}",
        "evidence: []",
        "# - id: EV-001",
        f"#   type: DOC          # {types}",
        '#   title: "Deployment correction plan v3"',
        "#   location: https://example.org/plan.pdf    # or a path inside this folder",
        f"#   date: {today.isoformat()}",
        "#   metrics: [{metric: time_to_full_shutdown_minutes, value: 42, unit: minutes}]",
        "responses:",
    ]
    for domain in standard.domains:
        out += ["", f"  # ── {domain.id} · {domain.title}"]
        for req in domain.active():
            out += _response_block(req)
    return "\n".join(out) + "\n"


def _response_block(req: Requirement) -> list[str]:
    tags = [f"L{req.level}"] + (["critical"] if req.critical else [])
    expected = ", ".join(f"{e.type} (≤{e.max_age_days} days)" for e in req.evidence) or "none listed"
    lines = [f"  # {req.id} [{', '.join(tags)}] {req.title}"]
    lines += textwrap.wrap(req.statement, width=96, initial_indent="  #   ", subsequent_indent="  #   ")
    lines.append(f"  #   Expected evidence: {expected}")
    for t in req.metrics:
        lines.append(f"  #   Metric: {t.metric} {t.op} {t.value:g}")
    if req.applies_when is not None:
        lines.append("  #   Applies only to some profiles; elsewhere answer not_applicable with a justification.")
    lines += [
        f"  - requirement: {req.id}",
        f"    status: not_implemented    # {_STATUSES}",
        f"    narrative: {json.dumps('')}",
        "    evidence: []",
    ]
    return lines
