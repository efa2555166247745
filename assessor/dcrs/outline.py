"""A readable text outline of a standard, for `dcr standard show`."""

from __future__ import annotations

from assessor.dcrs.models import Standard


def outline(standard: Standard) -> str:
    """Domains with their requirements, counts first."""
    m = standard.manifest
    active = standard.active_requirements()
    critical = sum(r.critical for r in active)
    lines = [
        f"{m.id} {m.version} — {m.title} ({m.status}{f', {m.released}' if m.released else ''})",
        f"{len(standard.domains)} domains, {len(active)} active requirements "
        f"({len(standard.requirements())} in all), {critical} critical",
        "",
    ]
    for domain in standard.domains:
        lines.append(f"{domain.id:<4} {domain.title} — {len(domain.requirements)} requirements")
        for r in domain.requirements:
            flags = "critical" if r.critical else ""
            status = "" if r.status == "active" else f" [{r.status}]"
            lines.append(f"     {r.id:<12} L{r.level} {flags:<8} w{r.weight:g}  {r.title}{status}")
        lines.append("")
    levels = ", ".join(f"{lv.level} {lv.name}" for lv in m.levels)
    lines.append(f"Levels: {levels}")
    return "\n".join(lines)
