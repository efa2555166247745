"""The executive summary's domain chart: one bar per domain, score and level, as an SVG image with alt text.

The chart is an `<img>` (an SVG in a data: URL the PDF fetcher serves), so the tagged PDF carries its alt text;
an inline `<svg>` would lose it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from markupsafe import Markup, escape

from assessor.scoring.models import DomainResult

ROW = 26
LABEL_W = 340  # room for the longest domain title at this size (about 52 characters)
BAR_W = 250
LABEL_CHARS = 52
WIDTH = LABEL_W + BAR_W + 90
SVG_DATA = "data:image/svg+xml;base64,"
# Presentation attributes, not CSS: WeasyPrint's stylesheet does not style SVG properties.
LABEL = 'font-size="11" fill="#1a1a1a" font-family="DejaVu Sans"'
SMALL = 'font-size="10" fill="#444" font-family="DejaVu Sans"'
LEVEL_COLOURS = ("#b3261e", "#c77c02", "#2e7d32", "#1b5e20")


def domain_chart(domains: Sequence[DomainResult], top_level: int) -> Markup:
    """The chart as an `<img>` whose alt text states every bar; every label is escaped."""
    svg = domain_svg(domains, top_level).encode("utf-8")
    src = SVG_DATA + base64.b64encode(svg).decode("ascii")
    height = ROW * len(domains) + 34
    return Markup(f'<img class="chart" src="{src}" alt="{escape(chart_alt(domains))}" '
                  f'width="{WIDTH}" height="{height}">')  # fmt: skip


def chart_alt(domains: Sequence[DomainResult]) -> str:
    """The chart in words: each domain's score out of 100 and its readiness level."""
    bars = [
        f"{d.id} {d.title}: {'no score' if d.score is None else f'{d.score:.1f}'}, level {d.level}" for d in domains
    ]
    return "Bar chart of the score (0 to 100) and readiness level per domain. " + "; ".join(bars) + "."


def domain_svg(domains: Sequence[DomainResult], top_level: int) -> str:
    """Horizontal bars (score 0-100) coloured by readiness level."""
    height = ROW * len(domains) + 34
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">'
    ]
    for tick in (0, 25, 50, 75, 100):
        x = LABEL_W + BAR_W * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 24}" stroke="#ddd" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" {SMALL} text-anchor="middle">{tick}</text>')
    for i, domain in enumerate(domains):
        parts.append(_bar(i, domain, top_level))
    parts.append("</svg>")
    return "".join(parts)


def _bar(index: int, domain: DomainResult, top_level: int) -> str:
    y = 6 + index * ROW
    score = domain.score or 0.0
    colour = LEVEL_COLOURS[min(domain.level, len(LEVEL_COLOURS) - 1)] if top_level else LEVEL_COLOURS[0]
    raw = f"{domain.id} · {domain.title}"
    label = escape(raw if len(raw) <= LABEL_CHARS else raw[: LABEL_CHARS - 1] + "…")  # cut, then escape
    value = "n/a" if domain.score is None else f"{score:.1f}"  # as the tables print it
    return (
        f'<text x="{LABEL_W - 8}" y="{y + 15}" {LABEL} text-anchor="end">{label}</text>'
        f'<rect x="{LABEL_W}" y="{y + 3}" width="{BAR_W * score / 100:.1f}" height="{ROW - 8}" fill="{colour}"/>'
        f'<text x="{LABEL_W + BAR_W * score / 100 + 6:.1f}" y="{y + 15}" {SMALL}>'
        f"{escape(value)} · level {domain.level}</text>"
    )
