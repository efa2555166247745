"""Which change of the standard moved a submission: a requirement's mapped change (threshold, level, weight,
...), else the scoring rules or manifest entries the two versions differ in."""

from __future__ import annotations

from assessor.compare.models import RequirementChange


def causes(changes: list[RequirementChange], manifest: list[str]) -> list[str]:
    """One cause per requirement change: "ID kind, kind" when the map types it, else each manifest difference
    ("rule added: x", "manifest changed: y"), or "unattributed" when the versions differ in nothing else."""
    found: list[str] = []
    for change in changes:
        if change.changes:
            found.append(f"{change.requirement} {', '.join(change.changes)}")
        else:
            found += manifest or [f"{change.requirement} unattributed"]
    return sorted(dict.fromkeys(found))
